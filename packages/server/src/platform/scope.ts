import type { ScopeKind } from '@gongzhi/contracts';

// The one place that decides which estates (and, for owners, which units) a role grant reaches.
// Every list query filters through `estateIds`; every lookup of a single record checks it.
//
// The rule is written once, as SQL columns over a role grant `g` (and its session's account
// `account_id`), so the per-request session lookup can fetch the session and its scope in one
// round trip (each round trip is a syscall pair that costs more than the query here).

export interface Scope {
  estateIds: number[];
  /** owners only: the units they are bound to (approved bindings) */
  unitIds: number[] | null;
  /** region grants: the region path prefix, e.g. "/1/3/" */
  regionPath: string | null;
  companyId: number | null;
  /** department grants (department_officer): the department; it reaches no estate by itself,
   *  only the cases it is called in on (cases module) */
  departmentId: number | null;
}

export const EMPTY_SCOPE: Scope = { estateIds: [], unitIds: null, regionPath: null, companyId: null, departmentId: null };

/** Columns scope_estate_ids, scope_unit_ids, scope_region_path for a grant aliased `g`, with the
 *  grant's account id available as `${accountIdSql}`. */
export function scopeColumnsSql(accountIdSql: string): string {
  return `
    CASE g.scope_kind
      WHEN 'estate' THEN ARRAY[g.scope_id]
      -- a company reaches the estates it serves under a contract in force today
      WHEN 'company' THEN ARRAY(
        SELECT DISTINCT sc.estate_id FROM service_contracts sc
         WHERE sc.company_id = g.scope_id AND sc.starts_on <= current_date AND sc.ends_on >= current_date
         ORDER BY 1)
      -- a region reaches every estate whose community lies under it
      WHEN 'region' THEN ARRAY(
        SELECT e.id FROM regions gr JOIN regions c ON c.path LIKE gr.path || '%'
          JOIN estates e ON e.community_id = c.id
         WHERE gr.id = g.scope_id ORDER BY e.id)
      -- an owner reaches the estates of the units they are bound to
      WHEN 'owner' THEN ARRAY(
        SELECT DISTINCT b.estate_id FROM bindings b
         WHERE b.account_id = ${accountIdSql} AND b.status = 'approved' ORDER BY 1)
    END AS scope_estate_ids,
    CASE WHEN g.scope_kind = 'owner' THEN ARRAY(
        SELECT b.unit_id FROM bindings b
         WHERE b.account_id = ${accountIdSql} AND b.status = 'approved' ORDER BY 1)
    END AS scope_unit_ids,
    CASE WHEN g.scope_kind = 'region' THEN (SELECT gr.path FROM regions gr WHERE gr.id = g.scope_id) END
      AS scope_region_path`;
}

export function scopeFromRow(
  row: { scope_kind: ScopeKind; scope_id: number | null; scope_estate_ids: unknown[] | null; scope_unit_ids: unknown[] | null; scope_region_path: string | null },
): Scope {
  return {
    estateIds: (row.scope_estate_ids ?? []).filter((x) => x != null).map(Number),
    unitIds: row.scope_kind === 'owner' ? (row.scope_unit_ids ?? []).map(Number) : null,
    regionPath: row.scope_region_path,
    companyId: row.scope_kind === 'company' && row.scope_id != null ? Number(row.scope_id) : null,
    departmentId: row.scope_kind === 'department' && row.scope_id != null ? Number(row.scope_id) : null,
  };
}
