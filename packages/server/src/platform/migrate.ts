import fs from 'node:fs/promises';
import path from 'node:path';
import type { Pool } from './db.ts';
import { withTx } from './db.ts';

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../migrations');

/** The SQL is written and tested for PostgreSQL 15 or newer (the embedded one is 17); an older
 *  server is refused at start with a clear message rather than failing halfway through. */
export const MIN_SERVER_VERSION_NUM = 150000;

export function unsupportedVersionMessage(versionNum: number): string | null {
  if (versionNum >= MIN_SERVER_VERSION_NUM) return null;
  const major = Math.floor(versionNum / 10000);
  return `PostgreSQL ${major} 版本过低，需要 15 或更新版本 / PostgreSQL ${major} is too old: version 15 or newer is required`;
}

/** Applies every migration not yet applied, all in one transaction under an advisory lock, so
 *  that two servers starting together do not race and a failed migration leaves nothing behind.
 *  Returns the names applied. */
export async function migrate(pool: Pool): Promise<string[]> {
  const v = await pool.query('SHOW server_version_num');
  const problem = unsupportedVersionMessage(Number(v.rows[0].server_version_num));
  if (problem) throw new Error(problem);
  const files = (await fs.readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
  const applied: string[] = [];
  await withTx(pool, async (db) => {
    await db.query('SELECT pg_advisory_xact_lock(7261001)');
    await db.query('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await db.query('SELECT name FROM schema_migrations')).rows.map((r) => r.name as string));
    for (const file of files) {
      if (done.has(file)) continue;
      const sql = await fs.readFile(path.join(MIGRATIONS_DIR, file), 'utf8');
      await db.query(sql);
      await db.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
      applied.push(file);
    }
  });
  return applied;
}
