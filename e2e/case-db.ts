import { withDb } from './meeting-db.ts';

// Direct SQL for the case journeys (issue 6): what a browser cannot do is wait for a working day
// to pass. A case's running deadline moves into the past, and the sweeper's pending job
// ('cases.sweep', which otherwise runs once a minute) is woken so the platform's own job runner
// escalates the case at its next poll, exactly as it would when the deadline passed by itself.

const PAST = `now() - interval '1 minute'`;

/** The case's running deadline (respond while its rung has not answered, else resolve) has passed. */
export async function expireCaseDeadline(caseId: number): Promise<void> {
  await withDb(async (db) => {
    const r = await db.query(
      `UPDATE cases SET respond_due_at = CASE WHEN next_due_at = respond_due_at THEN ${PAST} ELSE respond_due_at END,
                        resolve_due_at = CASE WHEN next_due_at = resolve_due_at OR resolve_due_at < next_due_at THEN ${PAST} ELSE resolve_due_at END,
                        next_due_at = ${PAST}
        WHERE id = $1 AND next_due_at IS NOT NULL RETURNING id`,
      [caseId],
    );
    if (r.rowCount !== 1) throw new Error(`case ${caseId} has no running deadline to expire`);
  });
}

/** Runs the sweeper now: its pending job is due at once (or a new one is queued if none waits). */
export async function wakeCasesSweep(): Promise<void> {
  await withDb(async (db) => {
    const r = await db.query(`UPDATE jobs SET run_at = now() - interval '1 second' WHERE kind = 'cases.sweep' AND status = 'pending' RETURNING id`);
    if (r.rowCount === 0) {
      await db.query(
        `INSERT INTO jobs (kind, payload, run_at, dedupe_key, max_attempts) VALUES ('cases.sweep', '{}', now() - interval '1 second', $1, 1000)
         ON CONFLICT (dedupe_key) DO NOTHING`,
        [`cases.sweep:e2e:${Date.now()}`],
      );
    }
  });
}

export async function caseRow(caseId: number): Promise<{ level: string; state: string; handlerParty: string }> {
  return withDb(async (db) => {
    const r = await db.query('SELECT level, state, handler_party FROM cases WHERE id = $1', [caseId]);
    return { level: r.rows[0].level, state: r.rows[0].state, handlerParty: r.rows[0].handler_party };
  });
}
