import type { FieldIssue } from '@gongzhi/contracts';
import { checkStagePlan, DEFAULT_STAGE_PLAN, findWorkCategory } from '@gongzhi/domain';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { resolveScopeUnits, type FundScopeKind, type ScopeUnit } from './scope-units.ts';

// The fields of a draft (created or patched), checked together and turned into the columns of
// fund_applications. Everything a request can get wrong is reported at once as field errors;
// nothing is written then. The emergency category is checked against the city's list at
// submission (the list is frozen then), not here: a draft may still change its path.

export interface DraftFields {
  title: string;
  reason: string;
  category: string;
  path: 'ordinary' | 'emergency';
  emergencyCategory: string | null;
  scopeKind: FundScopeKind;
  buildingIds: number[];
  unitIds: number[];
  facilityName: string | null;
  budgetFen: number;
  exclusions: Record<string, boolean>;
  contractorName: string;
  contractorAccount: string;
  stagePlan: number[];
}

export interface CheckedDraft {
  columns: Record<string, unknown>;
  units: ScopeUnit[];
}

export async function checkDraft(db: Db, estateId: number, f: DraftFields): Promise<CheckedDraft> {
  const issues: FieldIssue[] = [];
  const add = (field: string, message: string) => issues.push({ field: `body.${field}`, message });
  if (!findWorkCategory(f.category)) add('category', `未知的维修类别“${f.category}”`);
  if (f.path === 'emergency' && !f.emergencyCategory) add('emergencyCategory', '应急维修须选择应急情形（本市应急维修目录中的一项）');
  if (f.scopeKind === 'facility' && !f.facilityName) add('facilityName', '列支范围为共用设施时须填写设施名称');
  const stageProblem = checkStagePlan(f.stagePlan);
  if (stageProblem) add('stagePlan', stageProblem);
  if (!Number.isSafeInteger(f.budgetFen) || f.budgetFen <= 0) add('budgetFen', '预算须大于 0（分）');
  let units: ScopeUnit[] = [];
  try {
    units = await resolveScopeUnits(db, estateId, f);
  } catch (e) {
    const more = e instanceof AppError ? (e.details as { issues?: FieldIssue[] } | undefined)?.issues : undefined;
    if (!more) throw e;
    issues.push(...more);
  }
  if (issues.length) {
    throw new AppError('VALIDATION_FAILED', { message: issues.map((i) => `${i.field}: ${i.message}`).join('；'), details: { issues } });
  }
  const byBuildings = f.scopeKind === 'buildings';
  return {
    units,
    columns: {
      title: f.title,
      reason: f.reason,
      category: f.category,
      path: f.path,
      emergency_category: f.path === 'emergency' ? f.emergencyCategory : null,
      scope_kind: f.scopeKind,
      // stored in the fund's unit order, so the draft reads back as it will be frozen
      scope_building_ids: byBuildings ? [...new Set(f.buildingIds)] : [],
      scope_unit_ids: byBuildings ? [] : units.map((u) => u.unitId),
      facility_name: f.scopeKind === 'facility' ? f.facilityName : null,
      budget_fen: f.budgetFen,
      exclusions_declared: JSON.stringify(f.exclusions),
      contractor_name: f.contractorName,
      contractor_account: f.contractorAccount,
      stage_plan: f.stagePlan,
    },
  };
}

export const defaultStagePlan = (): number[] => [...DEFAULT_STAGE_PLAN];
