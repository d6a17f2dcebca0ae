import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedDb, type EmbeddedDb } from '../../src/platform/embedded-db.ts';
import { createPool } from '../../src/platform/db.ts';
import { migrate } from '../../src/platform/migrate.ts';
import { piiRunDir, summarisePiiRun } from './pii-scan.ts';

// Integration tests run against a real PostgreSQL: TEST_DATABASE_URL (a server we may create
// databases on) or a fresh embedded one. A migrated template database is cloned per test file.
let embedded: EmbeddedDb | undefined;
let tmp: string | undefined;

export const TEMPLATE_DB = 'gz_template';

export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-test-pg-'));
    fs.chmodSync(tmp, 0o777);
    embedded = await startEmbeddedDb({ dataDir: tmp, port: 54339 + Math.floor(Math.random() * 500), quiet: true });
    adminUrl = embedded.url;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${TEMPLATE_DB}`;
  const pool = createPool(url.toString(), 2);
  await migrate(pool);
  await pool.end();
  project.provide('adminDatabaseUrl', adminUrl);
  // the personal-data scan: each test file adds a line under this run's directory (pii-scan.ts)
  const piiDir = piiRunDir(String(process.pid));
  fs.rmSync(piiDir, { recursive: true, force: true });
  project.provide('piiRunDir', piiDir);
  return async () => {
    const pii = summarisePiiRun(piiDir);
    if (pii) console.log(JSON.stringify(pii));
    fs.rmSync(piiDir, { recursive: true, force: true });
    await embedded?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    piiRunDir: string;
  }
}
