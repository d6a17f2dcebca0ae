import type { Db } from '../../platform/db.ts';
import { enqueueJob, type JobHandlers } from '../../platform/jobs/index.ts';
import { sweepCases, sweptRows, SWEEP_CHUNK } from './case-sweep.ts';

// The durable sweeper job 'cases.sweep': one chunk (≤ 2,000 rows) per run, in the job's own
// transaction, so the chunk's effects and the job's done mark commit together. Then it schedules
// itself: at once when the chunk was full (more is waiting), else at the start of the next
// minute. The next-minute job's dedupe key is that minute ('cases.sweep:2026-11-22T09:31'), so
// two chains (two servers, a restart) meet on the same key and go on as one; the at-once job's
// key names the run it follows, so a backlog drains without waiting for the clock.

export const CASES_SWEEP_JOB = 'cases.sweep';
/** A job that keeps failing backs off (up to an hour) rather than ending the chain. */
const MAX_ATTEMPTS = 1000;

const minuteKey = (t: Date) => `${CASES_SWEEP_JOB}:${t.toISOString().slice(0, 16)}`;
const nextMinute = (t: Date) => new Date(Math.floor(t.getTime() / 60_000) * 60_000 + 60_000);

async function scheduleAtMinute(db: Db, at: Date): Promise<number | null> {
  return enqueueJob(db, { kind: CASES_SWEEP_JOB, runAt: at, dedupeKey: minuteKey(at), maxAttempts: MAX_ATTEMPTS });
}

/** Another sweep (not `exceptJobId`, the one running) is waiting: this chain may end. */
async function otherSweepPending(db: Db, exceptJobId: number | null): Promise<boolean> {
  const r = await db.query(
    `SELECT 1 FROM jobs WHERE kind = $1 AND status = 'pending' AND id IS DISTINCT FROM $2 LIMIT 1`,
    [CASES_SWEEP_JOB, exceptJobId],
  );
  return r.rows.length > 0;
}

/**
 * The next sweep at `at` under the minute's key. A minute's key already used by a sweep that ran
 * early (a test or a journey moved it forward) must not end the chain: then, unless another sweep
 * is pending, the next one gets a key of its own.
 */
async function scheduleNext(db: Db, at: Date, after: number | null): Promise<number | null> {
  const id = await scheduleAtMinute(db, at);
  if (id != null || (await otherSweepPending(db, after))) return id;
  return enqueueJob(db, {
    kind: CASES_SWEEP_JOB, runAt: at, maxAttempts: MAX_ATTEMPTS,
    dedupeKey: `${CASES_SWEEP_JOB}:${after == null ? `ensure:${at.getTime()}` : `after:${after}`}`,
  });
}

/**
 * Makes sure the sweeper runs: when no sweep is pending, one is scheduled now (server start, the
 * demo loader). Idempotent; two servers starting together schedule one (the minute's key).
 * Returns the new job's id, or null when one was already pending.
 */
export async function ensureCasesSweep(db: Db, now = new Date()): Promise<number | null> {
  if (await otherSweepPending(db, null)) return null;
  return scheduleNext(db, new Date(Math.floor(now.getTime() / 60_000) * 60_000), null);
}

export const sweepJobHandlers: JobHandlers = {
  [CASES_SWEEP_JOB]: async (db, _payload, job) => {
    const now = new Date();
    const result = await sweepCases(db, { now, limit: SWEEP_CHUNK });
    if (sweptRows(result) >= SWEEP_CHUNK) {
      // more is waiting: at once (a key of its own, so the backlog drains without the clock)
      await enqueueJob(db, { kind: CASES_SWEEP_JOB, runAt: now, dedupeKey: `${CASES_SWEEP_JOB}:after:${job.id}`, maxAttempts: MAX_ATTEMPTS });
    } else {
      await scheduleNext(db, nextMinute(now), job.id);
    }
  },
};
