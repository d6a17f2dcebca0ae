import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { startInstances, type Instances } from '../../../../bench/support/instances.ts';
import { loadSecrets } from '../../src/platform/crypto.ts';
import { loadDemoCity } from '../../src/modules/demo/index.ts';
import { findPiiInText, type PiiHit } from '../support/pii-scan.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Two real `gongzhi start` processes on this test file's database (a fresh clone, with the demo
// city loaded by the test under the instances' shared master key) behind the round-robin
// balancer (bench/support/load-balancer.ts). The in-process test app only provides the database
// and a pool for reading what the instances did; it serves nothing here.

export interface Cluster {
  t: TestApp;
  inst: Instances;
}

export async function startCluster(count = 2): Promise<Cluster> {
  const t = await createTestApp();
  const secretKey = crypto.randomBytes(32).toString('hex');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-multi-'));
  // the instances boot (seconds of module loading) while the demo city is written: they need no
  // data to start, and their job runners simply find the demo's jobs once it commits
  const [, inst] = await Promise.all([
    loadDemoCity({ pool: t.pool, secrets: loadSecrets(dataDir, { GONGZHI_SECRET_KEY: secretKey }), dataDir }),
    startInstances({ databaseUrl: t.databaseUrl, count, secretKey, dataDir }),
  ]);
  afterAll(async () => {
    await inst.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return { t, inst };
}

/** Every answer of the instances read by call(), scanned for full ID numbers and mobile numbers
 *  (the instances are other processes: the test app's own scan hook does not see their answers). */
export const piiFindings: (PiiHit & { url: string })[] = [];
export const scanned = { answers: 0 };

export interface Answer {
  status: number;
  text: string;
  /** which upstream answered, when it went through the balancer */
  upstream: number | null;
  setCookie: string | null;
}

export async function call(base: string, url: string, o: { method?: string; cookie?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const r = await fetch(`${base}/api/v1${url}`, {
    method: o.method ?? 'GET',
    headers: {
      ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(o.cookie ? { cookie: o.cookie } : {}),
      ...o.headers,
    },
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
  });
  const up = r.headers.get('x-gongzhi-upstream');
  const text = await r.text();
  scanned.answers++;
  for (const h of findPiiInText(text)) piiFindings.push({ ...h, url });
  return { status: r.status, text, upstream: up === null ? null : Number(up), setCookie: r.headers.get('set-cookie') };
}

export async function signIn(base: string, username: string): Promise<string> {
  const a = await call(base, '/auth/login', { method: 'POST', body: { login: username, password: 'Demo@2026' } });
  if (a.status !== 200 || !a.setCookie) throw new Error(`login ${username}: ${a.status} ${a.text}`);
  return a.setCookie.split(';')[0]!;
}
