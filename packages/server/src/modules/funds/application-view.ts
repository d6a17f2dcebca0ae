import type { FundApplicationSummaryView } from '@gongzhi/contracts';
import { FUND_APPLICATION_STATE_LABELS, findWorkCategory, type FundApplicationState } from '@gongzhi/domain';

// One SELECT for an application with the names its views show (estate, applicant, scope), and the
// mapping of that row to the summary view (list, export, detail and the owner's view build on it).

const natural = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });

export const APPLICATION_SELECT = `
  SELECT a.*, a.review_started_on::text AS review_started_on, a.review_due_on::text AS review_due_on,
         e.name AS estate_name, c.name AS company_name,
         ARRAY(SELECT b.name FROM buildings b WHERE b.id = ANY(a.scope_building_ids)) AS scope_building_names,
         (SELECT count(*)::int FROM units u WHERE u.building_id = ANY(a.scope_building_ids)) AS scope_building_unit_count
    FROM fund_applications a
    JOIN estates e ON e.id = a.estate_id
    LEFT JOIN companies c ON c.id = a.company_id`;

export type ApplicationViewRow = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function scopeLabel(r: ApplicationViewRow): string {
  if (r.scope_kind === 'buildings') {
    const names = [...(r.scope_building_names as string[])].sort(natural.compare);
    return `${names.join('、')}（${r.scope_building_unit_count} 户）`;
  }
  const n = (r.scope_unit_ids as unknown[]).length;
  return r.scope_kind === 'facility' ? `${r.facility_name}（${n} 户）` : `${n} 户`;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toSummaryView(r: ApplicationViewRow): FundApplicationSummaryView {
  const state = r.state as FundApplicationState;
  return {
    id: Number(r.id),
    estateId: Number(r.estate_id),
    estateName: String(r.estate_name),
    applicantKind: r.applicant_kind,
    applicantName: r.applicant_kind === 'company' ? String(r.company_name ?? '物业服务企业') : '业主委员会',
    title: r.title,
    category: r.category,
    categoryLabel: findWorkCategory(r.category)?.label ?? r.category,
    path: r.path,
    state,
    stateLabel: FUND_APPLICATION_STATE_LABELS[state],
    scopeKind: r.scope_kind,
    scopeLabel: scopeLabel(r),
    budgetFen: Number(r.budget_fen),
    actualCostFen: r.actual_cost_fen == null ? null : Number(r.actual_cost_fen),
    reviewDueOn: r.review_due_on ?? null,
    reviewOverdue: Boolean(r.review_overdue),
    submittedAt: iso(r.submitted_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}
