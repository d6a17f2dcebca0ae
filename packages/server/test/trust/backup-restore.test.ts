import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CliError } from '../../../cli/src/cli-error.ts';
import { backup } from '../../../cli/src/commands/backup.ts';
import { restore } from '../../../cli/src/commands/restore.ts';
import { verifyMeeting } from '../../../cli/src/commands/verify-meeting.ts';
import { loadDemoCity } from '../../src/modules/demo/index.ts';
import { exportMeeting } from '../../src/modules/meetings/export-meeting.ts';
import type { ResultMeetingRow } from '../../src/modules/meetings/result-access.ts';
import { appendAudit, verifyAuditChain } from '../../src/platform/audit.ts';
import { BackupError, restorePhysicalBackup, takePhysicalBackup, toolMajor, type PhysicalManifest } from '../../src/platform/backup/index.ts';
import { localDataDir } from '../../src/platform/backup/take-backup.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createPool, withTx, type Pool } from '../../src/platform/db.ts';
import { startEmbeddedDb, type EmbeddedDb } from '../../src/platform/embedded-db.ts';
import { migrate } from '../../src/platform/migrate.ts';

// why: `gongzhi backup` copies a RUNNING PostgreSQL 17 through its low-level backup API (there are
// no PostgreSQL 17 client tools on this machine). This proves, on a cluster of its own holding the
// demo city (published meetings with Merkle roots, fund movements, cases, attachments), with
// writes going on during the copy, that the restore (through the CLI) starts, is exactly the
// database at the backup's end (a row written before pg_backup_start is there, one written after
// pg_backup_stop is not, every table's count lies between its count at start and at stop), that
// the audit hash chain verifies, and that every tallied meeting exports the same and passes
// `gongzhi verify-meeting`. Also: `gongzhi backup` as a process finds the running platform by its
// data directory's lock and writes a .tar.gz that restores; a damaged backup is refused before
// anything is written; the CLI's argument errors (exit 2, naming the argument; a non-empty target
// refused); the pg_dump path names the missing tool; the local-data-directory check.

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-backup-'));
// the embedded PostgreSQL runs as the 'postgres' user when we are root: it must reach its directory
fs.chmodSync(base, 0o755);
const srcData = path.join(base, 'src');
const backupDir = path.join(base, 'backup');
const restoredData = path.join(base, 'restored');
const port = () => 55000 + Math.floor(Math.random() * 4000);

let src: EmbeddedDb | undefined;
let restored: EmbeddedDb | undefined;
let restoredPort = 0;
const pools: Pool[] = [];

afterAll(async () => {
  for (const p of pools) await p.end().catch(() => undefined);
  await restored?.stop().catch(() => undefined);
  await src?.stop().catch(() => undefined);
  fs.rmSync(base, { recursive: true, force: true });
}, 60_000);

