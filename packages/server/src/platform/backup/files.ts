import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

// The backup's file layer: a backup directory mirrors the platform's data directory (pg/ for
// PostgreSQL's cluster, pg-password, attachments/), plus gongzhi-backup.json, the manifest with the
// size and sha256 of every file. Restore checks every file against it before writing anything.

export const MANIFEST_FILE = 'gongzhi-backup.json';
export const MANIFEST_FORMAT = 'gongzhi.backup/v1';

export interface ManifestFile { path: string; size: number; sha256: string }

export interface PhysicalManifest {
  format: typeof MANIFEST_FORMAT;
  kind: 'physical';
  createdAt: string;
  label: string;
  postgresVersion: number;
  systemIdentifier: string;
  timeline: number;
  startLsn: string;
  stopLsn: string;
  startWalFile: string;
  stopWalFile: string;
  /** the cluster came from the embedded PostgreSQL (pg-password is included) */
  embedded: boolean;
  /** directories to create (relative, '/'-separated), e.g. the emptied pg_wal, pg_replslot */
  dirs: string[];
  files: ManifestFile[];
}

export interface DumpManifest {
  format: typeof MANIFEST_FORMAT;
  kind: 'pg_dump';
  createdAt: string;
  postgresVersion: number;
  pgDumpVersion: string;
  files: ManifestFile[];
}

export type Manifest = PhysicalManifest | DumpManifest;

/** A failure the operator can act on; the CLI prints the message (zh / en) and exits 2. */
export class BackupError extends Error {}

/** Copies one file, hashing the bytes as they are written. null when the file vanished meanwhile
 *  (PostgreSQL drops files during an online backup; the WAL replay accounts for that). */
export async function copyHashed(from: string, to: string, mode = 0o600): Promise<{ size: number; sha256: string } | null> {
  const hash = crypto.createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(fs.createReadStream(from), tap, fs.createWriteStream(to, { mode }));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && !fs.existsSync(from)) {
      fs.rmSync(to, { force: true });
      return null;
    }
    throw e;
  }
  return { size, sha256: hash.digest('hex') };
}

export async function hashFile(file: string): Promise<{ size: number; sha256: string }> {
  const hash = crypto.createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hash.digest('hex') };
}

/** Writes bytes exactly as given (backup_label must be byte for byte what pg_backup_stop returned). */
export function writeHashed(to: string, content: string | Buffer, mode = 0o600): ManifestFile & { abs: string } {
  const buf = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  fs.writeFileSync(to, buf, { mode });
  return { abs: to, path: '', size: buf.length, sha256: crypto.createHash('sha256').update(buf).digest('hex') };
}

export const toManifestPath = (rel: string) => rel.split(path.sep).join('/');

/** Refuses a target that exists and is not an empty directory. */
export function assertEmptyOrAbsent(dir: string, what: string): void {
  if (!fs.existsSync(dir)) return;
  const st = fs.statSync(dir);
  if (!st.isDirectory() || fs.readdirSync(dir).length > 0) {
    throw new BackupError(`${what} ${dir} 已存在且不是空目录，拒绝覆盖 / ${dir} exists and is not an empty directory; refusing to overwrite it`);
  }
}
