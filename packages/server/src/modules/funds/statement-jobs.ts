import type { Db } from '../../platform/db.ts';
import { enqueueJob, type JobHandlers } from '../../platform/jobs/index.ts';
import { localDate, SYSTEM_ACTOR } from '../meetings/index.ts';
import { writeStatement } from './statement-publish.ts';

// The statement is published at least every half year (issue 4): on 1 January and 1 July
// (Asia/Shanghai) a durable job publishes the half-year just ended for every estate with fund
// accounts, then schedules the next one. One job per boundary (dedupe key), one statement per
// estate and period (unique), so a re-run or a second server publishes nothing twice. The first
// job is scheduled by the first booking of any estate (and by the demo loader).

export const HALF_YEAR_JOB = 'fund.statement.half_year';

/** The boundary (YYYY-01-01 or YYYY-07-01) strictly after the local date of `at`. */
export function nextBoundary(at: Date): string {
  const d = localDate(at);
  const y = Number(d.slice(0, 4));
  return d < `${y}-07-01` ? `${y}-07-01` : `${y + 1}-01-01`;
}

/** The half-year that ends the day before a boundary. */
export function halfBefore(boundary: string): { periodStart: string; periodEnd: string } {
  const y = Number(boundary.slice(0, 4));
  return boundary.endsWith('-07-01')
    ? { periodStart: `${y}-01-01`, periodEnd: `${y}-06-30` }
    : { periodStart: `${y - 1}-07-01`, periodEnd: `${y - 1}-12-31` };
}

export async function scheduleHalfYearStatement(db: Db, after: Date): Promise<void> {
  const boundary = nextBoundary(after);
  await enqueueJob(db, {
    kind: HALF_YEAR_JOB, payload: { boundary }, runAt: new Date(`${boundary}T00:00:00+08:00`), dedupeKey: `${HALF_YEAR_JOB}:${boundary}`,
  });
}

/** Publishes the half before `boundary` for every estate with fund accounts; returns how many were new. */
export async function publishHalfYear(db: Db, boundary: string): Promise<number> {
  const period = halfBefore(boundary);
  const estates = await db.query(`SELECT DISTINCT estate_id FROM fund_accounts WHERE kind = 'unit' ORDER BY 1`);
  let n = 0;
  for (const row of estates.rows) {
    const id = await writeStatement(db, { estateId: Number(row.estate_id), ...period, actor: SYSTEM_ACTOR });
    if (id !== null) n++;
  }
  return n;
}

export const statementJobHandlers: JobHandlers = {
  [HALF_YEAR_JOB]: async (db, payload, job) => {
    const boundary = typeof payload.boundary === 'string' ? payload.boundary : localDate(job.runAt);
    await publishHalfYear(db, boundary);
    // the next half: from the boundary itself, so a late run does not skip a half-year
    await scheduleHalfYearStatement(db, new Date(`${boundary}T12:00:00+08:00`));
  },
};
