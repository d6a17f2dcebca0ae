import { appendAudit, type AuditActor } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { notifyMany } from '../../platform/notify/notify.ts';
import { localDateTime } from './meeting-dates.ts';

// A reminder to owners who have not voted yet: an in-app notice to every account bound to an
// owner of the frozen roster whose head has no current ballot on at least one item. Shared by the
// convener's button and the scheduled 'meeting.remind' job; each caller decides whether a
// reminder is due, this file only sends, records and audits it.

export interface ReminderMeeting {
  id: number;
  estateId: number;
  title: string;
  votingClosesAt: Date;
}

/** Accounts to remind, in one statement: heads missing a current ballot on some item (the
 *  ballots_one_current_uq index answers each probe), their owners in the frozen roster, and the
 *  enabled accounts with an approved binding to one of those owners (who may vote for the head). */
export async function nonVoterAccounts(db: Db, meetingId: number): Promise<number[]> {
  const r = await db.query(
    `WITH heads AS (
       SELECT DISTINCT voter_key FROM meeting_roster_units WHERE meeting_id = $1 AND voter_key IS NOT NULL),
     missing AS (
       SELECT h.voter_key FROM heads h
        WHERE EXISTS (
          SELECT 1 FROM meeting_items i
           WHERE i.meeting_id = $1
             AND NOT EXISTS (SELECT 1 FROM ballots b WHERE b.item_id = i.id AND b.voter_key = h.voter_key AND b.status = 'current'))),
     owners AS (
       SELECT DISTINCT o.owner_id FROM meeting_roster_units r
         JOIN missing m ON m.voter_key = r.voter_key
         CROSS JOIN LATERAL unnest(r.owner_ids) AS o(owner_id)
        WHERE r.meeting_id = $1)
     SELECT DISTINCT b.account_id FROM bindings b
       JOIN owners o ON o.owner_id = b.owner_id
       JOIN accounts a ON a.id = b.account_id
      WHERE b.status = 'approved' AND NOT a.disabled
      ORDER BY b.account_id`,
    [meetingId],
  );
  return r.rows.map((row) => Number(row.account_id));
}

export function reminderText(m: ReminderMeeting): { subject: string; body: string } {
  return {
    subject: `投票提醒：${m.title}`,
    body: `业主大会会议「${m.title}」正在投票，您尚有议题未表决。投票将于 ${localDateTime(m.votingClosesAt)}（北京时间）截止，` +
      '请在“我的会议”中完成投票。已表决的议题无需重复操作；如已委托代理人投票，请忽略本提醒。',
  };
}

/** Sends the reminder, records it (meeting_reminders) and audits it, in the caller's transaction.
 *  Returns how many accounts it reached. */
export async function sendMeetingReminder(
  db: Db,
  opts: { meeting: ReminderMeeting; kind: 'manual' | 'scheduled'; actor: AuditActor; slot?: string },
): Promise<{ count: number; sentAt: Date }> {
  const { meeting, kind, actor } = opts;
  const accountIds = await nonVoterAccounts(db, meeting.id);
  const count = await notifyMany(db, { accountIds, ...reminderText(meeting) });
  const row = await db.query(
    `INSERT INTO meeting_reminders (meeting_id, kind, sent_by, recipients) VALUES ($1, $2, $3, $4) RETURNING sent_at`,
    [meeting.id, kind, actor.accountId, count],
  );
  await appendAudit(db, actor, {
    action: 'meeting.remind',
    targetType: 'meeting',
    targetId: meeting.id,
    estateId: meeting.estateId,
    summary: { kind, recipients: count, ...(opts.slot ? { slot: opts.slot } : {}) },
  });
  return { count, sentAt: row.rows[0].sent_at as Date };
}
