import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../server/test/support/test-app.ts';

// The one-shot commands against a real database (DATABASE_URL), as an operator runs them.

const ROOT = path.resolve(import.meta.dirname, '../../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-cli-'));
const secretKey = crypto.randomBytes(32).toString('hex');

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function gongzhi(databaseUrl: string, ...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, GONGZHI_DATA_DIR: dataDir, GONGZHI_SECRET_KEY: secretKey },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe('gongzhi commands', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await createTestApp();
    url = t.databaseUrl;
  });

  it('operator: help lists every command in Chinese and English; an unknown command exits 2', async () => {
    const help = await gongzhi(url, 'help');
    expect(help.code).toBe(0);
    for (const c of ['start', 'migrate', 'seed', 'import-roster', 'export-roster', 'verify-audit', 'create-admin']) expect(help.out).toContain(c);
    expect(help.out).toContain('导入业主名册');
    expect(help.out).toContain('import a roster');
    const bad = await gongzhi(url, 'frobnicate');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('未知命令 / unknown command: frobnicate');
  }, 60_000);

  it('operator: seed loads the demo city once and then refuses, changing nothing', async () => {
    const first = await gongzhi(url, 'seed');
    expect(first.code).toBe(0);
    expect(first.out).toContain('20000');
    const again = await gongzhi(url, 'seed');
    expect(again.code).toBe(2);
    expect(again.err).toContain('数据库不是空的');
    expect(Number((await t.pool.query('SELECT count(*) AS n FROM estates')).rows[0].n)).toBe(12);
    expect(Number((await t.pool.query(`SELECT count(*) AS n FROM audit_events WHERE action = 'demo.seed'`)).rows[0].n)).toBe(1);
  }, 60_000);

  it('operator: exports a roster and imports it back; a file with errors is refused by row, column and reason', async () => {
    const file = path.join(dataDir, 'demo12.xlsx');
    const exported = await gongzhi(url, 'export-roster', '--estate', 'DEMO12', '--out', file);
    expect(exported.code).toBe(0);
    expect(fs.existsSync(file)).toBe(true);
    const ok = await gongzhi(url, 'import-roster', '--estate', 'DEMO12', file);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('导入完成');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    ws.getRow(3).getCell(5).value = -5; // area (column 面积(㎡)) negative
    ws.getRow(4).getCell(2).value = ws.getRow(5).getCell(2).value; // unit number duplicated
    const bad = path.join(dataDir, 'bad.xlsx');
    await wb.xlsx.writeFile(bad);
    const before = (await t.pool.query('SELECT max(seq) AS s FROM audit_events')).rows[0].s;
    const refused = await gongzhi(url, 'import-roster', '--estate', 'DEMO12', bad);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/第 3 行 面积\(㎡\)：.+/);
    expect(refused.err).toMatch(/第 [45] 行 房号：.+/);
    expect((await t.pool.query('SELECT max(seq) AS s FROM audit_events')).rows[0].s).toBe(before);

    const unknown = await gongzhi(url, 'export-roster', '--estate', 'NOPE');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('小区编码 NOPE 不存在');
    const missing = await gongzhi(url, 'import-roster', '--estate', 'DEMO12');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('缺少名册文件');
  }, 90_000);

  it('operator: create-admin creates an administrator who can sign in; missing options exit 2', async () => {
    const r = await gongzhi(url, 'create-admin', '--username', 'ops-admin', '--password', 'Ops@123456', '--name', '运维管理员');
    expect(r.code).toBe(0);
    const login = await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { login: 'ops-admin', password: 'Ops@123456' } });
    expect(login.statusCode).toBe(200);
    const missing = await gongzhi(url, 'create-admin', '--username', 'x');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('缺少 --password');
  }, 60_000);

  it('operator: verify-audit passes on an intact chain and names the first edited row', async () => {
    const ok = await gongzhi(url, 'verify-audit');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('"ok": true');
    // tamper with the first event behind the append-only trigger's back
    await t.pool.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update');
    await t.pool.query(`UPDATE audit_events SET summary = '{"forged":true}' WHERE seq = 1`);
    await t.pool.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update');
    const broken = await gongzhi(url, 'verify-audit');
    expect(broken.code).toBe(1);
    expect(broken.out).toContain('"seq": 1');
    expect(broken.err).toContain('审计链在第 1 条断开');
  }, 60_000);
});
