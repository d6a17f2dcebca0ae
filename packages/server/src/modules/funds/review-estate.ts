import type { Db } from '../../platform/db.ts';

// Where an estate sits for the review: its city (whose fund_city_rules give the review period
// and the emergency list) and the path of its community, below which the district and city
// officers who answer for it hold their grants.

export interface EstateRegion {
  estateId: number;
  estateName: string;
  cityId: number | null;
  communityPath: string;
  /** fund_city_rules.review_working_days of the city; 5 when the city has no row (办法 default) */
  reviewWorkingDays: number;
}

export const DEFAULT_REVIEW_WORKING_DAYS = 5;

export async function estateRegion(db: Db, estateId: number): Promise<EstateRegion> {
  const r = await db.query(
    `SELECT e.id, e.name, c.path,
            (SELECT a.id FROM regions a WHERE a.level = 'city' AND c.path LIKE a.path || '%' LIMIT 1) AS city_id
       FROM estates e JOIN regions c ON c.id = e.community_id WHERE e.id = $1`,
    [estateId],
  );
  const row = r.rows[0];
  if (!row) throw new Error(`estateRegion: no estate ${estateId}`);
  const cityId = row.city_id == null ? null : Number(row.city_id);
  const rules = cityId == null ? { rows: [] } : await db.query(`SELECT review_working_days FROM fund_city_rules WHERE city_region_id = $1`, [cityId]);
  return {
    estateId, estateName: String(row.name), cityId, communityPath: String(row.path),
    reviewWorkingDays: rules.rows.length ? Number(rules.rows[0].review_working_days) : DEFAULT_REVIEW_WORKING_DAYS,
  };
}

/** Active accounts holding `role` on a region that contains the estate's community. */
export async function officersOver(db: Db, communityPath: string, roles: readonly string[]): Promise<number[]> {
  const r = await db.query(
    `SELECT DISTINCT g.account_id FROM role_grants g
       JOIN regions gr ON gr.id = g.scope_id AND g.scope_kind = 'region'
       JOIN accounts a ON a.id = g.account_id
      WHERE g.role = ANY($2) AND g.revoked_at IS NULL AND NOT a.disabled AND $1 LIKE gr.path || '%'
      ORDER BY 1`,
    [communityPath, roles],
  );
  return r.rows.map((x) => Number(x.account_id));
}
