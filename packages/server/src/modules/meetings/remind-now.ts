import type { ReminderResult } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { localDateTime } from './meeting-dates.ts';
import { sendMeetingReminder } from './remind-non-voters.ts';

// The convener's "remind owners who have not voted" button: only while voting is open, at most
// once per meeting per hour (owners should not be flooded; the scheduled reminders come on top).

export const MANUAL_REMINDER_INTERVAL_MS = 60 * 60_000;
/** Serialises manual reminders of one meeting so two clicks cannot both pass the throttle. */
const REMIND_LOCK = 7261013;

export async function remindNow(db: Db, opts: { ctx: RequestContext; meetingId: number }): Promise<ReminderResult> {
  const { ctx, meetingId } = opts;
  const m = await db.query('SELECT id, estate_id, state, title, voting_closes_at FROM meetings WHERE id = $1', [meetingId]);
  const meeting = m.rows[0];
  if (!meeting) throw notFound('会议');
  ctx.assertEstate(Number(meeting.estate_id), '会议');
  // an advisory lock rather than the meeting row's: casting ballots must not wait behind a
  // reminder that writes thousands of inbox rows
  await db.query('SELECT pg_advisory_xact_lock($1, $2::int)', [REMIND_LOCK, meetingId]);
  if (meeting.state !== 'voting_open') {
    throw new AppError('INVALID_TRANSITION', { message: '只有投票进行中的会议才能发送投票提醒' });
  }
  const last = await db.query(
    // the database's clock on both sides of the comparison (sent_at is its now())
    `SELECT sent_at, sent_at + make_interval(secs => $2::double precision / 1000) > now() AS blocked
       FROM meeting_reminders WHERE meeting_id = $1 AND kind = 'manual' ORDER BY sent_at DESC LIMIT 1`,
    [meetingId, MANUAL_REMINDER_INTERVAL_MS],
  );
  const lastAt = last.rows[0]?.sent_at as Date | undefined;
  if (lastAt && last.rows[0].blocked) {
    const next = new Date(lastAt.getTime() + MANUAL_REMINDER_INTERVAL_MS);
    throw new AppError('RATE_LIMITED', {
      message: `每场会议每小时只能手动发送一次投票提醒。上次发送于 ${localDateTime(lastAt)}，请于 ${localDateTime(next)}（北京时间）后再试`,
      details: { lastSentAt: lastAt.toISOString(), nextAllowedAt: next.toISOString() },
    });
  }
  const { count, sentAt } = await sendMeetingReminder(db, {
    meeting: { id: meetingId, estateId: Number(meeting.estate_id), title: meeting.title, votingClosesAt: meeting.voting_closes_at },
    kind: 'manual',
    actor: ctx.actor(),
  });
  return {
    count,
    sentAt: sentAt.toISOString(),
    nextAllowedAt: new Date(sentAt.getTime() + MANUAL_REMINDER_INTERVAL_MS).toISOString(),
  };
}
