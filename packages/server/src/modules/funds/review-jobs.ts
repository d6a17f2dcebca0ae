import { appendAudit } from '../../platform/audit.ts';
import { enqueueJob, type JobHandlers } from '../../platform/jobs/index.ts';
import { notifyMany } from '../../platform/notify/notify.ts';
import { endOfLocalDay, SYSTEM_ACTOR } from '../meetings/index.ts';
import { findApplicationUnsafe } from './application-repository.ts';
import { estateRegion, officersOver } from './review-estate.ts';
import { REVIEW_DUE_JOB, reviewDueJobKey } from './start-review.ts';

// The review deadline's durable job (scheduled by start-review.ts for the end of the due day,
// Asia/Shanghai). If the application is still under review then, it is flagged overdue and
// escalated: the district officers over the estate and the city officers are told in their
// inbox, and the audit log records fund.review.overdue. Runs in the job's transaction under the
// application's row lock, so it cannot interleave with a decision, and does nothing the second
// time (the flag is already set) or when the review is over.

export const reviewJobHandlers: JobHandlers = {
  [REVIEW_DUE_JOB]: async (db, payload) => {
    const a = await findApplicationUnsafe(db, Number(payload.applicationId), { forUpdate: true });
    if (!a || a.state !== 'under_review' || a.review_overdue || !a.review_due_on) return;
    const deadline = endOfLocalDay(a.review_due_on);
    if (Date.now() < deadline.getTime()) {
      // early (a clock skew, or a new review with a later deadline): watch the stored deadline
      await enqueueJob(db, {
        kind: REVIEW_DUE_JOB, payload: { applicationId: Number(a.id), dueOn: a.review_due_on },
        runAt: deadline, dedupeKey: `${reviewDueJobKey(Number(a.id), a.review_due_on)}:again`,
      });
      return;
    }
    const now = new Date();
    await db.query(`UPDATE fund_applications SET review_overdue = true, escalated_at = $2 WHERE id = $1`, [a.id, now]);
    const region = await estateRegion(db, Number(a.estate_id));
    const district = await officersOver(db, region.communityPath, ['district_officer']);
    const city = await officersOver(db, region.communityPath, ['city_officer']);
    const subject = `维修资金使用申请审核已超期：${a.title}`;
    const body = `${region.estateName}的维修资金使用申请“${a.title}”于 ${a.review_started_on} 进入审核，`
      + `应于 ${a.review_due_on} 前完成（${region.reviewWorkingDays} 个工作日），现已超期，请尽快审核。`;
    await notifyMany(db, { accountIds: [...district, ...city], subject, body });
    await appendAudit(db, SYSTEM_ACTOR, {
      action: 'fund.review.overdue', targetType: 'fund_application', targetId: Number(a.id), estateId: Number(a.estate_id),
      summary: { reviewStartedOn: a.review_started_on, reviewDueOn: a.review_due_on, notifiedDistrict: district.length, notifiedCity: city.length },
    });
  },
};
