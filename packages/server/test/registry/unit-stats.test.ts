import { beforeAll, describe, expect, it } from 'vitest';
import { createBuilding, createUnit, signedInAs } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildWorld, type World } from './world.ts';

// The per-estate unit statistics are kept by triggers; every way units change must keep them equal
// to a real count, or the units page and the estates list would show wrong totals.

let t: TestApp;
let w: World;

async function mismatches() {
  const r = await t.pool.query(`
    SELECT e.id, COALESCE(st.unit_count, 0) AS kept, COALESCE(a.n, 0) AS real_n,
           COALESCE(st.total_area_centi, 0) AS kept_area, COALESCE(a.area, 0) AS real_area
      FROM estates e
      LEFT JOIN estate_unit_stats st ON st.estate_id = e.id
      LEFT JOIN (SELECT estate_id, count(*) AS n, sum(area_centi) AS area FROM units GROUP BY estate_id) a ON a.estate_id = e.id
     WHERE COALESCE(st.unit_count, 0) <> COALESCE(a.n, 0) OR COALESCE(st.total_area_centi, 0) <> COALESCE(a.area, 0)`);
  return r.rows;
}

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});

describe('registry unit statistics', () => {
  it('city officer: totals stay exact through inserts, multi-row statements, edits, moves and deletes', async () => {
    expect(await mismatches()).toEqual([]);
    const { cookie } = await signedInAs(t, { role: 'city_officer', scopeId: w.regions.a.cityId });
    const created = await t.request({
      method: 'POST', url: '/api/v1/units', cookie,
      body: { buildingId: w.buildingB1, number: '102', areaCenti: 7777, areaSource: 'survey', kind: 'residential', status: 'sold' },
    });
    expect(created.statusCode).toBe(200);
    await t.request({ method: 'PATCH', url: `/api/v1/units/${w.unitsA[0]}`, cookie, body: { areaCenti: 1 } });
    // one statement touching two estates
    await t.pool.query('UPDATE units SET area_centi = area_centi + 10 WHERE id = ANY($1)', [[w.unitsA[1], w.unitB]]);
    // a multi-row insert, as the roster import does
    const b = await createBuilding(t.pool, { estateId: w.estateB, name: '9栋' });
    await t.pool.query(
      `INSERT INTO units (estate_id, building_id, number, area_centi, area_source, kind, status)
       SELECT $1, $2, 'X' || g, 100 * g, 'contract', 'parking', 'unsold' FROM generate_series(1, 30) g`,
      [w.estateB, b],
    );
    await createUnit(t.pool, { estateId: w.estateA, buildingId: w.buildingA1, number: 'tmp', areaCenti: 5 });
    await t.pool.query(`DELETE FROM units WHERE number = 'tmp'`);
    expect(await mismatches()).toEqual([]);

    const list = await t.request({ method: 'GET', url: `/api/v1/units?estateId=${w.estateB}&pageSize=1`, cookie });
    expect(list.json().total).toBe(32);
    const all = await t.request({ method: 'GET', url: '/api/v1/units?pageSize=1', cookie });
    expect(all.json().total).toBe(24 + 32);
    const estates = await t.request({ method: 'GET', url: '/api/v1/estates', cookie });
    const eb = estates.json().items.find((e: { id: number }) => e.id === w.estateB);
    const real = await t.pool.query('SELECT count(*)::int AS n, sum(area_centi)::bigint AS a FROM units WHERE estate_id = $1', [w.estateB]);
    expect([eb.unitCount, eb.totalAreaCenti]).toEqual([real.rows[0].n, real.rows[0].a]);
  });

  it('committee member: the total uses only their estate even without an estate filter', async () => {
    const { cookie } = await signedInAs(t, { role: 'committee_member', scopeId: w.estateA });
    const res = await t.request({ method: 'GET', url: '/api/v1/units?pageSize=1', cookie });
    expect(res.json().total).toBe(24);
  });

  it('a failed write leaves the statistics untouched', async () => {
    const before = (await t.pool.query('SELECT * FROM estate_unit_stats ORDER BY estate_id')).rows;
    await expect(t.pool.query(
      `INSERT INTO units (estate_id, building_id, number, area_centi, area_source, kind, status)
       VALUES ($1, $2, '1-01', 100, 'registry', 'residential', 'sold')`, [w.estateA, w.buildingA1],
    )).rejects.toThrow(/duplicate/);
    expect((await t.pool.query('SELECT * FROM estate_unit_stats ORDER BY estate_id')).rows).toEqual(before);
  });
});
