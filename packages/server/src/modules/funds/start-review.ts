import { addWorkingDays } from '@gongzhi/domain';
import type { Db } from '../../platform/db.ts';
import { enqueueJob } from '../../platform/jobs/index.ts';
import { notifyMany } from '../../platform/notify/notify.ts';
import { endOfLocalDay, localDate } from '../meetings/index.ts';
import type { FundApplicationRow } from './application-repository.ts';
import { estateRegion, officersOver } from './review-estate.ts';

// The start of the district's review (区住建部门审核), on either path: after the owners' vote
// passed, or after the street office / community confirmed an emergency. The deadline is counted
// in working days of the Chinese public-holiday calendar (调休 weekends count, holidays do not)
// from the day the review starts (not counted), over the city's configured period (default 5).
// A durable job watches the deadline: it fires at the end of the due day (Asia/Shanghai) and
// flags the review overdue if it is still open (review-jobs.ts).

export const REVIEW_DUE_JOB = 'fund.review_due';
export const reviewDueJobKey = (applicationId: number, dueOn: string) => `${REVIEW_DUE_JOB}:${applicationId}:${dueOn}`;

export interface StartedReview {
  set: Record<string, unknown>;
  audit: Record<string, unknown>;
}

/** Run as (part of) the `before` step of vote_passed / street_confirm: returns the columns to set. */
export async function startReview(db: Db, app: FundApplicationRow, now: Date): Promise<StartedReview> {
  const region = await estateRegion(db, Number(app.estate_id));
  const startedOn = localDate(now);
  const due = addWorkingDays(startedOn, region.reviewWorkingDays);
  const applicationId = Number(app.id);
  await enqueueJob(db, {
    kind: REVIEW_DUE_JOB, payload: { applicationId, dueOn: due.date },
    runAt: endOfLocalDay(due.date), dedupeKey: reviewDueJobKey(applicationId, due.date),
  });
  // the district's officers learn of the new review in their inbox
  const district = await officersOver(db, region.communityPath, ['district_officer']);
  await notifyMany(db, {
    accountIds: district,
    subject: `维修资金使用申请待审核：${app.title}`,
    body: `${region.estateName}的维修资金使用申请“${app.title}”已进入审核，`
      + `请于 ${due.date}（${region.reviewWorkingDays} 个工作日内）前完成审核。`
      + (due.calendarKnown ? '' : '（该期限跨越尚未公布节假日安排的年份，按周一至周五计算，请留意调整。）'),
  });
  return {
    set: { review_started_on: startedOn, review_due_on: due.date, review_overdue: false, escalated_at: null },
    audit: { reviewStartedOn: startedOn, reviewDueOn: due.date, reviewWorkingDays: region.reviewWorkingDays, calendarKnown: due.calendarKnown },
  };
}
