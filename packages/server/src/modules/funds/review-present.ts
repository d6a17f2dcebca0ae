import { FUND_APPLICATION_STATE_LABELS, isCalendarKnown } from '@gongzhi/domain';
import type { FundStepResult } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import { notFound } from '../../platform/errors.ts';
import { findApplicationUnsafe, type FundApplicationRow } from './application-repository.ts';

// Small pieces shared by the review part's use cases: loading an application in the caller's
// scope and presenting the outcome of a step.

/** The application if the caller's scope reaches its estate; 404 otherwise (existence not leaked). */
export async function applicationInScope(db: Parameters<typeof findApplicationUnsafe>[0], ctx: RequestContext, id: number): Promise<FundApplicationRow> {
  const a = await findApplicationUnsafe(db, id);
  if (!a) throw notFound('维修资金使用申请');
  ctx.assertEstate(Number(a.estate_id), '维修资金使用申请');
  return a;
}

/** Whether every year the review period touches has its holiday notice in the calendar. */
export function reviewCalendarKnown(a: Pick<FundApplicationRow, 'review_started_on' | 'review_due_on'>): boolean | null {
  if (!a.review_started_on || !a.review_due_on) return null;
  const from = Number(a.review_started_on.slice(0, 4));
  const to = Number(a.review_due_on.slice(0, 4));
  for (let y = from; y <= to; y++) if (!isCalendarKnown(y)) return false;
  return true;
}

export function stepResult(a: FundApplicationRow): FundStepResult {
  return {
    id: Number(a.id), state: a.state, stateLabel: FUND_APPLICATION_STATE_LABELS[a.state], path: a.path,
    reviewStartedOn: a.review_started_on, reviewDueOn: a.review_due_on, calendarKnown: reviewCalendarKnown(a),
  };
}
