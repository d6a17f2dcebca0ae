import crypto from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { createApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import { createPool, type Pool } from '../../src/platform/db.ts';
import type { Secrets } from '../../src/platform/crypto.ts';
import { ConsoleSender } from '../../src/platform/notify/sender.ts';
import { startPiiScan } from './pii-scan.ts';

export interface TestApp {
  app: FastifyInstance;
  pool: Pool;
  config: Config;
  secrets: Secrets;
  sender: ConsoleSender;
  databaseUrl: string;
  /** a JSON request; pass `cookie` to act as a signed-in session */
  request(opts: { method: string; url: string; body?: unknown; cookie?: string; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
}

/** A fresh database cloned from the migrated template, and the real app on top of it.
 *  Closed automatically after the test file. */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE gz_template`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const pool = createPool(databaseUrl, 10);
  // tests simulate many clients behind a proxy: each case sets its own X-Forwarded-For
  const config = loadConfig({}, { logLevel: 'silent', trustProxy: true, dataDir: `/tmp/gz-test-data-${name}`, ...overrides });
  const secrets: Secrets = { encKey: crypto.randomBytes(32), macKey: crypto.randomBytes(32) };
  const sender = new ConsoleSender(false);
  // the personal-data scan (issue 7): every answer and log line of this app; the file fails if it leaked (pii-setup.ts)
  const pii = startPiiScan();
  const app = await createApp({ pool, config, secrets, sender, logStream: pii.logStream });
  pii.attach(app);
  await app.ready();
  afterAll(async () => {
    await app.close();
    await pool.end();
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
  });
  return {
    app, pool, config, secrets, sender, databaseUrl,
    request: ({ method, url: u, body, cookie, headers }) =>
      app.inject({
        method: method as never,
        url: u,
        payload: body === undefined ? undefined : (body as object),
        headers: { ...(cookie ? { cookie } : {}), ...headers },
      }),
  };
}
