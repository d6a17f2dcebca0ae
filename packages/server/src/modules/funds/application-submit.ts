import { formatYuan } from '@gongzhi/contracts';
import type { FieldIssue } from '@gongzhi/contracts';
import { EMERGENCY_LISTS, FUND_EXCLUSIONS, findEmergencyCategory, missingDeclarations } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { cityFundRules } from './application-city-rules.ts';
import { findApplicationUnsafe, type FundApplicationRow } from './application-repository.ts';
import { fundActorFor } from './fund-actor.ts';
import { resolveScopeUnits } from './scope-units.ts';
import { computeShares } from './shares-compute.ts';
import { transitionApplication, type FundTransitionOutcome } from './transition-application.ts';

// Submitting a draft (办法 第22、24条): the applicant has declared that none of the four exclusions
// applies, the scope charges at least one unit, the budget is positive and covered by the scope's
// balance, and an emergency names a category of its city's list with evidence attached. Then the
// apportionment is frozen (owners vote on these shares) and the city's list is recorded.

/** attachment kinds that count as evidence of an emergency (photos, an inspection or fire notice) */
export const EMERGENCY_EVIDENCE_KINDS = ['evidence', 'photo', 'inspection'] as const;

const issuesError = (issues: FieldIssue[]) =>
  new AppError('VALIDATION_FAILED', { message: issues.map((i) => `${i.field}: ${i.message}`).join('；'), details: { issues } });

async function checkAndFreeze(db: Db, a: FundApplicationRow): Promise<{ set: Record<string, unknown>; audit: Record<string, unknown> }> {
  const estateId = Number(a.estate_id);
  const missing = missingDeclarations(a.exclusions_declared);
  if (missing.length) {
    throw issuesError(missing.map((k) => ({
      field: `body.exclusions.${k}`,
      message: `请声明不存在以下情形：${FUND_EXCLUSIONS.find((e) => e.key === k)!.label}`,
    })));
  }
  const budgetFen = Number(a.budget_fen);
  if (!(budgetFen > 0)) throw issuesError([{ field: 'body.budgetFen', message: '预算须大于 0（分）' }]);
  const units = await resolveScopeUnits(db, estateId, {
    scopeKind: a.scope_kind, buildingIds: a.scope_building_ids.map(Number), unitIds: a.scope_unit_ids.map(Number),
  });
  const rules = await cityFundRules(db, estateId);
  if (a.path === 'emergency') {
    const list = EMERGENCY_LISTS[rules.emergencyList];
    if (!a.emergency_category || !findEmergencyCategory(rules.emergencyList, a.emergency_category)) {
      const message = `“${a.emergency_category ?? ''}”不在${list.label}应急维修目录中，请按一般程序（业主表决）申请`;
      throw new AppError('FUND_NOT_EMERGENCY', {
        message,
        details: {
          field: 'body.emergencyCategory', issues: [{ field: 'body.emergencyCategory', message }],
          emergencyList: rules.emergencyList, categories: list.categories.map((c) => ({ code: c.code, label: c.label })),
        },
      });
    }
    const ev = await db.query(
      `SELECT count(*)::int AS n FROM attachments WHERE record_type = ANY($1::text[]) AND record_id = $2 AND estate_id = $3`,
      [EMERGENCY_EVIDENCE_KINDS.map((k) => `fund_application.${k}`), String(a.id), estateId],
    );
    if (ev.rows[0].n === 0) {
      throw issuesError([{ field: 'attachments.evidence', message: '应急维修须附现场照片、检测报告或消防部门通知等证明材料' }]);
    }
  }
  const preview = computeShares(units, budgetFen);
  if (preview.shortfallFen > 0) {
    throw new AppError('FUND_INSUFFICIENT_BALANCE', {
      message: `列支范围内维修资金余额 ${formatYuan(preview.scopeBalanceFen)} 元，不足预算 ${formatYuan(budgetFen)} 元，缺口 ${formatYuan(preview.shortfallFen)} 元`,
      details: { shortfallFen: preview.shortfallFen, scopeBalanceFen: preview.scopeBalanceFen, budgetFen },
    });
  }
  await db.query(`DELETE FROM fund_application_shares WHERE application_id = $1`, [a.id]);
  await db.query(
    `INSERT INTO fund_application_shares (application_id, unit_id, position, area_centi, share_fen, payer)
     SELECT $1, t.unit, t.pos, t.area, t.fen, t.payer
       FROM unnest($2::bigint[], $3::int[], $4::int[], $5::bigint[], $6::text[]) AS t(unit, pos, area, fen, payer)`,
    [a.id, preview.shares.map((s) => s.unitId), preview.shares.map((s) => s.position), preview.shares.map((s) => s.areaCenti),
      preview.shares.map((s) => s.shareFen), preview.shares.map((s) => s.payer)],
  );
  return {
    set: { emergency_list: a.path === 'emergency' ? rules.emergencyList : null },
    audit: { unitCount: units.length, budgetFen, developerFen: preview.developerFen, scopeBalanceFen: preview.scopeBalanceFen, ...(a.path === 'emergency' ? { emergencyList: rules.emergencyList, emergencyCategory: a.emergency_category } : {}) },
  };
}

export async function submitApplication(opts: { db: Db; ctx: RequestContext; applicationId: number }): Promise<FundTransitionOutcome> {
  const { db, ctx } = opts;
  const a = await findApplicationUnsafe(db, opts.applicationId);
  if (!a) throw notFound('维修资金使用申请');
  ctx.assertEstate(Number(a.estate_id), '维修资金使用申请');
  return transitionApplication(db, {
    applicationId: Number(a.id), action: 'submit', actor: fundActorFor(ctx, a, 'submit'), ctxActor: ctx.actor(),
    assertScope: (row) => ctx.assertEstate(Number(row.estate_id), '维修资金使用申请'),
    before: (row) => checkAndFreeze(db, row),
  });
}
