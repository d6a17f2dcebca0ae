import { caseActionRefusal, type CaseAction } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { assertCanAct, assertCanSee, type CaseAccess, type CaseHandleAction } from './case-access.ts';
import { partyOfRole } from './case-actor.ts';
import { loadCase, type CaseRow } from './case-repository.ts';

// The opening of every handling action: lock the case, then refuse in a fixed order — out of
// sight 404, not the rung's holder 403 (naming who holds it), wrong state 409 — so two racing
// actions on one case take turns and the second is judged on the first's result.

export async function lockCaseToAct(
  db: Db, ctx: RequestContext, caseId: number, action: CaseHandleAction & CaseAction,
): Promise<{ c: CaseRow; access: CaseAccess }> {
  const c = await loadCase(db, caseId, { forUpdate: true });
  const access = await assertCanSee(db, ctx, c);
  assertCanAct(ctx, c, action, access);
  const refusal = caseActionRefusal(c.state, action);
  if (refusal) throw new AppError('INVALID_TRANSITION', { message: refusal, details: { state: c.state } });
  return { c, access };
}

/** The timeline's actor fields for the caller; a department officer's events carry the
 *  department's name (the owner reads "明德街道城管执法中队", not "职能部门"). */
export async function eventActor(db: Db, ctx: RequestContext): Promise<{
  actorAccountId: number | null; actorRole: string | null; actorParty: string; data: Record<string, unknown>;
}> {
  const base = { actorAccountId: ctx.accountId, actorRole: ctx.role, actorParty: partyOfRole(ctx.role) };
  if (ctx.role !== 'department_officer' || ctx.scope.departmentId == null) return { ...base, data: {} };
  const r = await db.query('SELECT name FROM departments WHERE id = $1', [ctx.scope.departmentId]);
  return { ...base, data: { departmentId: ctx.scope.departmentId, departmentName: r.rows[0]?.name ?? null } };
}