function gongzhi(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', ...args], {
      cwd: ROOT, env: { ...process.env, DATABASE_URL: '', GONGZHI_DATA_DIR: path.join(base, 'no-data'), ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

const SYSTEM = { accountId: null, role: 'system', ip: null };
const mark = (pool: Pool, action: string, n = 0) =>
  withTx(pool, (db) => appendAudit(db, SYSTEM, { action, targetType: 'backup_probe', targetId: n, summary: { n } }));

/** Tables the writers touch during the backup, and tables nobody touches. */
const WRITTEN = ['audit_events', 'backup_probe'];
const UNTOUCHED = ['estates', 'units', 'owners', 'accounts', 'meetings', 'ballots', 'meeting_item_results', 'fund_movements', 'fund_applications', 'notices', 'cases', 'attachments'];

async function counts(pool: Pool): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of [...WRITTEN, ...UNTOUCHED]) out[t] = Number((await pool.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
  return out;
}

/** The meeting exports of every tallied meeting (the input of `gongzhi verify-meeting`). */
async function meetingExports(pool: Pool): Promise<Map<number, string>> {
  const ms = await pool.query(`SELECT m.id, m.estate_id, e.name AS estate_name, m.title, m.convener_name, m.state, m.interim_visible,
      m.voting_opens_at, m.voting_closes_at, m.tallied_at, m.result_published_at, m.pseudonym_salt
    FROM meetings m JOIN estates e ON e.id = m.estate_id
    WHERE EXISTS (SELECT 1 FROM meeting_item_results r WHERE r.meeting_id = m.id) ORDER BY m.id`);
  const out = new Map<number, string>();
  const client = await pool.connect();
  try {
    for (const m of ms.rows as ResultMeetingRow[]) out.set(Number(m.id), JSON.stringify(await exportMeeting(client, m)));
  } finally {
    client.release();
  }
  return out;
}

describe('backup and restore', () => {
  let srcPool: Pool;
  beforeAll(async () => {
    src = await startEmbeddedDb({ dataDir: srcData, port: port(), quiet: true });
    srcPool = createPool(src.url, 6);
    pools.push(srcPool);
    await migrate(srcPool);
    await loadDemoCity({ pool: srcPool, secrets: { encKey: crypto.randomBytes(32), macKey: crypto.randomBytes(32) }, dataDir: srcData });
    await srcPool.query('CREATE TABLE backup_probe (id bigserial PRIMARY KEY, writer int NOT NULL, pad text NOT NULL)');
  }, 240_000);

  let manifest: PhysicalManifest;
  let atStart: Record<string, number>;
  let atStop: Record<string, number>;
  let writes = 0;

  it('operator: an online backup taken while writes go on restores to its end: before-start row present, after-stop row absent, counts between start and stop', async () => {
    expect(await srcPool.query(`SELECT count(*)::int AS n FROM meeting_item_results`).then((r) => r.rows[0].n)).toBeGreaterThan(0);
    await mark(srcPool, 'backup.marker.before_start');
    // writers: audit events (the hash chain must survive) and padded rows (enough WAL to span segments)
    let writing = true;
    const writer = async (w: number) => {
      while (writing) {
        await withTx(srcPool, async (db) => {
          await db.query(`INSERT INTO backup_probe (writer, pad) SELECT $1, repeat(md5(random()::text), 64) FROM generate_series(1, 10)`, [w]);
          await appendAudit(db, SYSTEM, { action: 'backup.probe', targetType: 'backup_probe', targetId: w, summary: { w } });
        });
        if (++writes === 20) await srcPool.query('SELECT pg_switch_wal()');
      }
    };
    const writers = [1, 2, 3].map(writer);
    manifest = await takePhysicalBackup({
      url: src!.url, out: backupDir, embedded: true,
      extras: [{ from: path.join(srcData, 'attachments'), to: 'attachments', skip: ['tmp'] }, { from: path.join(srcData, 'pg-password'), to: 'pg-password' }],
      hooks: {
        // a WAL segment switch now and another from a writer later: the backup spans several segments
        afterStart: async () => { atStart = await counts(srcPool); await srcPool.query('SELECT pg_switch_wal()'); },
        afterStop: async () => {
          atStop = await counts(srcPool);
          writing = false;
          await Promise.all(writers);
          await mark(srcPool, 'backup.marker.after_stop');
        },
      },
    });
    expect(writes).toBeGreaterThan(20);
    expect(manifest.files.filter((f) => f.path.startsWith('pg/pg_wal/0')).length).toBeGreaterThanOrEqual(3);
    expect(manifest.files.some((f) => f.path === 'pg/backup_label')).toBe(true);
    expect(manifest.files.some((f) => f.path.startsWith('attachments/'))).toBe(true);
    expect(manifest.files.some((f) => f.path.startsWith('pg/pg_replslot/') || f.path === 'pg/postmaster.pid')).toBe(false);
    expect(fs.readFileSync(path.join(backupDir, 'pg/backup_label'), 'utf8')).toContain(`(file ${manifest.startWalFile})`);

    const r = await gongzhi(['restore', backupDir, '--data-dir', restoredData]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('已恢复 / restored');
    expect(r.out).toContain('secret.key');

    restoredPort = port();
    restored = await startEmbeddedDb({ dataDir: restoredData, port: restoredPort, quiet: true });
    const pool = createPool(restored.url, 2);
    pools.push(pool);
    const actions = (await pool.query(`SELECT action FROM audit_events WHERE action LIKE 'backup.marker.%'`)).rows.map((x) => x.action);
    expect(actions).toEqual(['backup.marker.before_start']);
    const got = await counts(pool);
    for (const t of WRITTEN) {
      expect(got[t], t).toBeGreaterThanOrEqual(atStart[t]!);
      expect(got[t], t).toBeLessThanOrEqual(atStop[t]!);
    }
    for (const t of UNTOUCHED) expect(got[t], t).toBe(atStart[t]);
    expect(atStop.backup_probe).toBeGreaterThan(atStart.backup_probe!); // writes did land during the copy
    // the restored server is a primary again, out of recovery
    expect((await pool.query('SELECT pg_is_in_recovery() AS r')).rows[0].r).toBe(false);
    console.log(JSON.stringify({
      backup: { files: manifest.files.length, mib: +(manifest.files.reduce((n, f) => n + f.size, 0) / 1048576).toFixed(1),
        walSegments: manifest.files.filter((f) => f.path.startsWith('pg/pg_wal/')).length, transactionsDuringBackup: writes },
      probeRows: { atStart: atStart.backup_probe, restored: got.backup_probe, atStop: atStop.backup_probe },
      auditEvents: { atStart: atStart.audit_events, restored: got.audit_events, atStop: atStop.audit_events },
    }));
  }, 240_000);

  it('auditor: on the restored database the audit chain verifies and every tallied meeting exports as before and passes verify-meeting', async () => {
    const pool = pools[1]!;
    const chain = await verifyAuditChain(pool);
    expect(chain, JSON.stringify(chain)).toMatchObject({ ok: true });
    expect(chain.checked).toBeGreaterThanOrEqual(atStart.audit_events!);

    const before = await meetingExports(srcPool);
    const after = await meetingExports(pool);
    expect([...after.keys()]).toEqual([...before.keys()]);
    expect(after.size).toBeGreaterThan(0);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      for (const [id, json] of after) {
        expect(json, `meeting ${id}`).toBe(before.get(id));
        const file = path.join(base, `meeting-${id}.json`);
        fs.writeFileSync(file, json);
        expect(await verifyMeeting([file])).toBe(0);
      }
    } finally {
      log.mockRestore();
    }
    // the attachments came along: the same files, byte for byte
    const list = (dir: string) => fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name))).filter((p) => !p.startsWith('tmp')).sort();
    const files = list(path.join(srcData, 'attachments'));
    expect(files.length).toBeGreaterThan(0);
    expect(list(path.join(restoredData, 'attachments'))).toEqual(files);
  }, 120_000);

  it('operator: `gongzhi backup` of a running platform (found through its data directory lock) writes a .tar.gz that restores with every checksum matching', async () => {
    const archive = path.join(base, 'drill.tar.gz');
    const r = await gongzhi(['backup', archive, '--label', 'drill'], { GONGZHI_DATA_DIR: restoredData, GONGZHI_PG_PORT: String(restoredPort) });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('备份完成 / backup written');
    expect(fs.readdirSync(base).filter((n) => n.includes('.partial-'))).toEqual([]);
    const target = path.join(base, 'restored-3');
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await restore([archive, '--data-dir', target])).toBe(0);
    } finally {
      log.mockRestore();
    }
    expect(fs.readFileSync(path.join(target, 'pg', 'backup_label'), 'utf8')).toContain('LABEL: drill');
    expect(fs.readFileSync(path.join(target, 'pg-password'), 'utf8')).toBe(fs.readFileSync(path.join(restoredData, 'pg-password'), 'utf8'));
    expect(fs.statSync(path.join(target, 'pg')).mode & 0o777).toBe(0o700);
    expect(fs.existsSync(path.join(target, 'pg', 'postmaster.pid'))).toBe(false);
  }, 120_000);

  it('operator: a damaged backup is refused before anything is written', async () => {
    // one byte of the first non-empty file changed, its size unchanged
    const victim = manifest.files.find((f) => f.size > 0)!;
    const fd = fs.openSync(path.join(backupDir, victim.path), 'r+');
    const byte = Buffer.alloc(1);
    fs.readSync(fd, byte, 0, 1, 0);
    fs.writeSync(fd, Buffer.from([byte[0]! ^ 0xff]), 0, 1, 0);
    fs.closeSync(fd);
    const target = path.join(base, 'restored-2');
    const err = await restorePhysicalBackup({ backupDir, dataDir: target }).catch((e) => e);
    expect(err).toBeInstanceOf(BackupError);
    expect(err.message).toContain(`${victim.path}: 校验和不符 / checksum mismatch`);
    expect(fs.existsSync(target)).toBe(false);
  }, 60_000);

  it('operator: bad arguments exit 2 naming the argument; restore refuses a non-empty data directory', async () => {
    // the commands themselves (main.ts turns a CliError into its exit code, 2; the spawned restore
    // above went through main.ts): a process each would cost seconds of tsx start-up
    const config = loadConfig({}, { dataDir: path.join(base, 'no-data') });
    const refusal = async (p: Promise<unknown>) => {
      const e = await p.then(() => null, (x) => x);
      expect(e).toBeInstanceOf(CliError);
      expect(e.exitCode).toBe(2);
      return String(e.message);
    };
    expect(await refusal(backup(config, []))).toContain('需要一个备份目标');
    expect(await refusal(backup(config, [path.join(base, 'x'), '--frobnicate']))).toContain("'--frobnicate'");
    expect(await refusal(backup(config, [path.join(base, 'x')]))).toContain('没有数据库，无可备份 / no database');
    expect(await refusal(backup(config, [backupDir]))).toContain('不是空目录');
    expect(await refusal(restore([backupDir]))).toContain('缺少 --data-dir / missing --data-dir');
    expect(await refusal(restore([backupDir, '--data-dir', restoredData]))).toContain('不是空目录');
    expect(await refusal(restore([path.join(base, 'nowhere'), '--data-dir', path.join(base, 'r3')]))).toContain('不存在 / the backup');
    expect(fs.existsSync(path.join(base, 'x'))).toBe(false);
    expect(fs.existsSync(path.join(base, 'r3'))).toBe(false);
  }, 60_000);

  it('operator: the logical path needs a pg_dump of the server version; without one the message names what is missing', async () => {
    const config = loadConfig({ DATABASE_URL: src!.url }, { dataDir: path.join(base, 'no-data') });
    const out = path.join(base, 'logical');
    const dump = toolMajor('pg_dump');
    if (dump && dump.major >= 17) {
      // a compatible pg_dump on this machine: the dump path runs for real
      expect(await backup(config, [out, '--logical'])).toBe(0);
      expect(JSON.parse(fs.readFileSync(path.join(out, 'gongzhi-backup.json'), 'utf8')).kind).toBe('pg_dump');
    } else {
      const e = await backup(config, [out, '--logical']).then(() => null, (x) => x);
      expect(e).toBeInstanceOf(CliError);
      expect(e.message).toContain('pg_dump');
      expect(e.message).toContain('17 或更新版本');
      expect(fs.existsSync(out)).toBe(false);
      expect(fs.readdirSync(base).filter((n) => n.includes('.partial-'))).toEqual([]);
    }
  }, 60_000);

  it('operator: a data directory counts as the server’s only when its pg_control carries the server’s system identifier', async () => {
    const c = await srcPool.query('SELECT system_identifier::text AS id, current_setting(\'data_directory\') AS dir FROM pg_control_system()');
    const { id, dir } = c.rows[0];
    expect(localDataDir({ dataDir: dir, systemIdentifier: id })).toBe(dir);
    expect(localDataDir({ dataDir: dir, systemIdentifier: '1' })).toBeNull();
    expect(localDataDir({ dataDir: path.join(base, 'nowhere'), systemIdentifier: id })).toBeNull();
  });
});
