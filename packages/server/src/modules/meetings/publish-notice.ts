import crypto from 'node:crypto';
import { checkNoticePeriod, MEETING_PROFILE_RULES } from '@gongzhi/domain';
import type { Db } from '../../platform/db.ts';
import { fieldError } from '../../platform/errors.ts';
import { enqueueJob } from '../../platform/jobs/index.ts';
import { developerOf, freezeRoster } from './freeze-roster.ts';
import { localDate } from './meeting-dates.ts';
import type { MeetingRow } from './meeting-repository.ts';
import { scheduleMeetingReminders } from './reminder-jobs.ts';

// Publishing the notice (发布会议公告): the notice period is checked against the rule profile,
// the roster is frozen, the pseudonym secret is drawn, and the durable jobs that open and close
// the voting window and tell the owners are scheduled — all in the transition's transaction, so
// a refused notice leaves nothing behind.

export const jobKeys = {
  openVoting: (id: number, at: Date) => `meeting.open_voting:${id}:${at.toISOString()}`,
  close: (id: number, at: Date) => `meeting.close:${id}:${at.toISOString()}`,
  notifyNotice: (id: number) => `meeting.notify_notice:${id}`,
  tally: (id: number) => `meeting.tally:${id}`,
  finalise: (id: number, at: Date) => `meeting.finalise:${id}:${at.toISOString()}`,
};

/** Run as the `before` step of the publish_notice transition (the meeting row is locked). */
export async function publishNotice(db: Db, m: MeetingRow, now: Date): Promise<void> {
  const noticePublishedOn = localDate(now);
  const check = checkNoticePeriod({
    noticePublishedOn,
    votingOpensOn: localDate(m.voting_opens_at),
    profileRules: MEETING_PROFILE_RULES[m.rules],
    extraordinary: m.extraordinary,
  });
  if (!check.ok) throw fieldError('votingOpensAt', `${check.message}；请退回修改投票开始时间后重新提交`);
  if (m.voting_opens_at.getTime() <= now.getTime()) throw fieldError('votingOpensAt', '投票开始时间已过，请退回修改后重新提交');

  const developerOwnerId = await developerOf(db, m.estate_id);
  await freezeRoster(db, { meetingId: m.id, estateId: m.estate_id, developerOwnerId });
  await db.query(
    `UPDATE meetings SET notice_published_on = $2, developer_owner_id = $3, pseudonym_salt = $4 WHERE id = $1`,
    [m.id, noticePublishedOn, developerOwnerId, crypto.randomBytes(32).toString('hex')],
  );
  const payload = { meetingId: Number(m.id) };
  await enqueueJob(db, { kind: 'meeting.open_voting', payload, runAt: m.voting_opens_at, dedupeKey: jobKeys.openVoting(m.id, m.voting_opens_at) });
  await enqueueJob(db, { kind: 'meeting.close', payload, runAt: m.voting_closes_at, dedupeKey: jobKeys.close(m.id, m.voting_closes_at) });
  // the owners' inbox: one job, so that an estate of thousands does not hold up this request
  await enqueueJob(db, { kind: 'meeting.notify_notice', payload, runAt: now, dedupeKey: jobKeys.notifyNotice(m.id) });
  await scheduleMeetingReminders(db, { id: Number(m.id), votingOpensAt: m.voting_opens_at, votingClosesAt: m.voting_closes_at });
}
