import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '@gongzhi/server';
import {
  assertEmptyOrAbsent, BackupError, isTarGz, NotLocalError, packDirectory, takeLogicalBackup, takePhysicalBackup, toolMajor,
  type ExtraSource, type Manifest,
} from '@gongzhi/server/platform/backup/index.ts';
import { CliError, parseCommandArgs } from '../cli-error.ts';
import { openDatabase } from '../database.ts';

// `gongzhi backup OUT [--logical] [--label TEXT]`: an online backup of the platform's database
// while it keeps running (platform/backup/take-backup.ts), with the attachments and the embedded
// database's password file, into a new directory OUT or an archive OUT.tar.gz. The ID-number key
// (secret.key / GONGZHI_SECRET_KEY) is deliberately NOT included: it is kept apart from the data
// it protects (docs/OPERATIONS.md). Exit 0, or 2 with what to fix.

const USAGE = 'gongzhi backup 目标目录|目标.tar.gz [--logical] [--label 说明]';

interface Source { url: string; embedded: boolean; stop: () => Promise<void> }

/** The database to back up: DATABASE_URL; else the embedded PostgreSQL of the running platform
 *  (the data directory's lock names a live process), reached like `gongzhi start` reaches it;
 *  else the embedded PostgreSQL started for the backup and stopped after it. */
async function openSource(config: Config): Promise<Source> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  const lock = path.join(config.dataDir, 'gongzhi.lock');
  const holder = fs.existsSync(lock) ? Number(fs.readFileSync(lock, 'utf8')) : 0;
  let running = false;
  try {
    if (holder && holder !== process.pid) running = process.kill(holder, 0);
  } catch (e) {
    running = (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (running) {
    const password = fs.readFileSync(path.join(config.dataDir, 'pg-password'), 'utf8').trim();
    const port = Number(process.env.GONGZHI_PG_PORT ?? 54329);
    return { url: `postgres://gongzhi:${encodeURIComponent(password)}@127.0.0.1:${port}/gongzhi`, embedded: true, stop: async () => undefined };
  }
  if (!fs.existsSync(path.join(config.dataDir, 'pg', 'PG_VERSION'))) {
    throw new CliError(`${config.dataDir} 中没有数据库，无可备份 / no database in ${config.dataDir}: nothing to back up (set GONGZHI_DATA_DIR or DATABASE_URL)`);
  }
  const db = await openDatabase(config, true);
  return { url: db.url, embedded: true, stop: db.stop };
}

export async function backup(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { logical: { type: 'boolean' }, label: { type: 'string' } }, USAGE);
  if (positionals.length !== 1) throw new CliError(`需要一个备份目标（目录或 .tar.gz）/ one backup target (a directory or .tar.gz) expected\n用法 / usage: ${USAGE}`);
  const out = path.resolve(positionals[0]!);
  const tar = isTarGz(out);
  try {
    if (tar && fs.existsSync(out)) throw new BackupError(`${out} 已存在，拒绝覆盖 / ${out} exists; refusing to overwrite it`);
    if (!tar) assertEmptyOrAbsent(out, '备份目标 / backup target');
    if (!fs.existsSync(path.dirname(out))) throw new BackupError(`目录 ${path.dirname(out)} 不存在 / directory ${path.dirname(out)} does not exist`);
  } catch (e) {
    if (e instanceof BackupError) throw new CliError(e.message);
    throw e;
  }
  // written aside and renamed at the end: a failed backup never looks like a finished one
  const work = path.join(path.dirname(out), `.${path.basename(out)}.partial-${process.pid}`);
  const extras: ExtraSource[] = [{ from: path.join(config.dataDir, 'attachments'), to: 'attachments', skip: ['tmp'] }];
  const source = await openSource(config);
  let manifest: Manifest;
  try {
    const started = Date.now();
    if (values.logical) {
      manifest = await takeLogicalBackup({ url: source.url, out: work, extras });
    } else {
      if (source.embedded) extras.push({ from: path.join(config.dataDir, 'pg-password'), to: 'pg-password' });
      try {
        manifest = await takePhysicalBackup({ url: source.url, out: work, embedded: source.embedded, extras, label: values.label as string | undefined });
      } catch (e) {
        // an external server: its own dump tools, when a compatible pg_dump is here
        if (!(e instanceof NotLocalError) || !toolMajor('pg_dump')) throw e;
        console.log('数据目录不在本机，改用 pg_dump / the data directory is not local: using pg_dump');
        fs.rmSync(work, { recursive: true, force: true });
        manifest = await takeLogicalBackup({ url: source.url, out: work, extras }).catch((e2: unknown) => {
          // both ways failed: say why for each
          throw e2 instanceof BackupError ? new BackupError(`${e.message}\n${e2.message}`) : e2;
        });
      }
    }
    if (tar) {
      packDirectory(work, out);
      fs.rmSync(work, { recursive: true, force: true });
    } else {
      if (fs.existsSync(out)) fs.rmdirSync(out);
      fs.renameSync(work, out);
    }
    const bytes = manifest.files.reduce((s, f) => s + f.size, 0);
    console.log(`备份完成 / backup written: ${out}`);
    console.log(`  ${manifest.kind === 'physical' ? `物理备份 physical, WAL ${manifest.startWalFile}…${manifest.stopWalFile}, 截止 ends at LSN ${manifest.stopLsn}` : 'pg_dump'}`
      + ` · ${manifest.files.length} 个文件 files · ${(bytes / 1048576).toFixed(1)} MiB · ${Date.now() - started} ms`);
    console.log('  注意：身份证号加密密钥（secret.key / GONGZHI_SECRET_KEY）不在备份中，请另行保管。\n'
      + '  Note: the ID-number key (secret.key / GONGZHI_SECRET_KEY) is not in the backup; keep it safe separately.');
    return 0;
  } catch (e) {
    fs.rmSync(work, { recursive: true, force: true });
    if (e instanceof BackupError) throw new CliError(e.message);
    throw e;
  } finally {
    await source.stop();
  }
}
