import {
  applyFundTransition, FUND_APPLICATION_STATE_LABELS, type FundActorKind, type FundApplicationAction,
  type FundApplicationState,
} from '@gongzhi/domain';
import { appendAudit, type AuditActor } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { findApplicationUnsafe, type FundApplicationRow } from './application-repository.ts';

// One step of a use application's life, the only writer of fund_applications.state. The row
// lock serialises concurrent steps (a reviewer approving while the deadline job flags it
// overdue; two disbursements of the same stage), so each sees what the other left. The domain's
// table decides; this file stores the outcome with its timestamp and audit event, in the
// caller's transaction.

export interface FundTransitionOptions {
  applicationId: number;
  action: FundApplicationAction;
  actor: FundActorKind;
  ctxActor: AuditActor;
  reason?: string;
  now?: Date;
  /** the caller's scope check on the locked row, before anything else (404 outside scope) */
  assertScope?: (a: FundApplicationRow) => void;
  /** checks and writes once the table allows the step, before the state is stored; may return
   *  extra columns to set on the row (e.g. { path: 'ordinary' }, { review_due_on: '2026-12-01' })
   *  and extra audit summary fields; throwing rolls everything back */
  before?: (a: FundApplicationRow, now: Date) => Promise<{ set?: Record<string, unknown>; audit?: Record<string, unknown> } | void>;
}

export interface FundTransitionOutcome {
  application: FundApplicationRow;
  from: FundApplicationState;
  to: FundApplicationState;
}

const STAMP: Partial<Record<FundApplicationAction, string>> = {
  submit: 'submitted_at',
  approve: 'approved_at',
  accept: 'accepted_at',
  settle: 'settled_at',
  publish: 'published_at',
  cancel: 'cancelled_at',
};

// only these columns may be set through `before` (they are interpolated as identifiers)
const SETTABLE = new Set([
  'path', 'meeting_id', 'meeting_item_id', 'review_started_on', 'review_due_on', 'review_overdue', 'escalated_at',
  'decision_reason', 'rejected_exclusion', 'actual_cost_fen', 'emergency_list', 'emergency_category',
]);

export async function transitionApplication(db: Db, opts: FundTransitionOptions): Promise<FundTransitionOutcome> {
  const now = opts.now ?? new Date();
  const a = await findApplicationUnsafe(db, opts.applicationId, { forUpdate: true });
  if (!a) throw notFound('维修资金使用申请');
  opts.assertScope?.(a);
  const r = applyFundTransition({ state: a.state, path: a.path, action: opts.action, actor: opts.actor, reason: opts.reason });
  if (!r.ok) {
    switch (r.code) {
      case 'wrong_actor': throw new AppError('FORBIDDEN', { message: r.message, details: { action: opts.action, actor: opts.actor } });
      case 'reason_required': throw fieldError('body.reason', r.message);
      case 'unknown_action': throw fieldError('action', r.message);
      default: throw new AppError('INVALID_TRANSITION', { message: r.message, details: { state: a.state, action: opts.action, refusal: r.code } });
    }
  }
  const extra = (await opts.before?.(a, now)) ?? undefined;
  const set: Record<string, unknown> = { ...(extra?.set ?? {}) };
  for (const k of Object.keys(set)) if (!SETTABLE.has(k)) throw new Error(`transitionApplication: column ${k} is not settable`);
  const stamp = STAMP[opts.action];
  if (stamp) set[stamp] = now;
  const cols = Object.keys(set);
  await db.query(
    `UPDATE fund_applications SET state = $2, updated_at = $3${cols.map((c, i) => `, ${c} = $${i + 4}`).join('')} WHERE id = $1`,
    [a.id, r.to, now, ...cols.map((c) => set[c])],
  );
  const reason = opts.reason?.trim() || undefined;
  await appendAudit(db, opts.ctxActor, {
    action: `fund.application.${opts.action}`, targetType: 'fund_application', targetId: a.id, estateId: Number(a.estate_id),
    summary: { from: r.from, to: r.to, actor: opts.actor, ...(reason ? { reason } : {}), ...(extra?.audit ?? {}) },
  });
  const application = (await findApplicationUnsafe(db, Number(a.id)))!;
  return { application, from: r.from, to: r.to };
}

export const applicationStateResult = (a: FundApplicationRow) => ({
  id: Number(a.id), state: a.state, stateLabel: FUND_APPLICATION_STATE_LABELS[a.state],
});
