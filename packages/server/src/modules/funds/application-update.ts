import type { UpdateFundApplicationBody } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { checkDraft } from './application-input.ts';
import { findApplicationUnsafe } from './application-repository.ts';
import { fundActorKinds } from './fund-actor.ts';

// Changes a draft. Only the applicant, only in draft: once submitted, the shares are frozen and
// what owners and reviewers see must not move under them.

export async function updateApplication(opts: { db: Db; ctx: RequestContext; applicationId: number; input: UpdateFundApplicationBody }): Promise<{ id: number }> {
  const { db, ctx, input } = opts;
  const a = await findApplicationUnsafe(db, opts.applicationId, { forUpdate: true });
  if (!a) throw notFound('维修资金使用申请');
  ctx.assertEstate(Number(a.estate_id), '维修资金使用申请');
  if (!fundActorKinds(ctx, a).includes('applicant')) throw new AppError('FORBIDDEN', { message: '只有申请人可以修改申请' });
  if (a.state !== 'draft') {
    throw new AppError('INVALID_TRANSITION', { message: '申请已提交，不能再修改（如需变更请撤回后重新申请）', details: { state: a.state } });
  }
  // a new scope kind without its ids means the other kind's ids no longer apply
  const scopeKind = input.scopeKind ?? a.scope_kind;
  const { columns, units } = await checkDraft(db, Number(a.estate_id), {
    title: input.title ?? a.title,
    reason: input.reason ?? a.reason,
    category: input.category ?? a.category,
    path: input.path ?? a.path,
    emergencyCategory: input.emergencyCategory !== undefined ? input.emergencyCategory : a.emergency_category,
    scopeKind,
    buildingIds: input.buildingIds ?? (scopeKind === 'buildings' ? a.scope_building_ids.map(Number) : []),
    unitIds: input.unitIds ?? (scopeKind !== 'buildings' ? a.scope_unit_ids.map(Number) : []),
    facilityName: input.facilityName !== undefined ? input.facilityName : a.facility_name,
    budgetFen: input.budgetFen ?? Number(a.budget_fen),
    exclusions: { ...a.exclusions_declared, ...(input.exclusions ?? {}) },
    contractorName: input.contractorName ?? a.contractor_name,
    contractorAccount: input.contractorAccount ?? a.contractor_account,
    stagePlan: input.stagePlan ?? a.stage_plan,
  });
  const cols = Object.keys(columns);
  await db.query(
    `UPDATE fund_applications SET updated_at = now(), ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`,
    [a.id, ...cols.map((c) => columns[c])],
  );
  await appendAudit(db, ctx.actor(), {
    action: 'fund.application.update', targetType: 'fund_application', targetId: a.id, estateId: Number(a.estate_id),
    summary: { fields: Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined), unitCount: units.length, budgetFen: columns.budget_fen },
  });
  return { id: Number(a.id) };
}
