import type { Db } from '../../platform/db.ts';
import { SYSTEM_ACTOR, type MeetingTransitionEvent } from '../meetings/index.ts';
import { startReview } from './start-review.ts';
import { transitionApplication } from './transition-application.ts';

// Moves an ordinary-path application on when the meeting holding its matter-5 item publishes its
// result (passed: the district's review starts; failed: rejected, with the tally's outcome as the
// reason) or is cancelled (the application is unlinked and waits for another meeting). Runs
// inside the meeting's transition (meetings/meeting-events.ts), so both commit together. The
// result is the one the tally stored in meeting_item_results; nothing is recounted here.

type Json = Record<string, unknown>;

/** Applications in the vote of this meeting (through the unique index on meeting_item_id). */
async function votingApplications(db: Db, meetingId: number): Promise<{ id: number; itemId: number }[]> {
  const r = await db.query(
    `SELECT a.id, a.meeting_item_id FROM fund_applications a
      WHERE a.meeting_item_id IN (SELECT i.id FROM meeting_items i WHERE i.meeting_id = $1) AND a.state = 'in_vote'
      ORDER BY a.id`,
    [meetingId],
  );
  return r.rows.map((x) => ({ id: Number(x.id), itemId: Number(x.meeting_item_id) }));
}

const m2 = (v: unknown) => Number(v ?? 0).toFixed(2);

/** Why the item failed, in the words of 民法典 第278条, with the tallied figures. */
export function failedVoteReason(meetingTitle: string, position: number, r: Json): string {
  const where = `业主大会会议“${meetingTitle}”第${position}项表决未通过`;
  const part = `参与表决面积 ${m2(r.areaParticipating)}/${m2(r.areaTotal)} ㎡、人数 ${r.headParticipating}/${r.headTotal} 人`;
  if (!r.participationMet) return `${where}：参与表决的专有部分面积和人数未均达到三分之二以上（${part}）`;
  const rule = r.approvalRule === 'three-quarters' ? '四分之三以上' : '过半数';
  return `${where}：同意的专有部分面积和人数未均达到参与表决的${rule}（${part}；同意面积 ${m2(r.areaYes)} ㎡、人数 ${r.headYes} 人）`;
}

export async function onFundMeetingTransition(db: Db, e: MeetingTransitionEvent): Promise<void> {
  if (e.to !== 'result_published' && e.to !== 'cancelled') return;
  const meetingId = Number(e.meeting.id);
  const apps = await votingApplications(db, meetingId);
  for (const app of apps) {
    if (e.to === 'cancelled') {
      await transitionApplication(db, {
        applicationId: app.id, action: 'vote_cancelled', actor: 'system', ctxActor: SYSTEM_ACTOR, now: e.now,
        before: async () => ({ set: { meeting_id: null, meeting_item_id: null }, audit: { meetingId, itemId: app.itemId } }),
      });
      continue;
    }
    const res = await db.query(
      `SELECT res.result, i.position FROM meeting_item_results res JOIN meeting_items i ON i.id = res.item_id WHERE res.item_id = $1`,
      [app.itemId],
    );
    // a published meeting has a result for every item (tally-meeting.ts); without one, leave it be
    if (!res.rows.length) continue;
    const result = res.rows[0].result as Json;
    if (result.passed === true) {
      await transitionApplication(db, {
        applicationId: app.id, action: 'vote_passed', actor: 'system', ctxActor: SYSTEM_ACTOR, now: e.now,
        before: async (row, now) => {
          const review = await startReview(db, row, now);
          return { set: review.set, audit: { ...review.audit, meetingId, itemId: app.itemId } };
        },
      });
    } else {
      const reason = failedVoteReason(e.meeting.title, Number(res.rows[0].position), result);
      await transitionApplication(db, {
        applicationId: app.id, action: 'vote_failed', actor: 'system', ctxActor: SYSTEM_ACTOR, now: e.now, reason,
        before: async () => ({ set: { decision_reason: reason }, audit: { meetingId, itemId: app.itemId } }),
      });
    }
  }
}
