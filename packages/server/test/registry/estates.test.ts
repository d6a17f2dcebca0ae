import { beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildWorld, validCreditCode, type World } from './world.ts';

let t: TestApp;
let w: World;
const get = (url: string, cookie: string) => t.request({ method: 'GET', url: `/api/v1${url}`, cookie });
const post = (url: string, cookie: string, body?: unknown) => t.request({ method: 'POST', url: `/api/v1${url}`, cookie, body });
const ids = (res: { json(): { items: { id: number }[] } }) => res.json().items.map((x) => x.id);

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});

describe('registry regions and estates', () => {
  it('city officer: sees the whole region tree with estate counts', async () => {
    const { cookie } = await signedInAs(t, { role: 'city_officer', scopeId: w.regions.a.cityId });
    const res = await get('/regions', cookie);
    expect(res.statusCode).toBe(200);
    const byId = new Map(res.json().items.map((r: { id: number }) => [r.id, r]));
    expect(byId.size).toBe(7); // city + 2 × (district, street, community)
    expect(byId.get(w.regions.a.cityId)).toMatchObject({ level: 'city', parentId: null, estateCount: 2 });
    expect(byId.get(w.regions.b.communityId)).toMatchObject({ level: 'community', name: '西社区', parentId: w.regions.b.streetId, estateCount: 1 });
  });

  it('community officer: sees the path down to their community, not the neighbouring branch', async () => {
    const { cookie } = await signedInAs(t, { role: 'community_officer', scopeId: w.regions.a.communityId });
    const got = ids(await get('/regions', cookie)).sort();
    const a = w.regions.a;
    expect(got).toEqual([a.cityId, a.districtId, a.streetId, a.communityId].sort());
    const city = (await get('/regions', cookie)).json().items.find((r: { id: number }) => r.id === a.cityId);
    expect(city.estateCount).toBe(1); // only the estates the caller reaches are counted
  });

  it('committee member: sees the regions above their estate only', async () => {
    const { cookie } = await signedInAs(t, { role: 'committee_member', scopeId: w.estateB });
    const b = w.regions.b;
    expect(ids(await get('/regions', cookie)).sort()).toEqual([b.cityId, b.districtId, b.streetId, b.communityId].sort());
  });

  it('city officer: lists estates with their figures, filtered by a region at any level and by name or code', async () => {
    const { cookie } = await signedInAs(t, { role: 'city_officer', scopeId: w.regions.a.cityId });
    const all = await get('/estates', cookie);
    expect(all.json().total).toBe(2);
    const a = all.json().items.find((e: { id: number }) => e.id === w.estateA);
    expect(a).toMatchObject({
      name: '东苑小区', communityName: '东社区', streetName: '东街道', districtName: '东区',
      unitCount: 24, buildingCount: 2, propertyCompanyName: '安居物业', committeeStatus: 'committee',
    });
    // 9001..9012 twice, exact integer sum
    expect(a.totalAreaCenti).toBe(2 * (12 * 9000 + 78));
    const b = all.json().items.find((e: { id: number }) => e.id === w.estateB);
    expect(b.committeeStatus).toBe('acting_body');

    expect(ids(await get(`/estates?regionId=${w.regions.b.districtId}`, cookie))).toEqual([w.estateB]);
    expect(ids(await get(`/estates?regionId=${w.regions.a.streetId}`, cookie))).toEqual([w.estateA]);
    expect(ids(await get(`/estates?regionId=${w.regions.a.cityId}`, cookie))).toHaveLength(2);
    expect(ids(await get(`/estates?q=${encodeURIComponent('西苑')}`, cookie))).toEqual([w.estateB]);
    const paged = await get('/estates?pageSize=1&page=2', cookie);
    expect(paged.json()).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.json().items).toHaveLength(1);
  });

  it('community officer: a region filter outside their scope yields nothing', async () => {
    const { cookie } = await signedInAs(t, { role: 'community_officer', scopeId: w.regions.a.communityId });
    expect((await get(`/estates?regionId=${w.regions.b.communityId}`, cookie)).json().total).toBe(0);
  });

  it('property manager: estate detail shows developer, contracts and committees; buildings list', async () => {
    const { cookie } = await signedInAs(t, { role: 'property_manager', scopeId: w.companyA });
    const res = await get(`/estates/${w.estateA}`, cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: w.estateA, developerName: null, propertyCompanyName: '安居物业' });
    expect(res.json().serviceContracts).toEqual([expect.objectContaining({ companyId: w.companyA, active: true })]);
    expect(res.json().committees).toEqual([expect.objectContaining({ id: w.committeeA, kind: 'committee' })]);
    const buildings = await get(`/estates/${w.estateA}/buildings`, cookie);
    expect(buildings.json().items.map((b: { name: string; unitCount: number }) => [b.name, b.unitCount])).toEqual([['1栋', 12], ['2栋', 12]]);
    expect((await get(`/estates/${w.estateB}`, cookie)).statusCode).toBe(404);
  });

  it('street officer: creates an estate with a developer in their street, then a building', async () => {
    const { cookie } = await signedInAs(t, { role: 'street_officer', scopeId: w.regions.a.streetId });
    const creditCode = validCreditCode();
    const res = await post('/estates', cookie, {
      communityId: w.regions.a.communityId, name: '新城小区', code: `XC-${w.tag}`, address: '东街1号',
      developer: { name: '新城置业', creditCode },
    });
    expect(res.statusCode, res.body).toBe(200);
    const estateId = res.json().id;
    // the scope is recomputed on the next request: the new estate is visible at once
    const detail = await get(`/estates/${estateId}`, cookie);
    expect(detail.json()).toMatchObject({ name: '新城小区', developerName: '新城置业', unitCount: 0, committeeStatus: 'none', propertyCompanyName: null });
    const dev = await t.pool.query('SELECT kind, is_developer FROM owners WHERE credit_code = $1', [creditCode]);
    expect(dev.rows[0]).toEqual({ kind: 'organisation', is_developer: true });

    const building = await post(`/estates/${estateId}/buildings`, cookie, { name: '1栋', floors: 18 });
    expect(building.statusCode, building.body).toBe(200);
    expect((await post(`/estates/${estateId}/buildings`, cookie, { name: '1栋', floors: 18 })).statusCode).toBe(409);
    const zeroFloors = await post(`/estates/${estateId}/buildings`, cookie, { name: '2栋', floors: 0 });
    expect(zeroFloors.statusCode).toBe(400);
    expect(zeroFloors.json().details.issues[0].field).toBe('body.floors');
    const audit = await t.pool.query(`SELECT action FROM audit_events WHERE estate_id = $1 ORDER BY seq`, [estateId]);
    expect(audit.rows.map((r) => r.action)).toEqual(['estate.create', 'building.create']);
  });

  it('street officer: cannot create an estate outside their street, nor with a bad developer code or a taken code', async () => {
    const { cookie } = await signedInAs(t, { role: 'street_officer', scopeId: w.regions.a.streetId });
    const estates = async () => Number((await t.pool.query('SELECT count(*) FROM estates')).rows[0].count);
    const before = await estates();
    const base = { communityId: w.regions.a.communityId, name: '坏小区', code: `BAD-${w.tag}`, address: '' };
    expect((await post('/estates', cookie, { ...base, communityId: w.regions.b.communityId })).statusCode).toBe(404);
    const notCommunity = await post('/estates', cookie, { ...base, communityId: w.regions.a.streetId });
    expect(notCommunity.json().details.issues[0].field).toBe('body.communityId');
    const badDev = await post('/estates', cookie, { ...base, developer: { name: 'x', creditCode: '123' } });
    expect(badDev.statusCode).toBe(400);
    expect(badDev.json().details.issues[0].field).toBe('body.developer.creditCode');
    const missingName = await post('/estates', cookie, { ...base, name: '  ' });
    expect(missingName.json().details.issues[0].field).toBe('body.name');
    expect(await estates()).toBe(before);
    const existingCode = (await t.pool.query('SELECT code FROM estates WHERE id = $1', [w.estateA])).rows[0].code;
    expect((await post('/estates', cookie, { ...base, code: existingCode })).statusCode).toBe(409);
  });
});

