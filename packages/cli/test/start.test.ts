import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../server/src/modules/demo/accounts.ts';

// `gongzhi start` end to end, as a user runs it: a real process on a fresh data directory with
// the embedded PostgreSQL, the demo city seeded on first start, a second instance refused,
// Ctrl-C stopping everything, and the data still there after a restart.

const ROOT = path.resolve(import.meta.dirname, '../../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-start-'));
// as root, PostgreSQL runs as another user, which must be able to reach the data directory
fs.chmodSync(dataDir, 0o755);
// ports the system reports free right now: other suites and other people run servers here too
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}
const pgPort = await freePort();
const started: ChildProcess[] = [];

interface Run { child: ChildProcess; out: () => string; exit: Promise<number | null> }

function run(port: number, pgPortOverride = pgPort): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', 'start'], {
    cwd: ROOT,
    env: {
      ...process.env, DATABASE_URL: '', GONGZHI_DATA_DIR: dataDir, PORT: String(port),
      GONGZHI_PG_PORT: String(pgPortOverride), LOG_LEVEL: 'warn', GONGZHI_DEMO: '1', GONGZHI_MFA: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, exit };
}

async function waitHealthy(port: number, r: Run, ms = 180_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (r.child.exitCode !== null) throw new Error(`start exited early (${r.child.exitCode}):\n${r.out()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((res) => setTimeout(res, 300));
  }
  throw new Error(`not healthy after ${ms} ms:\n${r.out()}`);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};
const postmasterPid = () => Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

async function dbCount(sql: string): Promise<number> {
  const password = fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  const client = new pg.Client({ host: '127.0.0.1', port: pgPort, user: 'gongzhi', password, database: 'gongzhi' });
  await client.connect();
  try {
    return Number((await client.query(sql)).rows[0].n);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGINT');
  await new Promise((r) => setTimeout(r, 3000));
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

describe('gongzhi start', () => {
  it('operator: starts on a fresh data directory, refuses a second instance, stops on Ctrl-C and keeps the data', async () => {
    const port = await freePort();
    const first = run(port);
    await waitHealthy(port, first);
    // wait for the demo account list, printed right after listening
    for (let i = 0; i < 50 && !first.out().includes('owner4'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(first.out()).toContain('已载入演示城市');
    expect(first.out()).toContain(DEMO_PASSWORD);
    for (const a of DEMO_ACCOUNTS) expect(first.out()).toContain(a.username);
    const demo = await (await fetch(`http://127.0.0.1:${port}/api/v1/demo/accounts`)).json();
    expect(demo.accounts).toHaveLength(DEMO_ACCOUNTS.length);

    // a second instance on the same data directory is refused with a clear message
    const second = run(await freePort(), await freePort());
    expect(await second.exit).toBe(2);
    expect(second.out()).toContain('正被另一个 Gongzhi 进程');
    expect(second.out()).toContain('is in use by another Gongzhi process');

    // Ctrl-C: the server and the embedded PostgreSQL stop, exit code 0
    const pmPid = postmasterPid();
    expect(alive(pmPid)).toBe(true);
    first.child.kill('SIGINT');
    expect(await first.exit).toBe(0);
    expect(alive(pmPid)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'gongzhi.lock'))).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/api/v1/health`)).rejects.toThrow();

    // restart: the data is still there and the demo city is not loaded twice
    const again = run(port);
    await waitHealthy(port, again);
    expect(again.out()).not.toContain('已载入演示城市');
    expect(await dbCount('SELECT count(*) AS n FROM estates')).toBe(12);
    expect(await dbCount(`SELECT count(*) AS n FROM units`)).toBeGreaterThanOrEqual(19_000);
    expect(await dbCount(`SELECT count(*) AS n FROM audit_events WHERE action = 'demo.seed'`)).toBe(1);
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'admin', password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    again.child.kill('SIGINT');
    expect(await again.exit).toBe(0);
  }, 300_000);
});
