import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { BackupError } from './files.ts';

// A backup is a directory; `OUT.tar.gz` packs that directory with the system's tar (GNU tar on
// every Linux we run on) and restore unpacks it into a temporary directory first. The manifest's
// checksums are of the files, so they are checked the same way either way.

export const isTarGz = (p: string) => /\.(tar\.gz|tgz)$/.test(p);

function tar(args: string[]): void {
  const r = spawnSync('tar', args, { encoding: 'utf8' });
  if (r.error) throw new BackupError(`找不到 tar 命令 / tar is not available: ${r.error.message}`);
  if (r.status !== 0) throw new BackupError(`tar 失败 / tar failed: ${r.stderr.trim()}`);
}

/** gzip -1: several times faster than the default level, and the data files still shrink well.
 *  The archive is written under a temporary name, synced, and only then renamed: a tar that fails
 *  or is killed half-way never leaves a file that looks like a finished backup (a rotation that
 *  keeps "the newest N" would otherwise delete good copies for a broken one). */
export function packDirectory(dir: string, archive: string): void {
  const partial = `${archive}.partial-${process.pid}`;
  try {
    tar(['--use-compress-program=gzip -1', '-cf', partial, '-C', dir, '.']);
    fs.chmodSync(partial, 0o600);
    const fd = fs.openSync(partial, 'r');
    try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
    fs.renameSync(partial, archive);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

export function unpackArchive(archive: string, into: string): void {
  fs.mkdirSync(into, { recursive: true, mode: 0o700 });
  tar(['-xzf', archive, '-C', into, '--no-same-owner']);
}
