import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { EMPTIED_DIRS, isWalSegment, listClusterFiles, readSystemIdentifier, walSegmentNumber } from './cluster-files.ts';
import {
  BackupError, copyHashed, MANIFEST_FILE, MANIFEST_FORMAT, toManifestPath, writeHashed, type ManifestFile, type PhysicalManifest,
} from './files.ts';

// An online physical backup through PostgreSQL's own low-level API (PostgreSQL 17 documentation,
// "Making a Base Backup Using the Low Level API"), for when no pg_basebackup of the server's
// version exists (the embedded PostgreSQL ships only initdb, pg_ctl and postgres):
//  1. a temporary physical replication slot, reserving WAL from now on, so no segment the backup
//     needs is recycled while the files are copied (it disappears with the session);
//  2. pg_backup_start(label, fast => true) on that same connection, kept open throughout;
//  3. a copy of the data directory (cluster-files.ts says what is left out), pg_control last;
//  4. pg_backup_stop(wait_for_archive => false): it ends backup mode and switches to a new WAL
//     segment; its labelfile is written byte for byte as backup_label (the tablespace map too, if
//     any), and the lsn it returns names the last WAL segment the backup needs (pg_walfile_name);
//  5. the WAL segments from the one named in backup_label (START WAL LOCATION) to that one.
// With backup_label and all that WAL in pg_wal, a server started on the copy replays it and is
// consistent at the backup's end (like pg_basebackup -X fetch output, no recovery.signal needed);
// WAL written after pg_backup_stop is not in the backup.
// The platform's own files (pg-password, attachments/) are copied after step 4: an attachment is
// stored before the row naming it commits, so every attachment the database names is present.

export interface ExtraSource {
  /** absolute path of a file or directory to include */
  from: string;
  /** its place in the backup, relative */
  to: string;
  /** top-level names to leave out of a directory (attachments/tmp: uploads in progress) */
  skip?: string[];
}

export interface TakeBackupOptions {
  /** a superuser connection (the embedded PostgreSQL's gongzhi role is one) */
  url: string;
  /** where the backup goes: a new or empty directory */
  out: string;
  embedded: boolean;
  extras?: ExtraSource[];
  label?: string;
  /** test hooks: run right after pg_backup_start / pg_backup_stop return */
  hooks?: { afterStart?: () => Promise<void>; afterStop?: () => Promise<void> };
}

export class NotLocalError extends BackupError {}

interface ServerFacts { version: number; dataDir: string; systemIdentifier: string; walLevel: string; segmentBytes: number; timeline: number }

async function serverFacts(client: pg.Client): Promise<ServerFacts> {
  let r;
  try {
    r = await client.query(`SELECT current_setting('server_version_num')::int AS version, current_setting('data_directory') AS dir,
      (SELECT system_identifier::text FROM pg_control_system()) AS sysid, current_setting('wal_level') AS wal_level,
      pg_size_bytes(current_setting('wal_segment_size')) AS seg, (SELECT timeline_id FROM pg_control_checkpoint()) AS tli`);
  } catch (e) {
    throw new BackupError(`读取数据库服务器信息失败（需要超级用户）/ could not read the server's settings (a superuser is needed): ${(e as Error).message}`);
  }
  const f = r.rows[0];
  return { version: f.version, dataDir: f.dir, systemIdentifier: f.sysid, walLevel: f.wal_level, segmentBytes: Number(f.seg), timeline: Number(f.tli) };
}

/** The data directory of the server behind `client`, if it is on this machine and readable. */
export function localDataDir(facts: { dataDir: string; systemIdentifier: string }): string | null {
  return readSystemIdentifier(facts.dataDir) === facts.systemIdentifier ? facts.dataDir : null;
}

