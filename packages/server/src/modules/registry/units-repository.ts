import type { UnitView } from '@gongzhi/contracts';
import { sha256Hex } from '../../platform/crypto.ts';
import { one, type Db } from '../../platform/db.ts';
import { containsPattern, offsetOf, Where, type Page, type Paging } from './query-helpers.ts';

// The hot path of the registry: a page of units is one range scan on the covering index
// units (estate_id, building_id, number) cut to the page first (a number is unique within its
// building, so the order is total), then the current owners of those rows only, and the total.
// One round trip, no per-row queries.

export interface UnitFilter extends Paging {
  estateIds: number[];
  estateId?: number;
  buildingId?: number;
  kind?: string;
  status?: string;
  areaSource?: string;
  q?: string;
}

const CURRENT_OWNER_NAMES = `
  LEFT JOIN LATERAL (
    SELECT array_agg(o.name ORDER BY o.name, o.id) AS names
      FROM ownerships s JOIN owners o ON o.id = s.owner_id
     WHERE s.unit_id = u.id AND s.valid_to IS NULL) cur ON true`;

const UNIT_COLUMNS = `
  u.id, u.estate_id AS "estateId", u.building_id AS "buildingId", b.name AS "buildingName", u.number,
  u.area_centi AS "areaCenti", u.area_source AS "areaSource", u.kind, u.status,
  COALESCE(cur.names, '{}') AS "ownerNames", COALESCE(cardinality(cur.names), 0) > 1 AS "coOwned"`;

function unitWhere(f: UnitFilter): Where {
  // One estate (the usual case) is a plain equality, so the page is read in index order and the
  // scan stops after the page; mixing it with "= ANY(scope)" would make the planner sort the estate.
  const w = f.estateId ? new Where().add('u.estate_id = ?', f.estateId) : new Where().add('u.estate_id = ANY(?::bigint[])', f.estateIds);
  if (f.buildingId) w.add('u.building_id = ?', f.buildingId);
  if (f.kind) w.add('u.kind = ?::unit_kind', f.kind);
  if (f.status) w.add('u.status = ?::unit_status', f.status);
  if (f.areaSource) w.add('u.area_source = ?::area_source', f.areaSource);
  if (f.q) {
    const p = w.param(containsPattern(f.q));
    w.add(`(u.number ILIKE ${p} OR EXISTS (
             SELECT 1 FROM ownerships s JOIN owners o ON o.id = s.owner_id
              WHERE s.unit_id = u.id AND s.valid_to IS NULL AND o.name ILIKE ${p}))`);
  }
  return w;
}

/** Without filters beyond the estates, the total comes from the per-estate statistics (kept by
 *  triggers, see 0004_registry.sql) instead of counting every unit. */
function countSql(f: UnitFilter, w: Where): string {
  const plain = !f.buildingId && !f.kind && !f.status && !f.areaSource && !f.q;
  if (!plain) return `SELECT count(*)::int AS total FROM units u ${w.sql()}`;
  // $1 is the estate (or the scope's estates): unitWhere always adds that clause first
  return `SELECT COALESCE(sum(st.unit_count), 0)::int AS total FROM estate_unit_stats st
           WHERE st.estate_id ${f.estateId ? '= $1' : '= ANY($1::bigint[])'}`;
}

/** A page of units, and the registry version of the snapshot it was read in (null: not read). */
export async function listUnits(db: Db, f: UnitFilter): Promise<Page<UnitView> & { registryVersion: number | null }> {
  // scope first: an estate outside the caller's scope has no units for them
  if (f.estateId && !f.estateIds.includes(f.estateId)) {
    return { items: [], total: 0, page: f.page, pageSize: f.pageSize, registryVersion: null };
  }
  const w = unitWhere(f);
  const limit = w.param(f.pageSize);
  const offset = w.param(offsetOf(f));
  // the count and the page in one round trip: the count row is always there, the page may be empty.
  // The page is chosen on the covering index (ids only), then only its 50 rows are read.
  // The statement is prepared and runs on a generic plan (see platform/db.ts), which assumes a
  // page of unknown size: the OFFSET 0 fences keep the per-row lookups as index probes on the
  // page's rows, instead of a hash join over every unit of the estate.
  const sql = `WITH page AS MATERIALIZED (
       SELECT u.id FROM units u ${w.sql()}
        ORDER BY u.estate_id, u.building_id, u.number LIMIT ${limit} OFFSET ${offset})
     SELECT t.total, rv.v AS "registryVersion", x.* FROM (${countSql(f, w)}) t
     CROSS JOIN registry_version rv
     LEFT JOIN LATERAL (
       SELECT ${UNIT_COLUMNS} FROM page p
        CROSS JOIN LATERAL (SELECT u.* FROM units u WHERE u.id = p.id OFFSET 0) u
        CROSS JOIN LATERAL (SELECT b.name FROM buildings b WHERE b.id = u.building_id OFFSET 0) b
       ${CURRENT_OWNER_NAMES}) x ON true
      ORDER BY x."estateId", x."buildingId", x.number`;
  // a named (prepared) statement: planning costs as much as running this query, so plan once per
  // connection and filter combination
  const result = (await db.query({ name: `registry_units_${sha256Hex(sql).slice(0, 16)}`, text: sql, values: w.params }))
    .rows as (UnitView & { total: number; registryVersion: number })[];
  const items = result.filter((r) => r.id != null).map(({ total: _total, registryVersion: _v, ...unit }) => unit);
  return { items, total: result[0]?.total ?? 0, page: f.page, pageSize: f.pageSize, registryVersion: result[0]?.registryVersion ?? null };
}

export async function findUnitUnsafe(db: Db, id: number, opts: { forUpdate?: boolean } = {}) {
  // lock first when asked: FOR UPDATE cannot sit on a query with an aggregating lateral join
  if (opts.forUpdate) await db.query('SELECT 1 FROM units WHERE id = $1 FOR UPDATE', [id]);
  return one<UnitView & { estateName: string }>(
    db,
    `SELECT ${UNIT_COLUMNS}, e.name AS "estateName"
       FROM units u JOIN buildings b ON b.id = u.building_id JOIN estates e ON e.id = u.estate_id
       ${CURRENT_OWNER_NAMES}
      WHERE u.id = $1`,
    [id],
  );
}

export interface UnitFields {
  areaCenti: number;
  areaSource: string;
  kind: string;
  status: string;
}

export async function insertUnit(
  db: Db,
  u: UnitFields & { estateId: number; buildingId: number; number: string },
): Promise<number> {
  const r = await one<{ id: number }>(
    db,
    `INSERT INTO units (estate_id, building_id, number, area_centi, area_source, kind, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [u.estateId, u.buildingId, u.number, u.areaCenti, u.areaSource, u.kind, u.status],
  );
  return r!.id;
}

export async function updateUnitFields(db: Db, id: number, u: UnitFields): Promise<void> {
  await db.query(
    'UPDATE units SET area_centi = $2, area_source = $3, kind = $4, status = $5 WHERE id = $1',
    [id, u.areaCenti, u.areaSource, u.kind, u.status],
  );
}
