import type { Db } from '../../platform/db.ts';
import { enqueueJob, type JobHandlers } from '../../platform/jobs/index.ts';
import { tallyMeeting } from './tally-meeting.ts';

// Durable jobs: the tally after the voting window closes ('meeting.tally', enqueued by the
// 'meeting.close' job with a dedupe key). A second run, or a run for a meeting cancelled
// meanwhile, changes nothing (tallyMeeting says why).
//
// Paper ballots received before the close may still be waiting for their second person
// (paper-review.ts allows confirming them while the meeting is closed). Tallying then would
// silently leave them out, so the tally waits: the job looks again every PAPER_RECHECK_MS, and
// confirming or rejecting the last waiting sheet schedules the tally at once.

export const PAPER_RECHECK_MS = 10 * 60_000;

/** Pending paper sheets of a meeting; takes the meeting row lock first, so a confirmation
 *  (which holds FOR SHARE on the meeting) is either fully before or fully after this count. */
async function lockAndCountPendingSheets(db: Db, meetingId: number): Promise<{ state: string | null; pending: number }> {
  const m = await db.query('SELECT state FROM meetings WHERE id = $1 FOR UPDATE', [meetingId]);
  if (!m.rows[0]) return { state: null, pending: 0 };
  const r = await db.query(`SELECT count(*)::int AS n FROM meeting_paper_sheets WHERE meeting_id = $1 AND status = 'pending'`, [meetingId]);
  return { state: String(m.rows[0].state), pending: Number(r.rows[0].n) };
}

/** Called after a paper sheet is confirmed or rejected, by a caller holding the meeting row FOR
 *  SHARE (upgrading to FOR UPDATE here could deadlock two confirmations): if it was the last sheet
 *  a closed meeting was waiting for, the tally runs now rather than at the next recheck. Two
 *  confirmations of the last two sheets at once may each still see the other's: the recheck
 *  then picks the tally up. */
export async function tallyIfPaperDone(db: Db, meetingId: number): Promise<void> {
  const r = await db.query(
    `SELECT m.state, (SELECT count(*)::int FROM meeting_paper_sheets s WHERE s.meeting_id = m.id AND s.status = 'pending') AS pending
       FROM meetings m WHERE m.id = $1`,
    [meetingId],
  );
  if (r.rows[0]?.state !== 'closed' || Number(r.rows[0].pending) > 0) return;
  await enqueueJob(db, { kind: 'meeting.tally', payload: { meetingId }, dedupeKey: `meeting.tally:${meetingId}:paper-done` });
}

export const tallyJobHandlers: JobHandlers = {
  'meeting.tally': async (db, payload) => {
    const meetingId = Number(payload.meetingId);
    const { state, pending } = await lockAndCountPendingSheets(db, meetingId);
    if (state === 'closed' && pending > 0) {
      const runAt = new Date(Date.now() + PAPER_RECHECK_MS);
      await enqueueJob(db, {
        kind: 'meeting.tally',
        payload: { meetingId, waitingForPaperSheets: pending },
        runAt,
        dedupeKey: `meeting.tally:${meetingId}:recheck:${runAt.getTime()}`,
      });
      return;
    }
    await tallyMeeting(db, meetingId);
  },
};
