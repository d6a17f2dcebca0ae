import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, entry, revenueWorld, type Side } from './revenue-fixture.ts';

// A statement of a 20,000-unit estate: every unit gets its share in the one publication (one
// INSERT of arrays), the shares sum exactly to the net. No timing here (see the house rules).

let t: TestApp;
let a: Side;

beforeAll(async () => {
  t = await createTestApp();
  ({ a } = await revenueWorld(t));
  // 19,997 more units in 40 buildings, areas 50.00–149.99 m²
  await t.pool.query(
    `WITH b AS (INSERT INTO buildings (estate_id, name) SELECT $1, 'S' || g || '栋' FROM generate_series(1, 40) g RETURNING id)
     INSERT INTO units (estate_id, building_id, number, area_centi, area_source, kind, status)
     SELECT $1, (SELECT id FROM b ORDER BY id OFFSET (g % 40) LIMIT 1), 'N' || g, 5_000 + (g * 7919) % 10_000, 'registry', 'residential', 'sold'
       FROM generate_series(1, 19_997) g`,
    [a.estateId],
  );
});

describe('revenue statement of a large estate', () => {
  it('property manager: publishing to 20,000 units writes 20,000 shares summing to the net, each within a fen of its proportion', async () => {
    const book = await api(t, a.manager).post(`/estates/${a.estateId}/revenue/entries`, entry({ bookedOn: '2025-03-03', amountFen: 123_456_789 }));
    expect(book.statusCode, book.body).toBe(200);
    const res = await api(t, a.manager).post(`/estates/${a.estateId}/revenue/statements`, { periodKind: 'month', periodKey: '2025-03', declaredClosingFen: 123_456_789 });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.unitCount).toBe(20_000);
    const r = await t.pool.query(
      `SELECT count(*)::int AS n, sum(share_fen)::bigint AS total, sum(area_centi)::bigint AS area,
              max(abs(share_fen * $2::numeric - $3::numeric * area_centi)) AS worst
         FROM revenue_statement_shares WHERE statement_id = $1`,
      [s.id, s.totalAreaCenti, 123_456_789],
    );
    expect(r.rows[0].n).toBe(20_000);
    expect(Number(r.rows[0].total)).toBe(123_456_789);
    expect(Number(r.rows[0].area)).toBe(s.totalAreaCenti);
    expect(Number(r.rows[0].worst)).toBeLessThan(s.totalAreaCenti);
    const page = (await api(t, a.manager).get(`/revenue/statements/${s.id}/shares?pageSize=500&page=40`)).json();
    expect(page).toMatchObject({ total: 20_000, page: 40 });
    expect(page.items).toHaveLength(500);
    expect(page.buildings.reduce((x: number, b: { shareFen: number }) => x + b.shareFen, 0)).toBe(123_456_789);
  });
});
