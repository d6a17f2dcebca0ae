import type { Db } from '../../platform/db.ts';
import { enqueueJob, type JobHandlers } from '../../platform/jobs/index.ts';
import { sendMeetingReminder } from './remind-non-voters.ts';
import { SYSTEM_ACTOR } from './transition-meeting.ts';

// Durable jobs: reminders to owners who have not voted, 3 days and 1 day before voting closes.
// Scheduled once, when the notice is published (scheduleMeetingReminders, called by the notice
// use case in the same transaction); a job that comes due after the meeting left voting_open
// (closed early, cancelled) does nothing.

export const REMINDER_JOB = 'meeting.remind';
const DAY = 24 * 3600_000;
/** Before the close: far enough ahead to act on, the second one as a last call. */
export const REMINDER_SLOTS = [{ slot: '3d', beforeCloseMs: 3 * DAY }, { slot: '1d', beforeCloseMs: DAY }] as const;


/**
 * Enqueues the meeting's reminder jobs in the caller's transaction. A slot that would fall before
 * voting opens (a window shorter than the slot) is left out. Idempotent by dedupe key: calling it
 * twice schedules each reminder once. Returns the slots scheduled now.
 */
export async function scheduleMeetingReminders(
  db: Db,
  meeting: { id: number; votingOpensAt: Date; votingClosesAt: Date },
): Promise<string[]> {
  const scheduled: string[] = [];
  for (const { slot, beforeCloseMs } of REMINDER_SLOTS) {
    const runAt = new Date(meeting.votingClosesAt.getTime() - beforeCloseMs);
    if (runAt.getTime() <= meeting.votingOpensAt.getTime()) continue;
    const id = await enqueueJob(db, {
      kind: REMINDER_JOB,
      payload: { meetingId: meeting.id, slot },
      runAt,
      dedupeKey: `${REMINDER_JOB}:${meeting.id}:${slot}`,
    });
    if (id !== null) scheduled.push(slot);
  }
  return scheduled;
}

export const reminderJobHandlers: JobHandlers = {
  [REMINDER_JOB]: async (db, payload) => {
    const meetingId = Number(payload.meetingId);
    // FOR SHARE: a close committing meanwhile waits for this job, or this job sees it closed
    const r = await db.query(
      'SELECT id, estate_id, state, title, voting_closes_at FROM meetings WHERE id = $1 FOR SHARE',
      [meetingId],
    );
    const m = r.rows[0];
    if (!m || m.state !== 'voting_open') return;
    await sendMeetingReminder(db, {
      meeting: { id: meetingId, estateId: Number(m.estate_id), title: m.title, votingClosesAt: m.voting_closes_at },
      kind: 'scheduled',
      actor: SYSTEM_ACTOR,
      slot: typeof payload.slot === 'string' ? payload.slot : undefined,
    });
  },
};