describe('registry companies, contracts and committees', () => {
  it('city officer: lists companies with contract counts, and contracts filtered by company and activity', async () => {
    const { cookie } = await signedInAs(t, { role: 'city_officer', scopeId: w.regions.a.cityId });
    const companies = await get('/companies', cookie);
    expect(companies.json().items.map((c: { name: string; contractCount: number }) => [c.name, c.contractCount]).sort())
      .toEqual([['安居物业', 1], ['西城物业', 1]]);
    expect(ids(await get(`/companies?q=${encodeURIComponent('安居')}`, cookie))).toEqual([w.companyA]);
    const company = await get(`/companies/${w.companyA}`, cookie);
    expect(company.json().contracts).toEqual([expect.objectContaining({ estateId: w.estateA })]);
    expect((await get(`/service-contracts?companyId=${w.companyB}`, cookie)).json().items).toEqual([
      expect.objectContaining({ estateId: w.estateB, active: true }),
    ]);
    expect((await get('/service-contracts?active=false', cookie)).json().total).toBe(0);
    expect((await get('/service-contracts?active=true', cookie)).json().total).toBe(2);
  });

  it('community officer: a company serving only another community is a 404', async () => {
    const { cookie } = await signedInAs(t, { role: 'community_officer', scopeId: w.regions.a.communityId });
    expect((await get(`/companies/${w.companyB}`, cookie)).statusCode).toBe(404);
    expect((await get(`/committees/${w.actingB}`, cookie)).statusCode).toBe(404);
    expect(ids(await get('/committees', cookie))).toEqual([w.committeeA]);
  });

  it('community officer: registers a company and a contract; a contract ending before it starts is refused', async () => {
    const { cookie } = await signedInAs(t, { role: 'community_officer', scopeId: w.regions.a.communityId });
    const bad = await post('/companies', cookie, { name: '坏物业', creditCode: '91440300ABCDEFGHIJ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.creditCode');
    const creditCode = validCreditCode();
    const company = await post('/companies', cookie, { name: '新物业', creditCode, phone: '0755-1234567' });
    expect(company.statusCode, company.body).toBe(200);
    expect((await post('/companies', cookie, { name: '重复', creditCode })).statusCode).toBe(409);

    const companyId = company.json().id;
    const backwards = await post('/service-contracts', cookie, { companyId, estateId: w.estateA, startsOn: '2025-01-01', endsOn: '2024-12-31' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().details.issues[0].field).toBe('body.endsOn');
    const badDate = await post('/service-contracts', cookie, { companyId, estateId: w.estateA, startsOn: '2025-02-30', endsOn: '2026-01-01' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().details.issues[0].field).toBe('body.startsOn');
    const foreign = await post('/service-contracts', cookie, { companyId, estateId: w.estateB, startsOn: '2025-01-01', endsOn: '2027-12-31' });
    expect(foreign.statusCode).toBe(404);
    const ok = await post('/service-contracts', cookie, { companyId, estateId: w.estateA, startsOn: '2020-01-01', endsOn: '2020-12-31' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ companyName: '新物业', estateId: w.estateA, active: false });
    expect((await get(`/companies/${companyId}`, cookie)).json().contractCount).toBe(1);
  });

  it('community officer: creates a committee and adds members; a member named as an owner must own a unit here', async () => {
    const { cookie } = await signedInAs(t, { role: 'community_officer', scopeId: w.regions.a.communityId });
    const committee = await post('/committees', cookie, {
      estateId: w.estateA, kind: 'committee', name: '东苑第二届业委会', termStart: '2026-01-01', termEnd: '2030-12-31',
    });
    expect(committee.statusCode, committee.body).toBe(200);
    const id = committee.json().id;
    const chair = await post(`/committees/${id}/members`, cookie, {
      name: '张三', role: 'chair', ownerId: w.ownerA, termStart: '2026-01-01', termEnd: '2030-12-31',
    });
    expect(chair.statusCode, chair.body).toBe(200);
    const secretary = await post(`/committees/${id}/members`, cookie, { name: '周秘书', role: 'secretary', termStart: '2026-01-01', termEnd: '2030-12-31' });
    expect(secretary.statusCode).toBe(200);
    const outsider = await post(`/committees/${id}/members`, cookie, {
      name: '王五', role: 'member', ownerId: w.ownerB, termStart: '2026-01-01', termEnd: '2030-12-31',
    });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().details.issues[0].field).toBe('body.ownerId');
    const badRole = await post(`/committees/${id}/members`, cookie, { name: 'x', role: 'boss', termStart: '2026-01-01', termEnd: '2030-12-31' });
    expect(badRole.json().details.issues[0].field).toBe('body.role');

    const detail = await get(`/committees/${id}`, cookie);
    expect(detail.json().members.map((m: { name: string; role: string }) => [m.name, m.role])).toEqual([['张三', 'chair'], ['周秘书', 'secretary']]);
    expect(detail.json().memberCount).toBe(2);
    expect(ids(await get(`/committees?estateId=${w.estateA}&kind=committee`, cookie))).toContain(id);
    expect((await post(`/committees/${w.actingB}/members`, cookie, { name: 'x', role: 'member', termStart: '2026-01-01', termEnd: '2030-12-31' })).statusCode).toBe(404);
  });

  it('committee chair: reads their committee with members but cannot create one (403)', async () => {
    const { cookie } = await signedInAs(t, { role: 'committee_chair', scopeId: w.estateA });
    expect((await get(`/committees/${w.committeeA}`, cookie)).statusCode).toBe(200);
    const res = await post('/committees', cookie, { estateId: w.estateA, kind: 'committee', name: 'x', termStart: '2026-01-01', termEnd: '2027-01-01' });
    expect(res.statusCode).toBe(403);
  });
});
