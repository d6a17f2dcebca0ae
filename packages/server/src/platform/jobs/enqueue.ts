import type { Db } from '../db.ts';

// Jobs are rows in the caller's own transaction: a job exists if and only if the business change
// that scheduled it committed. A dedupe key makes scheduling idempotent (a retried request or a
// re-run import schedules its reminder once).

export interface EnqueueInput {
  kind: string; // e.g. 'meeting.close', 'reminder.send'
  payload?: Record<string, unknown>;
  /** when it becomes due; default now */
  runAt?: Date;
  dedupeKey?: string;
  maxAttempts?: number;
}

/** Returns the new job's id, or null when a job with the same dedupe key already exists. */
export async function enqueueJob(db: Db, input: EnqueueInput): Promise<number | null> {
  const r = await db.query(
    `INSERT INTO jobs (kind, payload, run_at, dedupe_key, max_attempts)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    [input.kind, JSON.stringify(input.payload ?? {}), input.runAt ?? new Date(), input.dedupeKey ?? null, input.maxAttempts ?? 5],
  );
  return r.rows.length ? Number(r.rows[0].id) : null;
}
