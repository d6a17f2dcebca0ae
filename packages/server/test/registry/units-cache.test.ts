import { beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildWorld, type World } from './world.ts';

// The units page is served from a cache stamped with the registry version. These tests prove
// it is never stale and never crosses a scope, whoever changes the data and however.

let t: TestApp;
let w: World;
const get = (url: string, cookie: string) => t.request({ method: 'GET', url: `/api/v1${url}`, cookie });
const names = async (cookie: string) =>
  (await get(`/units?estateId=${w.estateA}&pageSize=2`, cookie)).json().items[0].ownerNames as string[];

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});

describe('registry units page cache', () => {
  it('city officer: a change made through the API shows on the very next read', async () => {
    const { cookie } = await signedInAs(t, { role: 'city_officer', scopeId: w.regions.a.cityId });
    expect(await names(cookie)).toEqual(['张三', '李四']);
    expect(await names(cookie)).toEqual(['张三', '李四']); // served from the cache
    const res = await t.request({
      method: 'POST', url: `/api/v1/units/${w.unitsA[0]}/transfer`, cookie,
      body: { owners: [{ ownerId: w.ownerB }], date: '2026-01-01' },
    });
    expect(res.statusCode).toBe(200);
    const after = await names(cookie);
    expect(after).not.toEqual(['张三', '李四']);
    expect(after).toHaveLength(1);
  });

  it('city officer: a change made directly in SQL (no API) also shows at once', async () => {
    const { cookie } = await signedInAs(t, { role: 'city_officer', scopeId: w.regions.a.cityId });
    const before = await get(`/units?estateId=${w.estateA}&pageSize=5&page=2`, cookie);
    const unit = before.json().items[0];
    await t.pool.query('UPDATE units SET area_centi = area_centi + 1 WHERE id = $1', [unit.id]);
    const after = await get(`/units?estateId=${w.estateA}&pageSize=5&page=2`, cookie);
    expect(after.json().items[0].areaCenti).toBe(unit.areaCenti + 1);
    await t.pool.query(`UPDATE buildings SET name = name || '（改）' WHERE id = $1`, [unit.buildingId]);
    const renamed = await get(`/units?estateId=${w.estateA}&pageSize=5&page=2`, cookie);
    expect(renamed.json().items[0].buildingName).toBe(`${unit.buildingName}（改）`);
  });

  it("community officer: a page another role has cached for estate B is still not theirs", async () => {
    const city = await signedInAs(t, { role: 'city_officer', scopeId: w.regions.a.cityId });
    const community = await signedInAs(t, { role: 'community_officer', scopeId: w.regions.a.communityId });
    const cached = await get(`/units?estateId=${w.estateB}`, city.cookie);
    expect(cached.json().items.length).toBeGreaterThan(0);
    const theirs = await get(`/units?estateId=${w.estateB}`, community.cookie);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json()).toMatchObject({ items: [], total: 0 });
    // and the scope-wide list (no estate given) is keyed by the caller's estates
    const cityAll = await get('/units?pageSize=200', city.cookie);
    const communityAll = await get('/units?pageSize=200', community.cookie);
    expect(cityAll.json().items.some((u: { estateId: number }) => u.estateId === w.estateB)).toBe(true);
    expect(communityAll.json().items.some((u: { estateId: number }) => u.estateId === w.estateB)).toBe(false);
  });
});
