import type { ReopenCaseBody } from '@gongzhi/contracts';
import { caseActionRefusal, caseDueDates } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { assertCanSee } from './case-access.ts';
import { addCaseEvent } from './case-events.ts';
import { loadCase, type CaseRow } from './case-repository.ts';
import { deadlineRuleFor } from './case-rules.ts';

// The owner (or a follower) is not satisfied with the resolution: resolved → in_progress at the
// same rung, reopen_count + 1. Only while the case is resolved, i.e. inside the auto-close window
// (once it closed itself it is closed). The rung already answered, so the running deadline is a
// new resolve deadline from the same category/priority rule, counted from now; the resolution and
// its auto-close time are dropped (a later resolve sets them again).

/** Why the case cannot be reopened now (or null): the state (the domain's table), then the
 *  window — once auto_close_at passed the case is closing itself, even if the sweeper has not
 *  run yet. The route and the owner's button both read this. */
export function reopenRefusal(c: Pick<CaseRow, 'state' | 'autoCloseAt'>, now: Date): string | null {
  return caseActionRefusal(c.state, 'reopen') ?? confirmWindowRefusal(c, now, '重新办理');
}

/** A resolved case whose auto_close_at passed is closing itself: the owner's answers that would
 *  undo the resolution (reopen, escalate) are refused from then on, sweeper run or not. */
export function confirmWindowRefusal(c: Pick<CaseRow, 'state' | 'autoCloseAt'>, now: Date, what: string): string | null {
  return c.state === 'resolved' && c.autoCloseAt && c.autoCloseAt.getTime() <= now.getTime()
    ? `已超过确认期限，案件即将自动办结，不能再${what}` : null;
}

export async function reopenCase(o: { db: Db; ctx: RequestContext; caseId: number; input: ReopenCaseBody }): Promise<CaseRow> {
  const { db, ctx } = o;
  const c = await loadCase(db, o.caseId, { forUpdate: true });
  const access = await assertCanSee(db, ctx, c);
  if (!access.isFollower) throw new AppError('FORBIDDEN', { message: '只有案件的业主或关注人可以要求重新办理' });
  const now = new Date();
  const refusal = reopenRefusal(c, now);
  if (refusal) throw new AppError('INVALID_TRANSITION', { message: refusal, details: { state: c.state, autoCloseAt: c.autoCloseAt } });
  const { resolveDueAt } = caseDueDates(now, await deadlineRuleFor(db, c.estateId, c.category, c.priority));
  await db.query(
    `UPDATE cases SET state = 'in_progress', reopen_count = reopen_count + 1, resolve_due_at = $2, next_due_at = $2,
            resolved_at = NULL, resolved_in_time = NULL, auto_close_at = NULL, updated_at = $3
      WHERE id = $1`,
    [c.id, resolveDueAt, now],
  );
  await addCaseEvent(db, {
    caseId: c.id, kind: 'reopened', at: now, actorAccountId: ctx.accountId, actorRole: ctx.role, actorParty: 'owner',
    text: o.input.reason, data: { reopenCount: c.reopenCount + 1, resolveDueAt: resolveDueAt.toISOString() },
  });
  await appendAudit(db, ctx.actor(), {
    action: 'case.reopen', targetType: 'case', targetId: c.id, estateId: c.estateId,
    summary: { no: c.no, reopenCount: c.reopenCount + 1, reason: o.input.reason },
  });
  return loadCase(db, c.id);
}
