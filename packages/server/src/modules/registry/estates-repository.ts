import type { BuildingView, EstateView } from '@gongzhi/contracts';
import { one, rows, type Db } from '../../platform/db.ts';
import { containsPattern, naturalOrder, offsetOf, Where, type Page, type Paging } from './query-helpers.ts';

// The columns of an estate row, computed per estate (only for the page being shown).
const ESTATE_COLUMNS = `
  e.id, e.name, e.code, e.address, e.community_id AS "communityId", c.name AS "communityName",
  s.name AS "streetName", d.name AS "districtName",
  COALESCE(st.unit_count, 0) AS "unitCount", COALESCE(st.total_area_centi, 0) AS "totalAreaCenti",
  (SELECT count(*) FROM buildings b WHERE b.estate_id = e.id)::int AS "buildingCount",
  (SELECT co.name FROM service_contracts sc JOIN companies co ON co.id = sc.company_id
    WHERE sc.estate_id = e.id AND sc.starts_on <= current_date AND sc.ends_on >= current_date
    ORDER BY sc.starts_on DESC, sc.id DESC LIMIT 1) AS "propertyCompanyName",
  CASE
    WHEN EXISTS (SELECT 1 FROM committees k WHERE k.estate_id = e.id AND k.kind = 'committee'
                 AND k.term_start <= current_date AND k.term_end >= current_date) THEN 'committee'
    WHEN EXISTS (SELECT 1 FROM committees k WHERE k.estate_id = e.id AND k.kind <> 'committee'
                 AND k.term_start <= current_date AND k.term_end >= current_date) THEN 'acting_body'
    ELSE 'none' END AS "committeeStatus"`;

const ESTATE_JOINS = `
  JOIN regions c ON c.id = e.community_id
  LEFT JOIN regions s ON s.id = c.parent_id AND s.level = 'street'
  LEFT JOIN regions d ON d.id = s.parent_id AND d.level = 'district'
  LEFT JOIN estate_unit_stats st ON st.estate_id = e.id`;

export interface EstateFilter extends Paging {
  estateIds: number[];
  regionId?: number;
  q?: string;
}

export async function listEstates(db: Db, f: EstateFilter): Promise<Page<EstateView>> {
  const w = new Where().add('e.id = ANY(?::bigint[])', f.estateIds);
  if (f.regionId) {
    w.add(`e.community_id IN (SELECT c2.id FROM regions c2 WHERE c2.path LIKE (SELECT path FROM regions WHERE id = ?) || '%')`, f.regionId);
  }
  if (f.q) {
    const p = w.param(containsPattern(f.q));
    w.add(`(e.name ILIKE ${p} OR e.code ILIKE ${p})`);
  }
  const total = await one<{ n: number }>(db, `SELECT count(*)::int AS n FROM estates e ${w.sql()}`, w.params);
  const limit = w.param(f.pageSize);
  const offset = w.param(offsetOf(f));
  const items = await rows<EstateView>(
    db,
    `WITH page AS (SELECT e.id FROM estates e ${w.sql()} ORDER BY e.name, e.id LIMIT ${limit} OFFSET ${offset})
     SELECT ${ESTATE_COLUMNS} FROM page JOIN estates e ON e.id = page.id ${ESTATE_JOINS}
      ORDER BY e.name, e.id`,
    w.params,
  );
  return { items, total: total?.n ?? 0, page: f.page, pageSize: f.pageSize };
}

export function findEstateUnsafe(db: Db, id: number) {
  return one<EstateView & { developerName: string | null }>(
    db,
    `SELECT ${ESTATE_COLUMNS}, dev.name AS "developerName"
       FROM estates e ${ESTATE_JOINS} LEFT JOIN owners dev ON dev.id = e.developer_id
      WHERE e.id = $1`,
    [id],
  );
}

/** An estate's buildings in natural order (1号楼, 2号楼, …, 10号楼), as people number them. */
export function listBuildings(db: Db, estateId: number): Promise<BuildingView[]> {
  return rows<BuildingView>(
    db,
    `SELECT b.id, b.estate_id AS "estateId", b.name, b.floors,
            (SELECT count(*) FROM units u WHERE u.building_id = b.id)::int AS "unitCount"
       FROM buildings b WHERE b.estate_id = $1 ORDER BY ${naturalOrder('b.name')}, b.id`,
    [estateId],
  );
}

export function findBuildingUnsafe(db: Db, id: number) {
  return one<{ id: number; estateId: number; name: string }>(
    db, 'SELECT id, estate_id AS "estateId", name FROM buildings WHERE id = $1', [id],
  );
}

export async function insertEstate(
  db: Db,
  e: { communityId: number; name: string; code: string; address: string; developerId: number | null },
): Promise<number> {
  const r = await one<{ id: number }>(
    db,
    'INSERT INTO estates (community_id, name, code, address, developer_id) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [e.communityId, e.name, e.code, e.address, e.developerId],
  );
  return r!.id;
}

export async function insertBuilding(db: Db, b: { estateId: number; name: string; floors: number }): Promise<number> {
  const r = await one<{ id: number }>(
    db, 'INSERT INTO buildings (estate_id, name, floors) VALUES ($1, $2, $3) RETURNING id', [b.estateId, b.name, b.floors],
  );
  return r!.id;
}
