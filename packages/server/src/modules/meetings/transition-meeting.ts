import { applyTransition, MEETING_STATE_LABELS, type ActorKind, type MeetingAction, type MeetingState } from '@gongzhi/domain';
import { appendAudit, type AuditActor } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { emitMeetingTransition } from './meeting-events.ts';
import { findMeetingUnsafe, type MeetingRow } from './meeting-repository.ts';

// One step of a meeting's life, the only writer of meetings.state. The row lock (FOR UPDATE)
// serialises concurrent steps — a job closing the window while the convener cancels — so each
// sees the state the other left. The domain's table decides; this file only stores the outcome
// with its timestamp and the audit event, in the caller's transaction.

/** The audit actor of durable jobs (and of steps the system takes right after a person's). */
export const SYSTEM_ACTOR: AuditActor = { accountId: null, role: 'system', ip: null };

export interface TransitionOptions {
  meetingId: number;
  action: MeetingAction;
  actor: ActorKind;
  /** who is recorded in the audit log */
  ctxActor: AuditActor;
  reason?: string;
  now?: Date;
  /** the caller's scope check, run on the locked row before anything else (404 outside scope) */
  assertScope?: (m: MeetingRow) => void;
  /** further checks or writes once the table allows the step, before the state is stored
   *  (approval checks, the notice period and roster freeze); throwing rolls everything back */
  before?: (m: MeetingRow, now: Date) => Promise<void>;
}

export interface TransitionOutcome {
  meeting: MeetingRow;
  from: MeetingState;
  to: MeetingState;
}

const STAMP: Partial<Record<MeetingState, string>> = {
  notice_published: 'notice_published_at',
  closed: 'closed_at',
  tallied: 'tallied_at',
  result_published: 'result_published_at',
  final: 'finalised_at',
  cancelled: 'cancelled_at',
};

export async function transitionMeeting(db: Db, opts: TransitionOptions): Promise<TransitionOutcome> {
  const now = opts.now ?? new Date();
  const m = await findMeetingUnsafe(db, opts.meetingId, { forUpdate: true });
  if (!m) throw notFound('会议');
  opts.assertScope?.(m);
  const r = applyTransition({
    state: m.state, action: opts.action, actor: opts.actor, reason: opts.reason, now: now.getTime(),
    timing: {
      votingOpensAt: m.voting_opens_at.getTime(),
      votingClosesAt: m.voting_closes_at.getTime(),
      objectionEndsAt: m.objection_ends_at?.getTime(),
    },
  });
  if (!r.ok) {
    switch (r.code) {
      case 'wrong_actor': throw new AppError('FORBIDDEN', { message: r.message, details: { action: opts.action, actor: opts.actor } });
      case 'reason_required': throw fieldError('body.reason', r.message);
      case 'unknown_action': throw fieldError('action', r.message);
      default: throw new AppError('INVALID_TRANSITION', { message: r.message, details: { state: m.state, action: opts.action, refusal: r.code } });
    }
  }
  await opts.before?.(m, now);

  const reason = opts.reason?.trim() || null;
  const stamp = STAMP[r.to];
  await db.query(
    `UPDATE meetings SET state = $2, updated_at = $3
       ${stamp ? `, ${stamp} = $3` : ''}
       ${opts.action === 'cancel' ? ', cancel_reason = $4' : ''}
       ${opts.action === 'reject' ? ', last_reject_reason = $4' : ''}
     WHERE id = $1`,
    opts.action === 'cancel' || opts.action === 'reject' ? [m.id, r.to, now, reason] : [m.id, r.to, now],
  );
  await appendAudit(db, opts.ctxActor, {
    action: `meeting.${opts.action}`, targetType: 'meeting', targetId: m.id, estateId: m.estate_id,
    summary: { from: r.from, to: r.to, actor: opts.actor, ...(reason ? { reason } : {}) },
  });
  const meeting = (await findMeetingUnsafe(db, m.id))!;
  await emitMeetingTransition(db, { meeting, from: r.from, to: r.to, now });
  return { meeting, from: r.from, to: r.to };
}

export const stateResult = (m: MeetingRow) => ({ id: Number(m.id), state: m.state, stateLabel: MEETING_STATE_LABELS[m.state] });
