import type { FundStepResult } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import type { FundApplicationRow } from './application-repository.ts';
import { fundActorFor } from './fund-actor.ts';
import { applicationInScope, stepResult } from './review-present.ts';
import { startReview } from './start-review.ts';
import { transitionApplication } from './transition-application.ts';

// The emergency path's two confirmations (办法 第24条; 杭州 第73条: the street office may
// delegate to the community): first the owners' committee, then the street office or the
// community; the second one starts the district's review at once, with no owner vote. The order
// is the transition table's: a street confirmation of an application the committee has not
// confirmed is refused (wrong state). Each confirmation is also a row naming who gave it.

export interface ConfirmOptions {
  ctx: RequestContext;
  applicationId: number;
  note: string;
  now?: Date;
}

async function recordConfirmation(db: Db, ctx: RequestContext, a: FundApplicationRow, kind: 'committee' | 'street', note: string, now: Date) {
  await db.query(
    `INSERT INTO fund_application_confirmations (application_id, kind, account_id, role, note, created_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [a.id, kind, ctx.accountId, ctx.role, note, now],
  );
}

export async function committeeConfirm(db: Db, o: ConfirmOptions): Promise<FundStepResult> {
  const a = await applicationInScope(db, o.ctx, o.applicationId);
  const actor = fundActorFor(o.ctx, a, 'committee_confirm');
  const out = await transitionApplication(db, {
    applicationId: o.applicationId, action: 'committee_confirm', actor, ctxActor: o.ctx.actor(), now: o.now,
    assertScope: (row) => o.ctx.assertEstate(Number(row.estate_id), '维修资金使用申请'),
    before: async (row, now) => {
      await recordConfirmation(db, o.ctx, row, 'committee', o.note, now);
      return { audit: o.note ? { note: o.note } : {} };
    },
  });
  return stepResult(out.application);
}

export async function streetConfirm(db: Db, o: ConfirmOptions): Promise<FundStepResult> {
  const a = await applicationInScope(db, o.ctx, o.applicationId);
  const actor = fundActorFor(o.ctx, a, 'street_confirm');
  const out = await transitionApplication(db, {
    applicationId: o.applicationId, action: 'street_confirm', actor, ctxActor: o.ctx.actor(), now: o.now,
    assertScope: (row) => o.ctx.assertEstate(Number(row.estate_id), '维修资金使用申请'),
    before: async (row, now) => {
      await recordConfirmation(db, o.ctx, row, 'street', o.note, now);
      const review = await startReview(db, row, now);
      return { set: review.set, audit: { ...review.audit, ...(o.note ? { note: o.note } : {}) } };
    },
  });
  return stepResult(out.application);
}

export interface RefuseEmergencyOptions {
  ctx: RequestContext;
  applicationId: number;
  reason: string;
  now?: Date;
}

/** Not an emergency after all (the committee or the street office / community says so): the
 *  application goes back to `submitted` on the ordinary path, to be put to the owners' vote. */
export async function refuseEmergency(db: Db, o: RefuseEmergencyOptions): Promise<FundStepResult> {
  const a = await applicationInScope(db, o.ctx, o.applicationId);
  const actor = fundActorFor(o.ctx, a, 'refuse_emergency');
  const out = await transitionApplication(db, {
    applicationId: o.applicationId, action: 'refuse_emergency', actor, ctxActor: o.ctx.actor(), reason: o.reason, now: o.now,
    assertScope: (row) => o.ctx.assertEstate(Number(row.estate_id), '维修资金使用申请'),
    // the schema ties path = 'emergency' to a category: both go; the audit keeps what was claimed
    before: async (row) => ({
      set: { path: 'ordinary', emergency_category: null, emergency_list: null },
      audit: { refusedCategory: row.emergency_category, refusedList: row.emergency_list },
    }),
  });
  return stepResult(out.application);
}
