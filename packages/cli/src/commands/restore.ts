import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BackupError, isTarGz, readManifest, restoreLogicalBackup, restorePhysicalBackup, unpackArchive,
} from '@gongzhi/server/platform/backup/index.ts';
import { CliError, parseCommandArgs } from '../cli-error.ts';

// `gongzhi restore BACKUP --data-dir NEWDIR`: checks every file of a `gongzhi backup` against its
// manifest, then lays it down in NEWDIR (absent or empty; an existing data directory is never
// overwritten). `GONGZHI_DATA_DIR=NEWDIR gongzhi start` then recovers to the backup's end.
// A pg_dump backup goes into an empty database instead: --database-url URL.

const USAGE = 'gongzhi restore 备份目录|备份.tar.gz --data-dir 新数据目录  （pg_dump 备份 / a pg_dump backup: --database-url URL [--data-dir 目录]）';

export async function restore(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { 'data-dir': { type: 'string' }, 'database-url': { type: 'string' } }, USAGE);
  if (positionals.length !== 1) throw new CliError(`需要一个备份（目录或 .tar.gz）/ one backup (a directory or .tar.gz) expected\n用法 / usage: ${USAGE}`);
  const from = path.resolve(positionals[0]!);
  const dataDir = typeof values['data-dir'] === 'string' && values['data-dir'].trim() ? path.resolve(values['data-dir']) : undefined;
  const url = typeof values['database-url'] === 'string' && values['database-url'].trim() ? values['database-url'] : undefined;
  if (!dataDir && !url) throw new CliError(`缺少 --data-dir / missing --data-dir\n用法 / usage: ${USAGE}`);
  if (!fs.existsSync(from)) throw new CliError(`备份 ${from} 不存在 / the backup ${from} does not exist`);

  let unpacked: string | undefined;
  try {
    let dir = from;
    if (isTarGz(from)) {
      unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-restore-'));
      unpackArchive(from, unpacked);
      dir = unpacked;
    }
    const manifest = readManifest(dir);
    if (manifest.kind === 'pg_dump') {
      if (!url) throw new CliError(`这是 pg_dump 备份：需要 --database-url（一个空数据库）/ a pg_dump backup: --database-url (an empty database) is needed\n用法 / usage: ${USAGE}`);
      await restoreLogicalBackup({ backupDir: dir, manifest, url, dataDir });
      console.log(`已恢复到数据库 / restored into the database (${manifest.files.length} 个文件 files, pg_dump ${manifest.createdAt})`);
      return 0;
    }
    if (!dataDir) throw new CliError(`物理备份需要 --data-dir / a physical backup needs --data-dir\n用法 / usage: ${USAGE}`);
    const r = await restorePhysicalBackup({ backupDir: dir, dataDir });
    console.log(`已恢复 / restored: ${dataDir} (${r.files} 个文件 files, ${(r.bytes / 1048576).toFixed(1)} MiB，校验和全部一致 / every checksum matched)`);
    console.log(`  备份于 / taken ${manifest.createdAt}；启动后恢复到 LSN ${manifest.kind === 'physical' ? manifest.stopLsn : ''} / starting it recovers to that point:`);
    console.log(`  GONGZHI_DATA_DIR=${dataDir} gongzhi start`);
    if (!fs.existsSync(path.join(dataDir, 'secret.key'))) {
      console.log('  身份证号加密密钥不在备份中：请把原来的 secret.key 放入该目录，或设置 GONGZHI_SECRET_KEY。\n'
        + '  The ID-number key is not in the backup: put the original secret.key in that directory or set GONGZHI_SECRET_KEY.');
    }
    return 0;
  } catch (e) {
    if (e instanceof BackupError) throw new CliError(e.message);
    throw e;
  } finally {
    if (unpacked) fs.rmSync(unpacked, { recursive: true, force: true });
  }
}
