import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { BackupError, hashFile, MANIFEST_FILE, MANIFEST_FORMAT, type DumpManifest } from './files.ts';
import { verifyBackupFiles } from './restore-backup.ts';
import { copyExtra, type ExtraSource } from './take-backup.ts';

// The logical path, for a PostgreSQL whose data directory is not on this machine (a managed or
// remote server): pg_dump -Fc / pg_restore, which must be of the server's major version or newer
// (pg_dump refuses a newer server). Nothing is downloaded or guessed: without such tools on PATH
// the command says which one is missing. For a production server prefer its own tools (pg_basebackup,
// WAL archiving): see docs/OPERATIONS.md.

const DUMP_FILE = 'database.dump';

/** The major version of a PostgreSQL client tool on PATH, or null when absent. */
export function toolMajor(tool: 'pg_dump' | 'pg_restore'): { major: number; version: string } | null {
  try {
    const out = execFileSync(tool, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const m = /(\d+)(?:\.(\d+))?/.exec(out);
    return m ? { major: Number(m[1]), version: out.trim() } : null;
  } catch {
    return null;
  }
}

async function serverMajor(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query(`SELECT current_setting('server_version_num')::int AS v`);
    return Math.floor(r.rows[0].v / 10000);
  } finally {
    await c.end();
  }
}

function requireTool(tool: 'pg_dump' | 'pg_restore', major: number): string {
  const t = toolMajor(tool);
  if (!t) {
    throw new BackupError(`PATH 上没有 ${tool}：请安装 PostgreSQL ${major} 或更新版本的客户端工具 / no ${tool} on PATH: install the PostgreSQL ${major} (or newer) client tools`);
  }
  if (t.major < major) {
    throw new BackupError(
      `PATH 上的 ${tool} 是 ${t.major} 版，服务器是 ${major} 版：需要 ${major} 或更新版本的 ${tool} / ` +
        `${tool} on PATH is version ${t.major}, the server is ${major}: a ${tool} of version ${major} or newer is needed (${t.version})`,
    );
  }
  return t.version;
}

export async function takeLogicalBackup(opts: { url: string; out: string; extras?: ExtraSource[] }): Promise<DumpManifest> {
  const major = await serverMajor(opts.url);
  const version = requireTool('pg_dump', major);
  fs.mkdirSync(opts.out, { recursive: true, mode: 0o700 });
  const file = path.join(opts.out, DUMP_FILE);
  const r = spawnSync('pg_dump', ['--format=custom', '--no-password', `--file=${file}`, `--dbname=${opts.url}`], { encoding: 'utf8' });
  if (r.status !== 0) throw new BackupError(`pg_dump 失败 / pg_dump failed: ${r.stderr || r.error?.message}`);
  const manifest: DumpManifest = {
    format: MANIFEST_FORMAT, kind: 'pg_dump', createdAt: new Date().toISOString(), postgresVersion: major, pgDumpVersion: version,
    files: [{ path: DUMP_FILE, ...(await hashFile(file)) }],
  };
  for (const extra of opts.extras ?? []) manifest.files.push(...(await copyExtra(extra, opts.out)));
  fs.writeFileSync(path.join(opts.out, MANIFEST_FILE), `${JSON.stringify(manifest, null, 1)}\n`, { mode: 0o600 });
  return manifest;
}

/** Restores a pg_dump backup into an EMPTY database (no table in it); the platform's files
 *  (attachments/) go into `dataDir` when given. */
export async function restoreLogicalBackup(opts: { backupDir: string; manifest: DumpManifest; url: string; dataDir?: string }): Promise<void> {
  const c = new pg.Client({ connectionString: opts.url });
  await c.connect();
  try {
    const r = await c.query(`SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')`);
    if (r.rows[0].n > 0) throw new BackupError('目标数据库不是空的，拒绝恢复 / the target database is not empty; refusing to restore into it');
  } finally {
    await c.end();
  }
  requireTool('pg_restore', opts.manifest.postgresVersion);
  await verifyBackupFiles(opts.backupDir, opts.manifest.files);
  const r = spawnSync('pg_restore', ['--exit-on-error', '--no-owner', '--no-password', `--dbname=${opts.url}`, path.join(opts.backupDir, DUMP_FILE)], { encoding: 'utf8' });
  if (r.status !== 0) throw new BackupError(`pg_restore 失败 / pg_restore failed: ${r.stderr || r.error?.message}`);
  if (!opts.dataDir) return;
  for (const f of opts.manifest.files.filter((x) => x.path !== DUMP_FILE)) {
    const to = path.join(opts.dataDir, f.path);
    fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o700 });
    fs.copyFileSync(path.join(opts.backupDir, f.path), to, fs.constants.COPYFILE_EXCL);
  }
}