export async function takePhysicalBackup(opts: TakeBackupOptions): Promise<PhysicalManifest> {
  const client = new pg.Client({ connectionString: opts.url });
  await client.connect();
  // the connection ends when the backup does; a backup left running would be aborted by that
  client.on('error', () => undefined);
  try {
    const facts = await serverFacts(client);
    const dataDir = localDataDir(facts);
    if (!dataDir) {
      throw new NotLocalError(
        `数据库的数据目录 ${facts.dataDir} 不在本机（或无权读取）：物理备份须在数据库所在的机器上以 root 或 postgres 用户运行；` +
          `外部数据库请用 --logical（需要与服务器同版本或更新的 pg_dump）。\n` +
          `The database's data directory ${facts.dataDir} is not on this machine (or not readable): run the physical backup on the ` +
          `database host as root or the postgres user; for an external server use --logical (needs a pg_dump of the server's major version or newer).`,
      );
    }
    if (facts.walLevel === 'minimal') throw new BackupError('wal_level=minimal 不能做在线备份，请设为 replica / an online backup needs wal_level replica or logical');
    fs.mkdirSync(path.join(opts.out, 'pg'), { recursive: true, mode: 0o700 });
    const files: ManifestFile[] = [];
    const label = opts.label ?? `gongzhi backup ${new Date().toISOString()}`;

    const slot = `gongzhi_backup_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
    await client.query('SELECT pg_create_physical_replication_slot($1, true, true)', [slot]);
    const started = await client.query('SELECT pg_backup_start($1, true) AS lsn', [label]);
    await opts.hooks?.afterStart?.();

    const listing = listClusterFiles(dataDir);
    for (const d of listing.dirs) fs.mkdirSync(path.join(opts.out, 'pg', d), { recursive: true, mode: 0o700 });
    for (const f of listing.files) {
      const copied = await copyHashed(path.join(dataDir, f), path.join(opts.out, 'pg', f));
      if (copied) files.push({ path: toManifestPath(path.join('pg', f)), ...copied });
    }

    const stop = await client.query(
      `SELECT s.lsn::text AS lsn, s.labelfile, s.spcmapfile, pg_walfile_name(s.lsn) AS stop_wal FROM pg_backup_stop(false) s`);
    await opts.hooks?.afterStop?.();
    const { lsn: stopLsn, labelfile, spcmapfile, stop_wal: stopWal } = stop.rows[0];
    const add = (rel: string, content: string) => {
      const w = writeHashed(path.join(opts.out, 'pg', rel), content);
      files.push({ path: `pg/${rel}`, size: w.size, sha256: w.sha256 });
    };
    add('backup_label', labelfile);
    if (spcmapfile) add('tablespace_map', spcmapfile);

    const startWal = /START WAL LOCATION: \S+ \(file ([0-9A-F]{24})\)/.exec(labelfile)?.[1];
    if (!startWal) throw new BackupError(`无法从 backup_label 读出起始 WAL 文件 / no start WAL file in the backup label:\n${labelfile}`);
    files.push(...(await copyWal(dataDir, opts.out, startWal, stopWal, facts.segmentBytes)));
    await client.query('SELECT pg_drop_replication_slot($1)', [slot]);

    for (const extra of opts.extras ?? []) files.push(...(await copyExtra(extra, opts.out)));
    const manifest: PhysicalManifest = {
      format: MANIFEST_FORMAT, kind: 'physical', createdAt: new Date().toISOString(), label,
      postgresVersion: facts.version, systemIdentifier: facts.systemIdentifier, timeline: facts.timeline,
      startLsn: String(started.rows[0].lsn), stopLsn, startWalFile: startWal, stopWalFile: stopWal, embedded: opts.embedded,
      dirs: [...listing.dirs, ...EMPTIED_DIRS.filter((d) => !listing.dirs.includes(d))].map((d) => toManifestPath(path.join('pg', d))),
      files,
    };
    fs.writeFileSync(path.join(opts.out, MANIFEST_FILE), `${JSON.stringify(manifest, null, 1)}\n`, { mode: 0o600 });
    return manifest;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Copies pg_wal's segments from `first` to `last` (and the timeline history files), refusing a gap. */
async function copyWal(dataDir: string, out: string, first: string, last: string, segmentBytes: number): Promise<ManifestFile[]> {
  const walDir = path.join(dataDir, 'pg_wal');
  const names = fs.readdirSync(walDir).filter((n) => (isWalSegment(n) && n >= first && n <= last) || n.endsWith('.history')).sort();
  const want = walSegmentNumber(last, segmentBytes) - walSegmentNumber(first, segmentBytes) + 1n;
  const segments = names.filter(isWalSegment);
  if (BigInt(segments.length) !== want || segments[0] !== first || segments.at(-1) !== last) {
    throw new BackupError(`WAL 不完整：需要 ${first} 到 ${last}，只找到 ${segments.length} 个 / WAL incomplete: need ${first}..${last}, found ${segments.length}`);
  }
  const files: ManifestFile[] = [];
  for (const n of names) {
    const copied = await copyHashed(path.join(walDir, n), path.join(out, 'pg', 'pg_wal', n));
    if (!copied) throw new BackupError(`WAL 文件 ${n} 在复制时消失 / WAL segment ${n} vanished while copied`);
    files.push({ path: `pg/pg_wal/${n}`, ...copied });
  }
  return files;
}

/** Copies a platform file or directory (pg-password, attachments/) into the backup. */
export async function copyExtra(extra: ExtraSource, out: string): Promise<ManifestFile[]> {
  if (!fs.existsSync(extra.from)) return [];
  const files: ManifestFile[] = [];
  const visit = async (from: string, to: string, top: boolean) => {
    const st = fs.statSync(from);
    if (st.isDirectory()) {
      fs.mkdirSync(path.join(out, to), { recursive: true, mode: 0o700 });
      for (const name of fs.readdirSync(from).sort()) {
        if (top && extra.skip?.includes(name)) continue;
        await visit(path.join(from, name), path.join(to, name), false);
      }
    } else if (st.isFile()) {
      const copied = await copyHashed(from, path.join(out, to));
      if (copied) files.push({ path: toManifestPath(to), ...copied });
    }
  };
  await visit(extra.from, extra.to, true);
  return files;
}
