import type { Db } from '../../platform/db.ts';
import { enqueueJob, type JobHandlers } from '../../platform/jobs/index.ts';
import { notifyMany } from '../../platform/notify/notify.ts';
import { zhDateTime } from './meeting-dates.ts';
import { findMeetingUnsafe, type MeetingRow } from './meeting-repository.ts';
import { jobKeys } from './publish-notice.ts';
import { SYSTEM_ACTOR, transitionMeeting } from './transition-meeting.ts';

// Durable jobs of the lifecycle: opening and closing the voting window at its stored times, the
// end of the objection period, and the notice to owners. Each runs in the job's transaction
// (platform/jobs), so a step and its 'done' mark commit together and survive a restart.
// A job finding its meeting elsewhere (cancelled, already moved) does nothing: it is stale.

const meetingIdOf = (payload: Record<string, unknown>) => Number(payload.meetingId);

/** Too early (a clock skew, or times moved): schedule again for the stored moment, once. */
async function rescheduleIfEarly(db: Db, kind: string, m: MeetingRow, at: Date, key: string): Promise<boolean> {
  if (Date.now() >= at.getTime()) return false;
  await enqueueJob(db, { kind, payload: { meetingId: Number(m.id) }, runAt: at, dedupeKey: `${key}:again` });
  return true;
}

export const lifecycleJobHandlers: JobHandlers = {
  'meeting.open_voting': async (db, payload) => {
    const m = await findMeetingUnsafe(db, meetingIdOf(payload), { forUpdate: true });
    if (!m || m.state !== 'notice_published') return;
    if (await rescheduleIfEarly(db, 'meeting.open_voting', m, m.voting_opens_at, jobKeys.openVoting(m.id, m.voting_opens_at))) return;
    await transitionMeeting(db, { meetingId: m.id, action: 'open_voting', actor: 'system', ctxActor: SYSTEM_ACTOR });
  },

  'meeting.close': async (db, payload) => {
    const m = await findMeetingUnsafe(db, meetingIdOf(payload), { forUpdate: true });
    if (!m) return;
    // the window has not opened yet (its job failed or is queued behind this one): retry later
    if (m.state === 'notice_published') throw new Error(`meeting ${m.id}: voting not open yet, cannot close`);
    if (m.state !== 'voting_open') return;
    if (await rescheduleIfEarly(db, 'meeting.close', m, m.voting_closes_at, jobKeys.close(m.id, m.voting_closes_at))) return;
    await transitionMeeting(db, { meetingId: m.id, action: 'close', actor: 'system', ctxActor: SYSTEM_ACTOR });
    // the tally right after closing (its handler: tally-jobs.ts)
    await enqueueJob(db, { kind: 'meeting.tally', payload: { meetingId: Number(m.id) }, dedupeKey: jobKeys.tally(m.id) });
  },

  'meeting.finalise': async (db, payload) => {
    const m = await findMeetingUnsafe(db, meetingIdOf(payload), { forUpdate: true });
    if (!m || m.state !== 'objection_period' || !m.objection_ends_at) return;
    if (await rescheduleIfEarly(db, 'meeting.finalise', m, m.objection_ends_at, jobKeys.finalise(m.id, m.objection_ends_at))) return;
    await transitionMeeting(db, { meetingId: m.id, action: 'finalise', actor: 'system', ctxActor: SYSTEM_ACTOR });
  },

  /** The notice in every bound owner's inbox (one INSERT for the whole estate). */
  'meeting.notify_notice': async (db, payload) => {
    const m = await findMeetingUnsafe(db, meetingIdOf(payload));
    if (!m || m.notice_published_at === null) return;
    const r = await db.query(
      `SELECT DISTINCT b.account_id FROM bindings b JOIN accounts a ON a.id = b.account_id
        WHERE b.estate_id = $1 AND b.status = 'approved' AND NOT a.disabled`,
      [m.estate_id],
    );
    await notifyMany(db, {
      accountIds: r.rows.map((x) => Number(x.account_id)),
      subject: `业主大会会议公告：${m.title}`,
      body: `${m.estate_name}${m.convener_name}发布了业主大会会议公告“${m.title}”。`
        + `投票时间：${zhDateTime(m.voting_opens_at)} 至 ${zhDateTime(m.voting_closes_at)}。请在“我的会议”中查看公告、表决事项和附件。`,
    });
  },
};
