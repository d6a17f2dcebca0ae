import {
  DEFAULT_CASE_ROUTING, deadlineRuleFor as ruleFromOverrides, type CaseCategory, type CaseDeadlineOverride, type CaseDeadlineRule,
  type CasePriority, type CaseRoutingParty, type DepartmentKind,
} from '@gongzhi/domain';
import { DEFAULT_CASE_AUTO_CLOSE_DAYS } from '@gongzhi/contracts';
import type { Db } from '../../platform/db.ts';

// An estate's case rules as the writers use them: where a new case goes first, how long each rung
// has, and after how many days a resolved case closes itself. An estate's own row wins; without
// one the domain defaults hold (DEFAULT_CASE_ROUTING, DEFAULT_CASE_DEADLINES, 7 days).

export interface CaseRouteTarget {
  party: CaseRoutingParty;
  departmentId: number | null;
}

/**
 * The departments callable from an estate (by its street office: 吹哨): those whose region is the
 * estate's street, its district or its city, i.e. whose region path is a prefix of the street's
 * path. Columns: d.*, dr (the department's region). `$estate` is the SQL placeholder of the estate.
 * Nearest first (longest region path), so a default route picks the street's before the district's.
 */
export function callableDepartmentsFrom(estate: string): string {
  return `FROM estates e JOIN regions com ON com.id = e.community_id JOIN regions st ON st.id = com.parent_id
          JOIN departments d ON true JOIN regions dr ON dr.id = d.region_id
         WHERE e.id = ${estate} AND st.path LIKE dr.path || '%'`;
}

/** The department of `kind` nearest the estate (the street's, else the district's, else the
 *  city's), or null when none is callable. */
export async function nearestDepartment(db: Db, estateId: number, kind: DepartmentKind): Promise<number | null> {
  const r = await db.query(
    `SELECT d.id ${callableDepartmentsFrom('$1')} AND d.kind = $2 ORDER BY length(dr.path) DESC, d.id LIMIT 1`,
    [estateId, kind],
  );
  return r.rows[0] ? Number(r.rows[0].id) : null;
}

/** Whether a department may be called from (or routed to by) the estate. */
export async function isCallableDepartment(db: Db, estateId: number, departmentId: number): Promise<boolean> {
  const r = await db.query(`SELECT 1 ${callableDepartmentsFrom('$1')} AND d.id = $2`, [estateId, departmentId]);
  return r.rowCount === 1;
}

/** The default route of a category for an estate: a department kind becomes the nearest callable
 *  department of that kind; with none, the community takes the case (it supervises the estate and
 *  can pass it up). */
export async function defaultRouteFor(db: Db, estateId: number, category: CaseCategory): Promise<CaseRouteTarget> {
  const d = DEFAULT_CASE_ROUTING[category];
  if (d.party !== 'department') return { party: d.party, departmentId: null };
  const departmentId = d.departmentKind ? await nearestDepartment(db, estateId, d.departmentKind) : null;
  return departmentId == null ? { party: 'community', departmentId: null } : { party: 'department', departmentId };
}

/** Where a new case of `category` in the estate goes first. */
export async function routeFor(db: Db, estateId: number, category: CaseCategory): Promise<CaseRouteTarget> {
  const r = await db.query(
    'SELECT party, department_id FROM case_routing_rules WHERE estate_id = $1 AND category = $2',
    [estateId, category],
  );
  const row = r.rows[0];
  if (row) return { party: row.party as CaseRoutingParty, departmentId: row.department_id == null ? null : Number(row.department_id) };
  return defaultRouteFor(db, estateId, category);
}

const overrideFromRow = (x: Record<string, unknown>): CaseDeadlineOverride => ({
  category: x.category as CaseCategory, priority: x.priority as CasePriority,
  respondAmount: Number(x.respond_amount), respondUnit: x.respond_unit as CaseDeadlineOverride['respondUnit'],
  resolveAmount: Number(x.resolve_amount), resolveUnit: x.resolve_unit as CaseDeadlineOverride['resolveUnit'],
});

/** The estate's deadline overrides (case_deadline_rules rows). */
export async function deadlineOverrides(db: Db, estateId: number): Promise<CaseDeadlineOverride[]> {
  const r = await db.query(
    `SELECT category, priority, respond_amount, respond_unit, resolve_amount, resolve_unit
       FROM case_deadline_rules WHERE estate_id = $1 ORDER BY category, priority`,
    [estateId],
  );
  return r.rows.map(overrideFromRow);
}

/** The respond/resolve rule for a case of (category, priority) in the estate. */
export async function deadlineRuleFor(
  db: Db, estateId: number, category: CaseCategory, priority: CasePriority,
): Promise<CaseDeadlineRule & { isDefault: boolean }> {
  const r = await db.query(
    `SELECT category, priority, respond_amount, respond_unit, resolve_amount, resolve_unit
       FROM case_deadline_rules WHERE estate_id = $1 AND category = $2 AND priority = $3`,
    [estateId, category, priority],
  );
  return ruleFromOverrides(r.rows.map(overrideFromRow), category, priority);
}

/** Days after resolution before an unanswered case closes itself. */
export async function autoCloseDays(db: Db, estateId: number): Promise<number> {
  const r = await db.query('SELECT auto_close_days FROM case_settings WHERE estate_id = $1', [estateId]);
  return r.rows[0] ? Number(r.rows[0].auto_close_days) : DEFAULT_CASE_AUTO_CLOSE_DAYS;
}
