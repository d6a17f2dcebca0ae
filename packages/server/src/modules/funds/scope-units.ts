import type { Db } from '../../platform/db.ts';
import { fieldError } from '../../platform/errors.ts';

// The charging scope (列支范围) of an application as the list of units it charges, in THE fixed
// order of the fund: building name in natural order, then unit number in natural order ('2栋'
// before '10栋', '101' before '1001'). The order breaks apportionment ties (largest remainder,
// ties by listed order) and is frozen in fund_application_shares.position at submission.

export type FundScopeKind = 'units' | 'buildings' | 'facility';

export interface ScopeInput {
  scopeKind: FundScopeKind;
  buildingIds: readonly number[];
  unitIds: readonly number[];
}

export interface ScopeUnit {
  unitId: number;
  buildingId: number;
  buildingName: string;
  number: string;
  /** 'building-number', the roster's unit key (meeting scopes name units this way) */
  unit: string;
  areaCenti: number;
  status: 'sold' | 'unsold' | 'undelivered';
  /** the developer pays for its unsold / undelivered units */
  payer: 'owner' | 'developer';
  /** the unit's fund balance now (0 without an account) */
  balanceFen: number;
}

const natural = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });

/** The fund's unit order (use it everywhere a scope is listed). */
export function compareScopeUnits(a: Pick<ScopeUnit, 'buildingName' | 'number' | 'unitId'>, b: Pick<ScopeUnit, 'buildingName' | 'number' | 'unitId'>): number {
  return natural.compare(a.buildingName, b.buildingName) || natural.compare(a.number, b.number) || a.unitId - b.unitId;
}

/**
 * The units of a scope, every one checked to be in `estateId` (a unit or building elsewhere is a
 * 400 naming its field, whether or not it exists: nothing of another estate is revealed).
 * Empty scope: refused naming the field the caller should fill. `fieldPrefix` is 'body.' for a
 * request body; '' when checking a stored draft at submission.
 */
export async function resolveScopeUnits(db: Db, estateId: number, s: ScopeInput, fieldPrefix = 'body.'): Promise<ScopeUnit[]> {
  const useBuildings = s.scopeKind === 'buildings';
  const ids = [...new Set(useBuildings ? s.buildingIds : s.unitIds)].map(Number);
  const field = `${fieldPrefix}${useBuildings ? 'buildingIds' : 'unitIds'}`;
  if (ids.length === 0) {
    throw fieldError(field, useBuildings ? '列支范围为空：请至少选择一栋楼' : s.scopeKind === 'facility' ? '列支范围为空：请选择该共用设施涉及的房屋' : '列支范围为空：请至少选择一户');
  }
  if (useBuildings) {
    const b = await db.query(`SELECT id FROM buildings WHERE id = ANY($1::bigint[]) AND estate_id = $2`, [ids, estateId]);
    const found = new Set(b.rows.map((r) => Number(r.id)));
    const bad = s.buildingIds.findIndex((x) => !found.has(Number(x)));
    if (bad >= 0) throw fieldError(`${field}.${bad}`, '楼栋不在本小区');
  }
  const r = await db.query(
    `SELECT u.id, u.building_id, b.name AS building_name, u.number, u.area_centi, u.status::text AS status,
            COALESCE(a.credits_fen - a.debits_fen, 0) AS balance
       FROM units u JOIN buildings b ON b.id = u.building_id
       LEFT JOIN fund_accounts a ON a.unit_id = u.id AND a.kind = 'unit'
      WHERE u.estate_id = $2 AND ${useBuildings ? 'u.building_id' : 'u.id'} = ANY($1::bigint[])`,
    [ids, estateId],
  );
  if (!useBuildings) {
    const found = new Set(r.rows.map((x) => Number(x.id)));
    const bad = s.unitIds.findIndex((x) => !found.has(Number(x)));
    if (bad >= 0) throw fieldError(`${field}.${bad}`, '房屋不在本小区');
  }
  if (r.rows.length === 0) throw fieldError(field, '列支范围为空：所选楼栋没有房屋');
  const units: ScopeUnit[] = r.rows.map((x) => ({
    unitId: Number(x.id), buildingId: Number(x.building_id), buildingName: String(x.building_name), number: String(x.number),
    unit: `${x.building_name}-${x.number}`, areaCenti: Number(x.area_centi), status: x.status,
    payer: x.status === 'sold' ? 'owner' : 'developer', balanceFen: Number(x.balance),
  }));
  return units.sort(compareScopeUnits);
}

/** Names of the scope's buildings in the fund's order (for labels and meeting scopes). */
export async function scopeBuildingNames(db: Db, buildingIds: readonly (number | string)[]): Promise<string[]> {
  if (!buildingIds.length) return [];
  const r = await db.query(`SELECT name FROM buildings WHERE id = ANY($1::bigint[])`, [buildingIds.map(Number)]);
  return r.rows.map((x) => String(x.name)).sort(natural.compare);
}
