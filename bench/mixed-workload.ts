// A mixed workload against one and against two server instances (issue 7): mostly reads — an
// owner's notice list and a notice, a meeting's result (as the owner and as the committee chair),
// case queues (street officer, chair), the chair's notice list — with some writes: ballots cast
// (each a different owner's new ballot, Idempotency-Key) and case notes by the property manager.
// 50 clients, one request in flight each, keep-alive; every request's latency is measured by this
// driver, so p50/p95/p99 per kind are exact. Data: the demo city, BENCH_CASES cases spread over its
// estates (bench/support/case-volume.ts, deadlines ahead), and a BENCH_UNITS-unit estate whose
// signed-in owners cast in open meetings (bench/support/meeting-estate.ts). Two `gongzhi start`
// instances on one PostgreSQL; subjects: the balancer (own process) with instance 1 only ('one')
// and with both ('two'), in alternating rounds (BENCH_ROUNDS, default 2).
//   npm run bench:mixed        (BENCH_DURATION seconds per subject, default 12)
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createPool, loadSecrets, migrate, startEmbeddedDb, withTx } from '@gongzhi/server';
import { loadDemoCity } from '@gongzhi/server/modules/demo/index.ts';
import { writeCaseVolume } from './support/case-volume.ts';
import { startInstances, type Instances } from './support/instances.ts';
import { analyze, openBenchMeeting, planEstate, writeEstate, type BenchMeeting } from './support/meeting-estate.ts';
import { activitySampler, spawnLoadBalancer, type LbProcess } from './support/multi-bench.ts';
import { postgresCpuMs, processCpuMs } from './support/proc-cpu.ts';
import { login } from './support/spawn-platform.ts';

const CLIENTS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 12);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));
const CASES = Number(process.env.BENCH_CASES ?? 20_000);
const UNITS = Number(process.env.BENCH_UNITS ?? 5_000);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 2);

interface Req { method: 'GET' | 'POST'; path: string; cookie: string; body?: string; headers?: Record<string, string> }
type Kind = { name: string; weight: number; make: () => Req };

function send(agent: http.Agent, base: URL, r: Req): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { cookie: r.cookie, ...r.headers };
    if (r.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(r.body));
    }
    const q = http.request({ host: base.hostname, port: base.port, method: r.method, path: r.path, headers, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', () => resolve({ status: 0, body: '' }));
    });
    q.on('error', (e) => resolve({ status: 0, body: String(e) }));
    q.end(r.body);
  });
}

