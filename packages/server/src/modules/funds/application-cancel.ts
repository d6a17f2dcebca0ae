import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { findApplicationUnsafe } from './application-repository.ts';
import { fundActorFor } from './fund-actor.ts';
import { transitionApplication, type FundTransitionOutcome } from './transition-application.ts';

// The applicant withdraws a draft or a submitted application (before any vote or confirmation),
// with a reason that the timeline shows. Frozen shares stay as they were, for the record.

export async function cancelApplication(opts: { db: Db; ctx: RequestContext; applicationId: number; reason: string }): Promise<FundTransitionOutcome> {
  const { db, ctx } = opts;
  const a = await findApplicationUnsafe(db, opts.applicationId);
  if (!a) throw notFound('维修资金使用申请');
  ctx.assertEstate(Number(a.estate_id), '维修资金使用申请');
  return transitionApplication(db, {
    applicationId: Number(a.id), action: 'cancel', actor: fundActorFor(ctx, a, 'cancel'), ctxActor: ctx.actor(), reason: opts.reason,
    assertScope: (row) => ctx.assertEstate(Number(row.estate_id), '维修资金使用申请'),
  });
}
