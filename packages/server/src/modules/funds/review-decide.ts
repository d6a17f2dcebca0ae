import { FUND_EXCLUSIONS, type FundExclusionKey } from '@gongzhi/domain';
import type { FundStepResult } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notifyMany } from '../../platform/notify/notify.ts';
import type { FundApplicationRow } from './application-repository.ts';
import { fundActorFor } from './fund-actor.ts';
import { applicationInScope, stepResult } from './review-present.ts';
import { transitionApplication } from './transition-application.ts';

// The district housing bureau's decision on an application under review (办法 第22、24条).
// Only a district officer whose region contains the estate reaches it (404 otherwise). A
// rejection carries its reason, and may name the exclusion (办法 第25条) it rests on; both are
// stored on the application, where the applicant and the owners in scope read them. Deciding
// after the deadline is still possible: the overdue flag stays as the record of the delay.

export interface ApproveOptions { ctx: RequestContext; applicationId: number; note: string; now?: Date }
export interface RejectOptions { ctx: RequestContext; applicationId: number; reason: string; exclusion?: FundExclusionKey; now?: Date }

/** The applicant (the account that made the application) hears the outcome in the inbox. */
async function tellApplicant(db: Db, a: FundApplicationRow, subject: string, body: string) {
  await notifyMany(db, { accountIds: [Number(a.created_by)], subject, body });
}

export async function approveApplication(db: Db, o: ApproveOptions): Promise<FundStepResult> {
  const a = await applicationInScope(db, o.ctx, o.applicationId);
  const actor = fundActorFor(o.ctx, a, 'approve');
  const out = await transitionApplication(db, {
    applicationId: o.applicationId, action: 'approve', actor, ctxActor: o.ctx.actor(), now: o.now,
    assertScope: (row) => o.ctx.assertEstate(Number(row.estate_id), '维修资金使用申请'),
    before: async (row) => ({ audit: { ...(o.note ? { note: o.note } : {}), reviewDueOn: row.review_due_on, overdue: row.review_overdue } }),
  });
  await tellApplicant(db, out.application, `维修资金使用申请审核通过：${a.title}`,
    `您提交的维修资金使用申请“${a.title}”已由区住房城乡建设部门审核通过${o.note ? `（${o.note}）` : ''}，可按分期计划申请拨付。`);
  return stepResult(out.application);
}

export async function rejectApplication(db: Db, o: RejectOptions): Promise<FundStepResult> {
  const a = await applicationInScope(db, o.ctx, o.applicationId);
  const actor = fundActorFor(o.ctx, a, 'reject');
  const exclusion = o.exclusion ? FUND_EXCLUSIONS.find((e) => e.key === o.exclusion) : undefined;
  const out = await transitionApplication(db, {
    applicationId: o.applicationId, action: 'reject', actor, ctxActor: o.ctx.actor(), reason: o.reason, now: o.now,
    assertScope: (row) => o.ctx.assertEstate(Number(row.estate_id), '维修资金使用申请'),
    before: async (row) => ({
      set: { decision_reason: o.reason, rejected_exclusion: o.exclusion ?? null },
      audit: { ...(o.exclusion ? { exclusion: o.exclusion } : {}), reviewDueOn: row.review_due_on, overdue: row.review_overdue },
    }),
  });
  await tellApplicant(db, out.application, `维修资金使用申请未通过审核：${a.title}`,
    `您提交的维修资金使用申请“${a.title}”未通过区住房城乡建设部门审核。理由：${o.reason}`
    + (exclusion ? `（属于不得使用维修资金的情形：${exclusion.label}）` : ''));
  return stepResult(out.application);
}