const pct = (sorted: number[], p: number) => (sorted.length ? Number(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!.toFixed(1)) : null);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-bench-mixed-'));
fs.chmodSync(tmp, 0o777);
const secretKey = crypto.randomBytes(32).toString('hex');
const db = await startEmbeddedDb({ dataDir: tmp, port: 55000 + Math.floor(Math.random() * 1000), quiet: true });
const pool = createPool(db.url, 4);
pool.on('error', () => undefined);
let inst: Instances | undefined;
const lbs: LbProcess[] = [];
let ok = false;
try {
  await migrate(pool);
  const t0 = performance.now();
  await loadDemoCity({ pool, secrets: loadSecrets(tmp, { GONGZHI_SECRET_KEY: secretKey }) });
  await withTx(pool, (tx) => writeCaseVolume(tx, { total: CASES, mode: 'queue' }));
  const { estate, meetings } = await withTx(pool, async (tx) => {
    const estate = await writeEstate(tx, planEstate(UNITS));
    const meetings: BenchMeeting[] = [];
    for (let m = 0; m < 4; m++) meetings.push(await openBenchMeeting(tx, estate, { title: `混合负载业主大会 ${m + 1}` }));
    return { estate, meetings };
  });
  await analyze(pool);
  const setupSeconds = (performance.now() - t0) / 1000;

  inst = await startInstances({ databaseUrl: db.url, count: 2, secretKey, idPrefix: 'bench' });
  lbs.push(await spawnLoadBalancer([inst.urls[0]!]), await spawnLoadBalancer(inst.urls));
  const subjects = { one: lbs[0]!, two: lbs[1]! };
  await pool.query('UPDATE sessions SET last_seen_at = now()');
  const cookie = new Map<string, string>();
  for (const u of ['owner1', 'chair', 'street', 'manager']) cookie.set(u, await login(inst.urls[0]!, u, 'Demo@2026'));

  const pick = (await pool.query(
    `SELECT e.id AS estate_id,
            (SELECT id FROM meetings m WHERE m.estate_id = e.id AND m.state IN ('result_published', 'objection_period', 'final') ORDER BY id LIMIT 1) AS meeting_id,
            (SELECT array_agg(id ORDER BY id) FROM notices n WHERE n.estate_id = e.id AND n.state = 'published' AND n.audience = 'owners') AS notice_ids,
            (SELECT array_agg(id) FROM (SELECT id FROM cases c WHERE c.estate_id = e.id AND c.state IN ('open', 'in_progress') AND c.level = 'company'
                ORDER BY id LIMIT 200) x) AS case_ids
       FROM estates e WHERE e.code = 'DEMO01'`,
  )).rows[0];
  const noticeIds = (pick.notice_ids as number[]).map(Number);
  const caseIds = (pick.case_ids as number[]).map(Number);
  let seq = 0;
  const rr = <T>(xs: T[]) => xs[seq++ % xs.length]!;
  let castN = 0;
  const choices = ['yes', 'yes', 'yes', 'no', 'abstain'];
  const kinds: Kind[] = [
    { name: 'notices.mine', weight: 20, make: () => ({ method: 'GET', path: '/api/v1/my/notices', cookie: cookie.get('owner1')! }) },
    { name: 'notices.read', weight: 15, make: () => ({ method: 'GET', path: `/api/v1/my/notices/${rr(noticeIds)}`, cookie: cookie.get('owner1')! }) },
    { name: 'notices.chair', weight: 5, make: () => ({ method: 'GET', path: `/api/v1/notices?estateId=${pick.estate_id}`, cookie: cookie.get('chair')! }) },
    { name: 'results.owner', weight: 10, make: () => ({ method: 'GET', path: `/api/v1/my/meetings/${pick.meeting_id}/results`, cookie: cookie.get('owner1')! }) },
    { name: 'results.chair', weight: 10, make: () => ({ method: 'GET', path: `/api/v1/meetings/${pick.meeting_id}/results`, cookie: cookie.get('chair')! }) },
    { name: 'cases.street', weight: 10, make: () => ({ method: 'GET', path: '/api/v1/cases', cookie: cookie.get('street')! }) },
    { name: 'cases.chair', weight: 10, make: () => ({ method: 'GET', path: `/api/v1/cases?estateId=${pick.estate_id}`, cookie: cookie.get('chair')! }) },
    { name: 'ballot.cast', weight: 12, make: () => {
      const i = castN++;
      const v = estate.voters[i % estate.voters.length]!;
      const m = meetings[Math.floor(i / estate.voters.length) % meetings.length]!;
      return {
        method: 'POST', path: `/api/v1/meetings/${m.meetingId}/ballots`, cookie: v.cookie, headers: { 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({ voterKey: v.voterKey, votes: [{ itemId: m.matterItemId, choice: choices[i % choices.length] }] }),
      };
    } },
    { name: 'case.note', weight: 8, make: () => ({
      method: 'POST', path: `/api/v1/cases/${rr(caseIds)}/notes`, cookie: cookie.get('manager')!, body: JSON.stringify({ text: `已安排人员跟进（${seq}）` }),
    }) },
  ];
  const totalWeight = kinds.reduce((a, k) => a + k.weight, 0);
  // a fixed sequence of kinds: both subjects get the same mix in the same order
  const order: Kind[] = [];
  let x = 20261122;
  for (let i = 0; i < 10_000; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    let w = x % totalWeight;
    order.push(kinds.find((k) => (w -= k.weight) < 0)!);
  }

  type Stats = { lat: Map<string, number[]>; non2xx: Map<string, number>; seconds: number };
  const failures: { kind: string; status: number; body: string }[] = [];
  async function drive(base: string, seconds: number, into: Stats | null) {
    const url = new URL(base);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    const until = performance.now() + seconds * 1000;
    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        const kind = order[next++ % order.length]!;
        const t = performance.now();
        const r = await send(agent, url, kind.make());
        const ms = performance.now() - t;
        if (!into) continue;
        if (r.status < 200 || r.status >= 300) {
          into.non2xx.set(kind.name, (into.non2xx.get(kind.name) ?? 0) + 1);
          if (failures.length < 8) failures.push({ kind: kind.name, status: r.status, body: r.body.slice(0, 200) });
        } else {
          if (!into.lat.has(kind.name)) into.lat.set(kind.name, []);
          into.lat.get(kind.name)!.push(ms);
        }
      }
    }));
    if (into) into.seconds += (performance.now() - started) / 1000;
    agent.destroy();
  }

  const pgDir = path.join(tmp, 'pg');
  const pids = inst.platforms.map((p) => p.pid);
  const stats: Record<'one' | 'two', Stats> = {
    one: { lat: new Map(), non2xx: new Map(), seconds: 0 }, two: { lat: new Map(), non2xx: new Map(), seconds: 0 },
  };
  const cpu = { one: { servers: [0, 0], balancer: 0, postgres: 0, loadDriver: 0 }, two: { servers: [0, 0], balancer: 0, postgres: 0, loadDriver: 0 } };
  for (const s of ['one', 'two'] as const) await drive(subjects[s].url, WARMUP_S, null);
  const samplers = { one: activitySampler(pool), two: activitySampler(pool) };
  for (let round = 0; round < ROUNDS; round++) {
    for (const s of ['one', 'two'] as const) {
      const s0 = pids.map((p) => processCpuMs(p));
      const [l0, p0, d0] = [processCpuMs(subjects[s].pid), postgresCpuMs(pgDir), process.cpuUsage()];
      samplers[s].resume();
      await drive(subjects[s].url, DURATION_S / ROUNDS, stats[s]);
      samplers[s].pause();
      const d = process.cpuUsage(d0);
      pids.forEach((p, i) => (cpu[s].servers[i]! += processCpuMs(p) - s0[i]!));
      cpu[s].balancer += processCpuMs(subjects[s].pid) - l0;
      cpu[s].postgres += postgresCpuMs(pgDir) - p0;
      cpu[s].loadDriver += (d.user + d.system) / 1000;
    }
  }

  const activity = { one: samplers.one.top(10), two: samplers.two.top(10) };
  await samplers.one.stop();
  await samplers.two.stop();
  const report = (s: Stats, c: typeof cpu.one) => {
    const all = [...s.lat.values()].reduce((a, l) => a + l.length, 0);
    const per = (v: number) => Number((v / all).toFixed(3));
    return {
      okPerSec: Math.round(all / s.seconds),
      non2xx: [...s.non2xx.values()].reduce((a, v) => a + v, 0),
      kinds: Object.fromEntries(kinds.map((k) => {
        const l = (s.lat.get(k.name) ?? []).sort((a, b) => a - b);
        return [k.name, { ok: l.length, perSec: Number((l.length / s.seconds).toFixed(1)), p50Ms: pct(l, 50), p95Ms: pct(l, 95), p99Ms: pct(l, 99), non2xx: s.non2xx.get(k.name) ?? 0 }];
      })),
      // ms of CPU per answered request: servers = [instance 1, instance 2]
      cpuMsPerRequest: { servers: c.servers.map(per), balancer: per(c.balancer), postgres: per(c.postgres), loadDriver: per(c.loadDriver) },
    };
  };
  const one = report(stats.one, cpu.one);
  const two = report(stats.two, cpu.two);
  ok = one.non2xx === 0 && two.non2xx === 0;
  console.log(JSON.stringify({
    benchmark: 'mixed-workload',
    clients: CLIENTS, durationSPerSubject: DURATION_S, rounds: ROUNDS,
    mix: Object.fromEntries(kinds.map((k) => [k.name, `${Math.round((k.weight / totalWeight) * 100)}%`])),
    okPerSec: { one: one.okPerSec, two: two.okPerSec },
    twoOverOne: Number((two.okPerSec / one.okPerSec).toFixed(3)),
    one, two, failures,
    // the most frequent (wait event | statement) pairs among the database's active backends
    databaseActivity: activity,
    data: { cases: CASES, benchEstateUnits: UNITS, voters: estate.voters.length, notices: noticeIds.length, casesNoted: caseIds.length },
    setupSeconds: Number(setupSeconds.toFixed(1)),
    cpus: os.cpus().length,
    loadAverage: os.loadavg().map((v) => Number(v.toFixed(1))),
  }, null, 2));
} finally {
  for (const lb of lbs) lb.stop();
  await inst?.stop();
  await pool.end();
  await db.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
