import fs from 'node:fs';
import path from 'node:path';
import { BackupError } from './files.ts';

// Which files of a PostgreSQL data directory an online base backup copies, after the PostgreSQL 17
// documentation ("Making a Base Backup Using the Low Level API" → "Backing Up the Data Directory")
// and what pg_basebackup itself leaves out (the replication protocol's BASE_BACKUP):
// - postmaster.pid / postmaster.opts: they describe the running server and would confuse pg_ctl;
// - a stale backup_label / tablespace_map / backup_manifest: ours come from pg_backup_stop;
// - the CONTENTS (not the directories) of pg_wal (the needed segments are copied separately, from
//   the start to the stop segment), pg_replslot (slots of the source would hold WAL forever on a
//   copy), pg_dynshmem, pg_notify, pg_serial, pg_snapshots, pg_stat_tmp, pg_subtrans (all
//   initialised at server start);
// - anything named pgsql_tmp*, pg_internal.init (relation cache, rebuilt in recovery), temporary
//   relations (t<backend>_<relfilenode>) and *.tmp files PostgreSQL writes and renames atomically.

const SKIP_FILES_AT_ROOT = new Set([
  'postmaster.pid', 'postmaster.opts', 'backup_label', 'backup_label.old', 'tablespace_map', 'backup_manifest',
  'postgresql.auto.conf.tmp', 'current_logfiles.tmp',
]);
export const EMPTIED_DIRS = ['pg_wal', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans'];
/** directories restore creates inside the emptied pg_wal (as pg_basebackup does) */
export const WAL_SUBDIRS = ['pg_wal/archive_status', 'pg_wal/summaries'];

function skipped(rel: string, name: string, isDir: boolean): boolean {
  if (name.startsWith('pgsql_tmp')) return true;
  if (isDir) return false;
  if (!rel.includes(path.sep) && SKIP_FILES_AT_ROOT.has(name)) return true;
  if (name === 'pg_internal.init') return true;
  if (/^t\d+_\d+/.test(name) && rel.startsWith(`base${path.sep}`)) return true;
  return false;
}

export interface ClusterListing {
  dirs: string[];
  files: string[];
}

/** The directories and files to copy, relative to the data directory, global/pg_control LAST
 *  (as pg_basebackup sends it: the control file copied at the latest possible moment). Refuses
 *  tablespaces: the platform creates none, and their symlinks would need a tablespace_map. */
export function listClusterFiles(dataDir: string): ClusterListing {
  const dirs: string[] = [];
  const files: string[] = [];
  const walk = (rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(dataDir, rel), { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // dropped meanwhile
      throw e;
    }
    for (const e of entries) {
      const r = rel ? path.join(rel, e.name) : e.name;
      if (rel === 'pg_tblspc') throw new BackupError(`表空间不受支持 / tablespaces are not supported by gongzhi backup (${r})`);
      // pg_wal may be a symlink (initdb -X): its contents are copied separately anyway
      const isDir = e.isDirectory() || (e.isSymbolicLink() && EMPTIED_DIRS.includes(r));
      if (skipped(r, e.name, isDir)) continue;
      if (isDir) {
        dirs.push(r);
        if (!EMPTIED_DIRS.includes(r)) walk(r);
      } else if (e.isFile()) {
        files.push(r);
      }
      // sockets, other symlinks and devices are skipped, like pg_basebackup does
    }
  };
  walk('');
  const control = path.join('global', 'pg_control');
  const i = files.indexOf(control);
  if (i < 0) throw new BackupError(`${dataDir} 不是 PostgreSQL 数据目录（缺少 global/pg_control）/ not a PostgreSQL data directory`);
  files.splice(i, 1);
  files.push(control);
  return { dirs, files };
}

/** PostgreSQL's system identifier, the first 8 bytes of global/pg_control (little-endian on the
 *  platforms we run on): a data directory here belongs to the server we talk to only if they match. */
export function readSystemIdentifier(dataDir: string): string | null {
  try {
    const fd = fs.openSync(path.join(dataDir, 'global', 'pg_control'), 'r');
    try {
      const buf = Buffer.alloc(8);
      fs.readSync(fd, buf, 0, 8, 0);
      return buf.readBigUInt64LE(0).toString();
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return null;
  }
}

/** WAL segment names (TTTTTTTTXXXXXXXXYYYYYYYY) from `first` to `last`, both included, each as a
 *  number to check that none is missing in between. */
export function walSegmentNumber(name: string, segmentBytes: number): bigint {
  const log = BigInt(`0x${name.slice(8, 16)}`);
  const seg = BigInt(`0x${name.slice(16, 24)}`);
  return log * (0x1_0000_0000n / BigInt(segmentBytes)) + seg;
}

export const isWalSegment = (name: string) => /^[0-9A-F]{24}$/.test(name);
