import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/platform/audit.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { doubleCurrent, verifyMeetingChains } from './concurrency-support.ts';
import { openMeeting, type OpenedMeeting } from './support.ts';

// A crash in the middle of a casting load (issue 3). The real server (`gongzhi start`, a child
// process on this test's database) takes casts from 24 concurrent clients; it is killed with
// SIGKILL — no shutdown hook runs, batches in flight are cut off mid-transaction — and started
// again on the same database. Then: every acknowledged (HTTP 200) ballot is there exactly once,
// no head has two current ballots on an item, every receipt chain and the audit chain verify,
// and each request whose answer was lost in the crash, replayed with its Idempotency-Key, gets
// either its committed answer back (not a second ballot) or is cast now. PostgreSQL itself keeps
// running: this is the application crash; PostgreSQL's own durability is its WAL's business.

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const CLIENTS = 24;

interface Server { child: ChildProcess; url: string; output: () => string }

async function startServer(databaseUrl: string, dataDir: string): Promise<Server> {
  for (let attempt = 0; ; attempt++) {
    const port = 21000 + Math.floor(Math.random() * 8000);
    const child = spawn(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', 'start'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', GONGZHI_DATA_DIR: dataDir, GONGZHI_DEMO: '0', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    while (child.exitCode === null && Date.now() < deadline) {
      const up = await fetch(`${url}/api/v1/health`).then((r) => r.ok, () => false);
      if (up) return { child, url, output: () => out };
      await new Promise((r) => setTimeout(r, 200));
    }
    child.kill('SIGKILL');
    if (attempt >= 2 || !/EADDRINUSE/.test(out)) throw new Error(`server did not start:\n${out}`);
  }
}

interface Sent { key: string; cookie: string; body: unknown; status: number | 'lost'; answer?: { receipts: { itemId: number; receipt: string }[] } }

function castOnce(url: string, meetingId: number, s: Sent): Promise<Sent> {
  return fetch(`${url}/api/v1/meetings/${meetingId}/ballots`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: s.cookie, 'idempotency-key': s.key },
    body: JSON.stringify(s.body),
  }).then(async (r) => ({ ...s, status: r.status, answer: r.ok ? await r.json() : undefined }), () => ({ ...s, status: 'lost' as const }));
}

describe('crash during a casting load', () => {
  let t: TestApp;
  let m: OpenedMeeting;
  let server: Server | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-crash-'));
  beforeAll(async () => {
    t = await createTestApp();
    m = await openMeeting(t);
  }, 60_000);
  afterAll(() => {
    server?.child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('system: after SIGKILL mid-load and a restart, every acknowledged ballot is there once, chains verify, lost answers replay', async () => {
    server = await startServer(t.databaseUrl, dataDir);
    const choices = ['yes', 'no', 'abstain'];
    let n = 0;
    let killed = false;
    const sent: Sent[] = [];
    const inFlightAtKill: number[] = [];
    let inFlight = 0;
    const url = server.url;
    // each client casts back to back until the server dies under it
    const client = async () => {
      while (!killed) {
        const i = n++;
        const o = m.owners[i % m.owners.length]!;
        const s: Sent = {
          key: `crash-${i}`, cookie: o.cookie, status: 'lost',
          body: { votes: [{ itemId: m.itemIds[0], choice: choices[i % 3] }, { itemId: m.itemIds[1], approvals: [m.candidateIds[i % 3]] }] },
        };
        inFlight++;
        const done = await castOnce(url, m.meetingId, s);
        inFlight--;
        sent.push(done);
        if (killed) break;
        if (done.status !== 200) throw new Error(`cast ${i} answered ${done.status} before the crash:\n${server!.output()}`);
      }
    };
    let failure: unknown = null;
    const clients = Array.from({ length: CLIENTS }, () => client().catch((e) => {
      failure ??= e;
      killed = true;
    }));
    // kill once the load is well under way, with requests in flight
    const deadline = Date.now() + 30_000;
    while (!failure && sent.filter((s) => s.status === 200).length < 150) {
      if (Date.now() > deadline) throw new Error(`only ${sent.length} casts answered in 30 s:\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    if (failure) throw failure;
    inFlightAtKill.push(inFlight);
    killed = true;
    server.child.kill('SIGKILL');
    await Promise.all(clients);
    const dead = server.child;
    if (dead.exitCode === null && dead.signalCode === null) await new Promise((r) => dead.once('exit', r));

    const acked = sent.filter((s) => s.status === 200);
    const lost = sent.filter((s) => s.status === 'lost');
    expect(acked.length).toBeGreaterThanOrEqual(150);
    expect(inFlightAtKill[0]).toBeGreaterThan(0);

    server = await startServer(t.databaseUrl, dataDir);
    // every acknowledged receipt is stored exactly once
    const stored = await t.pool.query('SELECT receipt FROM ballots WHERE meeting_id = $1', [m.meetingId]);
    const count = new Map<string, number>();
    for (const r of stored.rows) count.set(r.receipt, (count.get(r.receipt) ?? 0) + 1);
    for (const s of acked) for (const r of s.answer!.receipts) expect(count.get(r.receipt), r.receipt).toBe(1);
    expect(await doubleCurrent(t.pool, m.meetingId)).toEqual([]);
    for (const c of await verifyMeetingChains(t.pool, m.meetingId)) expect(c, JSON.stringify(c)).toMatchObject({ ok: true, headMatches: true });
    expect((await verifyAuditChain(t.pool)).ok).toBe(true);

    // answers lost in the crash: a replay with the same key returns the committed answer if the
    // cast made it before the kill, else casts it now — never a second ballot for one key
    const committedBefore = new Set(
      (await t.pool.query('SELECT idempotency_key FROM ballot_requests WHERE meeting_id = $1', [m.meetingId])).rows.map((r) => r.idempotency_key),
    );
    const ballotsBefore = stored.rows.length;
    const replays = await Promise.all(lost.map((s) => castOnce(server!.url, m.meetingId, s)));
    expect(replays.map((r) => r.status)).toEqual(lost.map(() => 200));
    const recast = replays.filter((r) => !committedBefore.has(r.key)).length;
    const after = await t.pool.query('SELECT receipt FROM ballots WHERE meeting_id = $1', [m.meetingId]);
    expect(after.rows.length).toBe(ballotsBefore + recast * m.itemIds.length);
    const all = new Set(after.rows.map((r) => r.receipt));
    expect(all.size).toBe(after.rows.length);
    for (const r of replays) for (const x of r.answer!.receipts) expect(all.has(x.receipt)).toBe(true);
    // every stored request has its ballots; no key was written twice
    const reqs = await t.pool.query('SELECT count(*)::int AS n, count(DISTINCT idempotency_key)::int AS k FROM ballot_requests WHERE meeting_id = $1', [m.meetingId]);
    expect(reqs.rows[0].n).toBe(reqs.rows[0].k);
    expect(reqs.rows[0].n).toBe(acked.length + lost.length);
    expect(after.rows.length).toBe(reqs.rows[0].n * m.itemIds.length);
    expect(await doubleCurrent(t.pool, m.meetingId)).toEqual([]);
    for (const c of await verifyMeetingChains(t.pool, m.meetingId)) expect(c, JSON.stringify(c)).toMatchObject({ ok: true, headMatches: true });
    expect((await verifyAuditChain(t.pool)).ok).toBe(true);
  }, 120_000);
});
