import { beforeAll, describe, expect, it } from 'vitest';
import {
  createBuilding, createEstate, createRegionTree, createUnit, signedInAs, uniq, uniquePhone, type RegionTree,
} from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Account management by an administrator scoped to a district: creating officials, granting and
// revoking roles, disabling accounts; everything stops at the district's edge.

let ipSeq = 0;
const nextIp = () => `10.77.${(++ipSeq >> 8) & 255}.${ipSeq & 255}`;

describe('identity: account management', () => {
  let t: TestApp;
  let a: RegionTree; // district A: the admin's
  let b: RegionTree; // district B: another district of the same city
  let estateA: number;
  let admin: { cookie: string; accountId: number; grantId: number };

  const api = (method: string, url: string, cookie: string, body?: unknown) =>
    t.request({ method, url: `/api/v1${url}`, cookie, body });
  const login = (loginName: string, password: string) =>
    t.request({ method: 'POST', url: '/api/v1/auth/login', body: { login: loginName, password }, headers: { 'x-forwarded-for': nextIp() } });
  const cookieOf = (res: { cookies: { name: string; value: string }[] }) => `gz_sid=${res.cookies.find((c) => c.name === 'gz_sid')!.value}`;
  const newOfficer = async (regionId: number) => {
    const username = uniq('officer');
    const res = await api('POST', '/accounts', admin.cookie, {
      username, phone: uniquePhone(), displayName: '街道干部', password: 'street-pass-88',
      grants: [{ role: 'street_officer', scopeKind: 'region', scopeId: regionId }],
    });
    expect(res.statusCode, res.body).toBe(200);
    return { username, password: 'street-pass-88', id: res.json().id as number, grantId: res.json().grants[0].id as number };
  };

  beforeAll(async () => {
    t = await createTestApp();
    a = await createRegionTree(t.pool, { names: { district: '东区', street: '东街道' } });
    b = await createRegionTree(t.pool, { cityId: a.cityId, names: { district: '西区', street: '西街道' } });
    estateA = await createEstate(t.pool, { communityId: a.communityId, name: '东苑' });
    const buildingId = await createBuilding(t.pool, { estateId: estateA, name: '1栋' });
    await createUnit(t.pool, { estateId: estateA, buildingId, number: '101' });
    admin = await signedInAs(t, { role: 'admin', scopeId: a.districtId });
  });

  it('admin: creates a street officer in their district, who can then sign in and list units', async () => {
    const o = await newOfficer(a.streetId);
    const res = await login(o.username, o.password);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().grants[0]).toMatchObject({ role: 'street_officer', scopeName: '东街道' });
    const units = await api('GET', `/units?estateId=${estateA}`, cookieOf(res));
    expect(units.statusCode, units.body).toBe(200);
    expect(units.json().items.map((u: { number: string }) => u.number)).toEqual(['101']);
    // listed with the role, the phone masked; audited without the password
    const list = await api('GET', `/accounts?q=${o.username}`, admin.cookie);
    expect(list.json().total).toBe(1);
    expect(list.json().items[0]).toMatchObject({ id: o.id, disabled: false, grants: [{ role: 'street_officer', scopeName: '东街道' }] });
    expect(list.json().items[0].phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    const audit = await t.pool.query(`SELECT summary::text AS s, actor_account_id FROM audit_events WHERE action = 'account.create' AND target_id = $1`, [String(o.id)]);
    expect(audit.rows).toHaveLength(1);
    expect(Number(audit.rows[0].actor_account_id)).toBe(admin.accountId);
    expect(audit.rows[0].s).not.toContain('street-pass-88');
  });

  it('admin: the list filters by role and shows no account of another district', async () => {
    const other = await signedInAs(t, { role: 'street_officer', scopeId: b.streetId });
    const all = await api('GET', '/accounts?pageSize=200', admin.cookie);
    const ids = all.json().items.map((x: { id: number }) => x.id);
    expect(ids).toContain(admin.accountId);
    expect(ids).not.toContain(other.accountId);
    const admins = await api('GET', '/accounts?role=admin', admin.cookie);
    expect(admins.json().items.every((x: { grants: { role: string }[] }) => x.grants.some((g) => g.role === 'admin'))).toBe(true);
  });

  it('admin of one district: cannot grant a role in another district, nor reach its accounts', async () => {
    const before = await t.pool.query('SELECT count(*)::int AS n FROM accounts');
    const res = await api('POST', '/accounts', admin.cookie, {
      username: uniq('x'), displayName: '越权', password: 'street-pass-88',
      grants: [{ role: 'street_officer', scopeKind: 'region', scopeId: b.streetId }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.grants.0.scopeId');
    expect((await t.pool.query('SELECT count(*)::int AS n FROM accounts')).rows[0].n).toBe(before.rows[0].n);

    const o = await newOfficer(a.streetId);
    const grant = await api('POST', `/accounts/${o.id}/grants`, admin.cookie, { role: 'district_officer', scopeKind: 'region', scopeId: b.districtId });
    expect(grant.statusCode).toBe(400);
    expect(grant.json().details.issues[0].field).toBe('body.scopeId');
    // the scope kind must fit the role
    const kind = await api('POST', `/accounts/${o.id}/grants`, admin.cookie, { role: 'committee_member', scopeKind: 'region', scopeId: a.streetId });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().details.issues[0].field).toBe('body.scopeKind');

    const foreign = await signedInAs(t, { role: 'street_officer', scopeId: b.streetId });
    for (const url of [`/accounts/${foreign.accountId}/disable`, `/accounts/${foreign.accountId}/grants/${foreign.grantId}/revoke`]) {
      expect((await api('POST', url, admin.cookie)).statusCode).toBe(404);
    }
    const g2 = await api('POST', `/accounts/${foreign.accountId}/grants`, admin.cookie, { role: 'street_officer', scopeKind: 'region', scopeId: a.streetId });
    expect(g2.statusCode).toBe(404);
  });

  it('admin: can grant an estate role in the district; a second identical grant is a conflict', async () => {
    const o = await newOfficer(a.streetId);
    const res = await api('POST', `/accounts/${o.id}/grants`, admin.cookie, { role: 'committee_member', scopeKind: 'estate', scopeId: estateA });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().grants.map((g: { role: string }) => g.role)).toEqual(['street_officer', 'committee_member']);
    const again = await api('POST', `/accounts/${o.id}/grants`, admin.cookie, { role: 'committee_member', scopeKind: 'estate', scopeId: estateA });
    expect(again.statusCode).toBe(409);
  });

  it('city officer: has no account.manage, so every account route is 403', async () => {
    const city = await signedInAs(t, { role: 'city_officer', scopeId: a.cityId });
    expect((await api('GET', '/accounts', city.cookie)).statusCode).toBe(403);
    const res = await api('POST', '/accounts', city.cookie, {
      username: uniq('x'), displayName: 'x', password: 'street-pass-88', grants: [{ role: 'street_officer', scopeKind: 'region', scopeId: a.streetId }],
    });
    expect(res.statusCode).toBe(403);
    expect((await api('POST', `/accounts/${admin.accountId}/disable`, city.cookie)).statusCode).toBe(403);
  });

  it('admin: revoking the active grant takes effect on the next request', async () => {
    const o = await newOfficer(a.streetId);
    const cookie = cookieOf(await login(o.username, o.password));
    expect((await api('GET', `/units?estateId=${estateA}`, cookie)).statusCode).toBe(200);
    const res = await api('POST', `/accounts/${o.id}/grants/${o.grantId}/revoke`, admin.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().grants).toEqual([]);
    expect((await api('GET', `/units?estateId=${estateA}`, cookie)).statusCode).toBe(403);
    const audit = await t.pool.query(`SELECT 1 FROM audit_events WHERE action = 'account.revoke_grant' AND target_id = $1`, [String(o.id)]);
    expect(audit.rows).toHaveLength(1);
  });

  it('admin: a disabled account cannot sign in and its open session stops; enabling lets it back in', async () => {
    const o = await newOfficer(a.streetId);
    const cookie = cookieOf(await login(o.username, o.password));
    const res = await api('POST', `/accounts/${o.id}/disable`, admin.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().disabled).toBe(true);
    expect((await api('GET', `/units?estateId=${estateA}`, cookie)).statusCode).toBe(401);
    expect((await login(o.username, o.password)).statusCode).toBe(401);
    expect((await api('POST', `/accounts/${o.id}/enable`, admin.cookie)).json().disabled).toBe(false);
    expect((await login(o.username, o.password)).statusCode).toBe(200);
  });

  it('admin: cannot disable themselves nor revoke their own last admin grant', async () => {
    const self = await api('POST', `/accounts/${admin.accountId}/disable`, admin.cookie);
    expect(self.statusCode).toBe(409);
    const rev = await api('POST', `/accounts/${admin.accountId}/grants/${admin.grantId}/revoke`, admin.cookie);
    expect(rev.statusCode).toBe(409);
    const r = await t.pool.query('SELECT a.disabled, g.revoked_at FROM accounts a JOIN role_grants g ON g.account_id = a.id WHERE g.id = $1', [admin.grantId]);
    expect(r.rows[0]).toEqual({ disabled: false, revoked_at: null });
  });

  it('admin: a duplicate username or phone is a 409 naming the field; an owner role is refused', async () => {
    const o = await newOfficer(a.streetId);
    const body = { displayName: '重复', password: 'street-pass-88', grants: [{ role: 'street_officer', scopeKind: 'region', scopeId: a.streetId }] };
    const dup = await api('POST', '/accounts', admin.cookie, { ...body, username: o.username });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().details.issues[0].field).toBe('body.username');
    const phone = uniquePhone();
    expect((await api('POST', '/accounts', admin.cookie, { ...body, username: uniq('p'), phone })).statusCode).toBe(200);
    const dupPhone = await api('POST', '/accounts', admin.cookie, { ...body, username: uniq('p'), phone });
    expect(dupPhone.statusCode).toBe(409);
    expect(dupPhone.json().details.issues[0].field).toBe('body.phone');
    const owner = await api('POST', '/accounts', admin.cookie, { ...body, username: uniq('o'), grants: [{ role: 'owner', scopeKind: 'estate', scopeId: estateA }] });
    expect(owner.statusCode).toBe(400);
    const short = await api('POST', '/accounts', admin.cookie, { ...body, username: uniq('s'), password: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().details.issues[0].field).toBe('body.password');
  });
});
