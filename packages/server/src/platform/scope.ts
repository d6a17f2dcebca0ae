import type { ScopeKind } from '@gongzhi/contracts';
import type { Db } from './db.ts';

// The one place that decides which estates (and, for owners, which units) a role grant reaches.
// Every list query filters through `estateIds`; every lookup of a single record checks it.

export interface Scope {
  estateIds: number[];
  /** owners only: the units they are bound to (approved bindings) */
  unitIds: number[] | null;
  /** region grants: the region path prefix, e.g. "/1/3/" */
  regionPath: string | null;
  companyId: number | null;
}

export const EMPTY_SCOPE: Scope = { estateIds: [], unitIds: null, regionPath: null, companyId: null };

export async function resolveScope(
  db: Db,
  grant: { scopeKind: ScopeKind; scopeId: number | null; accountId: number },
): Promise<Scope> {
  switch (grant.scopeKind) {
    case 'estate':
      return { ...EMPTY_SCOPE, estateIds: grant.scopeId == null ? [] : [grant.scopeId] };
    case 'company': {
      // a company reaches the estates it serves under a contract in force today
      const r = await db.query({
        name: 'scope_company',
        text: `SELECT DISTINCT estate_id FROM service_contracts
                WHERE company_id = $1 AND starts_on <= current_date AND ends_on >= current_date`,
        values: [grant.scopeId],
      });
      return { ...EMPTY_SCOPE, companyId: grant.scopeId, estateIds: r.rows.map((x) => Number(x.estate_id)) };
    }
    case 'region': {
      const r = await db.query({
        name: 'scope_region',
        text: `SELECT r.path, ARRAY(SELECT e.id FROM estates e JOIN regions c ON c.id = e.community_id
                                    WHERE c.path LIKE r.path || '%' ORDER BY e.id) AS estate_ids
                 FROM regions r WHERE r.id = $1`,
        values: [grant.scopeId],
      });
      if (!r.rows.length) return EMPTY_SCOPE;
      return { ...EMPTY_SCOPE, regionPath: r.rows[0].path as string, estateIds: (r.rows[0].estate_ids as unknown[]).map(Number) };
    }
    case 'owner': {
      const r = await db.query({
        name: 'scope_owner',
        text: `SELECT unit_id, estate_id FROM bindings WHERE account_id = $1 AND status = 'approved'`,
        values: [grant.accountId],
      });
      return {
        ...EMPTY_SCOPE,
        unitIds: r.rows.map((x) => Number(x.unit_id)),
        estateIds: [...new Set(r.rows.map((x) => Number(x.estate_id)))],
      };
    }
  }
}

export function scopeHasEstate(scope: Scope, estateId: number): boolean {
  return scope.estateIds.includes(estateId);
}
