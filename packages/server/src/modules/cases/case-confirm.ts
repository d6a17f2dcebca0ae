import type { ConfirmCaseBody } from '@gongzhi/contracts';
import { caseActionRefusal } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { assertCanSee } from './case-access.ts';
import { addCaseEvent } from './case-events.ts';
import { loadCase, type CaseRow } from './case-repository.ts';

// The owner (or a follower) accepts the handler's resolution and rates it 1–5 with an optional
// comment: resolved → closed (close_kind 'confirmed'). Once closed nothing reopens it; a case the
// owner leaves unanswered closes itself (the sweeper) unrated.

export async function confirmCase(o: { db: Db; ctx: RequestContext; caseId: number; input: ConfirmCaseBody }): Promise<CaseRow> {
  const { db, ctx, input } = o;
  const c = await loadCase(db, o.caseId, { forUpdate: true });
  const access = await assertCanSee(db, ctx, c);
  if (!access.isFollower) throw new AppError('FORBIDDEN', { message: '只有案件的业主或关注人可以确认办结并评价' });
  const refusal = caseActionRefusal(c.state, 'confirm');
  if (refusal) throw new AppError('INVALID_TRANSITION', { message: refusal, details: { state: c.state } });
  const comment = input.comment ? input.comment : null;
  await db.query(
    `UPDATE cases SET state = 'closed', closed_at = now(), close_kind = 'confirmed', rating = $2, rating_comment = $3,
            next_due_at = NULL, updated_at = now()
      WHERE id = $1`,
    [c.id, input.rating, comment],
  );
  await addCaseEvent(db, {
    caseId: c.id, kind: 'confirmed', actorAccountId: ctx.accountId, actorRole: ctx.role, actorParty: 'owner',
    text: comment, data: { rating: input.rating },
  });
  await appendAudit(db, ctx.actor(), {
    action: 'case.confirm', targetType: 'case', targetId: c.id, estateId: c.estateId,
    summary: { no: c.no, rating: input.rating, comment: comment != null },
  });
  return loadCase(db, c.id);
}
