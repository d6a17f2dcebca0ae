import { beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildWorld, type World } from './world.ts';

let t: TestApp;
let w: World;
const get = (url: string, cookie: string) => t.request({ method: 'GET', url: `/api/v1${url}`, cookie });

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});

describe('registry units', () => {
  it('city officer: lists units of any estate with filters and paging, total correct', async () => {
    const { cookie } = await signedInAs(t, { role: 'city_officer', scopeId: w.regions.a.cityId });
    const all = await get('/units?pageSize=10', cookie);
    expect(all.statusCode).toBe(200);
    expect(all.json().total).toBe(25);
    expect(all.json().items).toHaveLength(10);

    const pageA = await get(`/units?estateId=${w.estateA}&page=3&pageSize=10`, cookie);
    expect(pageA.json()).toMatchObject({ total: 24, page: 3, pageSize: 10 });
    expect(pageA.json().items.map((u: { number: string }) => u.number)).toEqual(['2-09', '2-10', '2-11', '2-12']);

    const parking = await get(`/units?estateId=${w.estateA}&kind=parking&status=unsold`, cookie);
    expect(parking.json().total).toBe(4);
    expect(parking.json().items.every((u: { kind: string; status: string }) => u.kind === 'parking' && u.status === 'unsold')).toBe(true);

    const byBuilding = await get(`/units?buildingId=${w.buildingA1}&areaSource=registry`, cookie);
    expect(byBuilding.json().total).toBe(12);
    expect((await get(`/units?estateId=${w.estateA}&areaSource=survey`, cookie)).json().total).toBe(0);

    const inB = await get(`/units?estateId=${w.estateB}`, cookie);
    expect(inB.json().items.map((u: { id: number }) => u.id)).toEqual([w.unitB]);
  });

  it('city officer: pages default to 50 rows; a page past the end is empty but keeps the total', async () => {
    const { cookie } = await signedInAs(t, { role: 'city_officer', scopeId: w.regions.a.cityId });
    const first = await get(`/units?estateId=${w.estateA}`, cookie);
    expect(first.json()).toMatchObject({ total: 24, page: 1, pageSize: 50 });
    expect(first.json().items).toHaveLength(24);
    const beyond = await get(`/units?estateId=${w.estateA}&page=99`, cookie);
    expect(beyond.json()).toEqual({ items: [], total: 24, page: 99, pageSize: 50 });
    const tooBig = await get('/units?pageSize=500', cookie);
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().details.issues[0].field).toBe('querystring.pageSize');
  });

  it('city officer: a unit row shows its building, area and current co-owners', async () => {
    const { cookie } = await signedInAs(t, { role: 'city_officer', scopeId: w.regions.a.cityId });
    const res = await get(`/units?estateId=${w.estateA}&pageSize=2`, cookie);
    const [first, second] = res.json().items;
    expect(first).toMatchObject({
      id: w.unitsA[0], buildingName: '1栋', number: '1-01', areaCenti: 9001, areaSource: 'registry',
      kind: 'residential', status: 'sold', ownerNames: ['张三', '李四'], coOwned: true,
    });
    expect(second).toMatchObject({ ownerNames: ['张三'], coOwned: false });
  });

  it('city officer: searches by unit number or by owner name', async () => {
    const { cookie } = await signedInAs(t, { role: 'city_officer', scopeId: w.regions.a.cityId });
    const byNumber = await get(`/units?q=${encodeURIComponent('2-1')}`, cookie);
    expect(byNumber.json().items.map((u: { number: string }) => u.number)).toEqual(['2-10', '2-11', '2-12']);
    const byOwner = await get(`/units?q=${encodeURIComponent('李四')}`, cookie);
    expect(byOwner.json().items.map((u: { id: number }) => u.id)).toEqual([w.unitsA[0]]);
    // LIKE wildcards are taken literally
    expect((await get('/units?q=%25', cookie)).json().total).toBe(0);
  });

  it('community officer: sees only their community, and a unit of another community is a 404', async () => {
    const { cookie } = await signedInAs(t, { role: 'community_officer', scopeId: w.regions.a.communityId });
    const list = await get('/units?pageSize=200', cookie);
    expect(list.json().total).toBe(24);
    expect(list.json().items.some((u: { estateId: number }) => u.estateId === w.estateB)).toBe(false);
    // asking for estate B explicitly yields nothing, not B's units
    expect((await get(`/units?estateId=${w.estateB}`, cookie)).json().total).toBe(0);
    const foreign = await get(`/units/${w.unitB}`, cookie);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('NOT_FOUND');
    const estates = await get('/estates', cookie);
    expect(estates.json().items.map((e: { id: number }) => e.id)).toEqual([w.estateA]);
    expect((await get(`/estates/${w.estateB}`, cookie)).statusCode).toBe(404);
    expect((await get(`/estates/${w.estateB}/buildings`, cookie)).statusCode).toBe(404);
  });

  it('committee member: sees only their own estate', async () => {
    const { cookie } = await signedInAs(t, { role: 'committee_member', scopeId: w.estateB });
    const list = await get('/units', cookie);
    expect(list.json().items.map((u: { id: number }) => u.id)).toEqual([w.unitB]);
    expect((await get(`/units/${w.unitsA[0]}`, cookie)).statusCode).toBe(404);
    expect((await get('/estates', cookie)).json().items.map((e: { id: number }) => e.id)).toEqual([w.estateB]);
  });

  it('property manager: sees only the estates their company serves', async () => {
    const { cookie } = await signedInAs(t, { role: 'property_manager', scopeId: w.companyA });
    expect((await get('/units', cookie)).json().total).toBe(24);
    expect((await get(`/units/${w.unitB}`, cookie)).statusCode).toBe(404);
    expect((await get('/estates', cookie)).json().items.map((e: { id: number }) => e.id)).toEqual([w.estateA]);
    const companies = await get('/companies', cookie);
    expect(companies.json().items.map((c: { id: number }) => c.id)).toEqual([w.companyA]);
  });

  it('owner: has no registry access (403)', async () => {
    const { cookie } = await signedInAs(t, { role: 'owner' }, { ownerId: w.ownerA });
    for (const url of ['/units', `/units/${w.unitsA[0]}`, '/estates', '/owners', '/regions', '/companies', '/committees']) {
      const res = await get(url, cookie);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
  });

  it('anyone signed out: 401', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/units' });
    expect(res.statusCode).toBe(401);
  });

  it('city officer: a unit page shows its ownership history after a transfer', async () => {
    const { cookie } = await signedInAs(t, { role: 'city_officer', scopeId: w.regions.a.cityId });
    const unitId = w.unitsA[0];
    const res = await t.request({
      method: 'POST', url: `/api/v1/units/${unitId}/transfer`, cookie,
      body: { owners: [{ ownerId: w.ownerB }], date: '2024-06-30' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ fromOwnerIds: expect.arrayContaining([w.ownerA, w.coOwnerA]), toOwnerIds: [w.ownerB] });

    const unit = (await get(`/units/${unitId}`, cookie)).json();
    expect(unit.ownerNames).toEqual(['王五']);
    expect(unit.coOwned).toBe(false);
    expect(unit.history.map((h: { ownerName: string; validFrom: string; validTo: string | null; current: boolean }) =>
      [h.ownerName, h.validFrom, h.validTo, h.current])).toEqual([
      ['张三', '2020-01-01', '2024-06-30', false],
      ['李四', '2020-01-01', '2024-06-30', false],
      ['王五', '2024-06-30', null, true],
    ]);
    // masked ID numbers only
    for (const h of unit.history) expect(h.document).toMatch(/^\*{14}[\dX]{4}$/);

    const audit = await t.pool.query(`SELECT summary FROM audit_events WHERE action = 'unit.transfer' AND target_id = $1`, [String(unitId)]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].summary).toMatchObject({ date: '2024-06-30', toOwnerIds: [w.ownerB] });
  });

  it('city officer: a transfer dated before the current owners took over is refused and changes nothing', async () => {
    const { cookie } = await signedInAs(t, { role: 'city_officer', scopeId: w.regions.a.cityId });
    const unitId = w.unitsA[1];
    const before = await t.pool.query('SELECT * FROM ownerships WHERE unit_id = $1 ORDER BY id', [unitId]);
    const early = await t.request({
      method: 'POST', url: `/api/v1/units/${unitId}/transfer`, cookie, body: { owners: [{ ownerId: w.ownerB }], date: '2019-01-01' },
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().details.issues[0].field).toBe('body.date');
    const unknown = await t.request({
      method: 'POST', url: `/api/v1/units/${unitId}/transfer`, cookie, body: { owners: [{ ownerId: 999999 }], date: '2024-01-01' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details.issues[0].field).toBe('body.owners.0.ownerId');
    const after = await t.pool.query('SELECT * FROM ownerships WHERE unit_id = $1 ORDER BY id', [unitId]);
    expect(after.rows).toEqual(before.rows);
  });

  it('community officer: cannot transfer or edit a unit of another community (404)', async () => {
    const { cookie } = await signedInAs(t, { role: 'community_officer', scopeId: w.regions.a.communityId });
    const transfer = await t.request({
      method: 'POST', url: `/api/v1/units/${w.unitB}/transfer`, cookie, body: { owners: [{ ownerId: w.ownerA }], date: '2024-01-01' },
    });
    expect(transfer.statusCode).toBe(404);
    const patch = await t.request({ method: 'PATCH', url: `/api/v1/units/${w.unitB}`, cookie, body: { areaCenti: 100 } });
    expect(patch.statusCode).toBe(404);
  });

  it('committee member: cannot write to the registry (403)', async () => {
    const { cookie } = await signedInAs(t, { role: 'committee_chair', scopeId: w.estateA });
    const res = await t.request({ method: 'PATCH', url: `/api/v1/units/${w.unitsA[2]}`, cookie, body: { areaCenti: 100 } });
    expect(res.statusCode).toBe(403);
  });

  it('community officer: corrects a unit area; the audit keeps before and after', async () => {
    const { cookie } = await signedInAs(t, { role: 'community_officer', scopeId: w.regions.a.communityId });
    const unitId = w.unitsA[3];
    const res = await t.request({ method: 'PATCH', url: `/api/v1/units/${unitId}`, cookie, body: { areaCenti: 12345, areaSource: 'survey' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ areaCenti: 12345, areaSource: 'survey', kind: 'residential' });
    const audit = await t.pool.query(`SELECT summary, estate_id FROM audit_events WHERE action = 'unit.update' AND target_id = $1`, [String(unitId)]);
    expect(audit.rows[0].summary).toEqual({
      before: { areaCenti: 9004, areaSource: 'registry', kind: 'residential', status: 'sold' },
      after: { areaCenti: 12345, areaSource: 'survey', kind: 'residential', status: 'sold' },
    });
    expect(Number(audit.rows[0].estate_id)).toBe(w.estateA);
  });

  it('community officer: a negative, fractional or missing area is rejected and nothing is written', async () => {
    const { cookie } = await signedInAs(t, { role: 'community_officer', scopeId: w.regions.a.communityId });
    const count = async () => Number((await t.pool.query('SELECT count(*) FROM units')).rows[0].count);
    const before = await count();
    for (const areaCenti of [-100, 0, 12.5, '100']) {
      const res = await t.request({
        method: 'POST', url: '/api/v1/units', cookie,
        body: { buildingId: w.buildingA1, number: '9-99', areaCenti, areaSource: 'registry', kind: 'residential', status: 'sold' },
      });
      expect(res.statusCode, String(areaCenti)).toBe(400);
      expect(res.json().details.issues[0].field).toBe('body.areaCenti');
      expect(res.json().message).toMatch(/面积/);
    }
    const patch = await t.request({ method: 'PATCH', url: `/api/v1/units/${w.unitsA[4]}`, cookie, body: { areaCenti: -1 } });
    expect(patch.statusCode).toBe(400);
    expect(await count()).toBe(before);
    expect((await t.pool.query('SELECT area_centi FROM units WHERE id = $1', [w.unitsA[4]])).rows[0].area_centi).toBe(9005);
  });

  it('community officer: creates a unit; a duplicate number in the same building is a 409', async () => {
    const { cookie } = await signedInAs(t, { role: 'community_officer', scopeId: w.regions.a.communityId });
    const body = { buildingId: w.buildingA1, number: '1-13', areaCenti: 8888, areaSource: 'contract', kind: 'commercial', status: 'sold' };
    const ok = await t.request({ method: 'POST', url: '/api/v1/units', cookie, body });
    expect(ok.statusCode, ok.body).toBe(200);
    const unit = (await get(`/units/${ok.json().id}`, cookie)).json();
    expect(unit).toMatchObject({ number: '1-13', areaCenti: 8888, areaSource: 'contract', kind: 'commercial', history: [] });
    const again = await t.request({ method: 'POST', url: '/api/v1/units', cookie, body });
    expect(again.statusCode).toBe(409);
    const foreign = await t.request({ method: 'POST', url: '/api/v1/units', cookie, body: { ...body, buildingId: w.buildingB1 } });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().details.issues[0].field).toBe('body.buildingId');
  });
});
