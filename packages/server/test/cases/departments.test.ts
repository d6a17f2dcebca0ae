import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '../support/api.ts';
import { createTestAccount, loginAs, signedInAs } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { configWorld, type ConfigWorld } from './config-fixture.ts';

// Departments (职能部门) and the 'department' scope end to end: who sees which department, who
// creates and renames them (audited; bad input changes nothing), and a department officer's
// account: signing in, the role switcher naming the department, an admin granting one.

let t: TestApp;
let w: ConfigWorld;

const names = (res: { json(): { items: { name: string }[] } }) => res.json().items.map((d) => d.name);
const count = async () => Number((await t.pool.query('SELECT count(*) AS n FROM departments')).rows[0].n);
const audits = async (action: string) =>
  (await t.pool.query('SELECT actor_account_id, target_id, summary FROM audit_events WHERE action = $1 ORDER BY seq', [action])).rows;
const fields = (res: { json(): { details: { issues: { field: string }[] } } }) => res.json().details.issues.map((i) => i.field);

beforeAll(async () => {
  t = await createTestApp();
  w = await configWorld(t);
});

describe('who sees which department', () => {
  it('street officer: its street\'s, its district\'s and its city\'s departments, nearest first; never another street\'s', async () => {
    const res = await apiAs(t, w.street).get('/departments');
    expect(res.statusCode, res.body).toBe(200);
    expect(names(res)).toEqual(['明德街道城管执法中队', '东湖区消防救援大队', '东湖区城市管理局', '邵阳市市场监管局']);
    // only its own street's may be renamed by it
    expect(res.json().items.map((d: { editable: boolean }) => d.editable)).toEqual([true, false, false, false]);
    expect(res.json().items[0]).toMatchObject({ kind: 'urban_management', kindLabel: '城市管理', regionId: w.streetId, regionName: '明德街道', regionLevel: 'street' });
  });

  it('district officer: every department inside the district and the city\'s', async () => {
    const res = await apiAs(t, w.district).get('/departments');
    expect(names(res).sort()).toEqual(['东湖区城市管理局', '东湖区消防救援大队', '明德街道城管执法中队', '邵阳市市场监管局'].sort());
    expect(names(res)).not.toContain('远山派出所');
  });

  it('property manager: those callable from its estates\' streets; estateId narrows to one estate, another estate 404', async () => {
    const res = await apiAs(t, w.manager).get(`/departments?estateId=${w.estates.cuizhu}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(names(res)).toEqual(['明德街道城管执法中队', '东湖区消防救援大队', '东湖区城市管理局', '邵阳市市场监管局']);
    expect(res.json().items.every((d: { editable: boolean }) => !d.editable)).toBe(true);
    expect((await apiAs(t, w.manager).get(`/departments?estateId=${w.estates.far}`)).statusCode).toBe(404);
  });

  it('city officer: regionId lists those callable from that region (长乐: no street department of its own)', async () => {
    const res = await apiAs(t, w.city).get(`/departments?regionId=${w.street2Id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(names(res)).toEqual(['东湖区消防救援大队', '东湖区城市管理局', '邵阳市市场监管局']);
  });

  it('street officer: a region beside its own is out of reach (404); its city is in reach', async () => {
    expect((await apiAs(t, w.street).get(`/departments?regionId=${w.farStreetId}`)).statusCode).toBe(404);
    const up = await apiAs(t, w.street).get(`/departments?regionId=${w.cityId}`);
    expect(up.statusCode, up.body).toBe(200);
    expect(names(up)).toEqual(['邵阳市市场监管局']);
  });

  it('department officer: only its own department', async () => {
    const res = await apiAs(t, w.urbanOfficer).get('/departments');
    expect(res.statusCode, res.body).toBe(200);
    expect(names(res)).toEqual(['明德街道城管执法中队']);
    expect(names(await apiAs(t, w.farPoliceOfficer).get('/departments'))).toEqual(['远山派出所']);
  });

  it('owner: no case.read, refused (403)', async () => {
    expect((await apiAs(t, w.owner).get('/departments')).statusCode).toBe(403);
  });

  it('bad query: a non-numeric regionId names the field', async () => {
    const res = await apiAs(t, w.street).get('/departments?regionId=abc');
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['querystring.regionId']);
  });
});

describe('creating and renaming departments', () => {
  it('district officer: creates a department at a street of its district; audited; the street sees it', async () => {
    const res = await apiAs(t, w.district).post('/departments', { regionId: w.street2Id, kind: 'police', name: '长乐派出所' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '长乐派出所', kind: 'police', kindLabel: '公安派出所', regionId: w.street2Id, editable: true });
    const a = await audits('department.create');
    expect(a).toHaveLength(1);
    expect(Number(a[0].actor_account_id)).toBe(w.district.accountId);
    expect(String(a[0].target_id)).toBe(String(res.json().id));
    expect(a[0].summary).toEqual({ regionId: w.street2Id, kind: 'police', name: '长乐派出所' });
    expect(names(await apiAs(t, w.city).get(`/departments?regionId=${w.street2Id}`))).toContain('长乐派出所');
  });

  it('district officer: refused without change — a community (400 body.regionId), a name taken in the region (400 body.name), bad kind and empty name (400 naming both), another district (404)', async () => {
    const before = await count();
    const auditsBefore = (await audits('department.create')).length;
    const community = await apiAs(t, w.district).post('/departments', { regionId: w.communityId, kind: 'fire', name: '社区消防站' });
    expect(community.statusCode).toBe(400);
    expect(fields(community)).toEqual(['body.regionId']);
    expect(community.json().message).toContain('市、区（县）或街道');
    const taken = await apiAs(t, w.district).post('/departments', { regionId: w.districtId, kind: 'fire', name: '东湖区消防救援大队' });
    expect(taken.statusCode).toBe(400);
    expect(fields(taken)).toEqual(['body.name']);
    expect(taken.json().message).toContain('同名');
    const bad = await apiAs(t, w.district).post('/departments', { regionId: w.districtId, kind: 'army', name: ' ' });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad).sort()).toEqual(['body.kind', 'body.name']);
    const far = await apiAs(t, w.district).post('/departments', { regionId: w.farStreetId, kind: 'fire', name: '远山消防站' });
    expect(far.statusCode).toBe(404);
    expect(await count()).toBe(before);
    expect(await audits('department.create')).toHaveLength(auditsBefore);
  });

  it('community officer and department officer: no department.manage (403)', async () => {
    const body = { regionId: w.streetId, kind: 'other', name: '明德街道综合执法队' };
    expect((await apiAs(t, w.community).post('/departments', body)).statusCode).toBe(403);
    expect((await apiAs(t, w.urbanOfficer).post('/departments', body)).statusCode).toBe(403);
    expect((await apiAs(t, w.urbanOfficer).patch(`/departments/${w.departments.streetUrban}`, { name: '改名' })).statusCode).toBe(403);
  });

  it('street officer: renames its street\'s department (audited before/after); the district\'s is 403, another street\'s 404, unchanged', async () => {
    const res = await apiAs(t, w.street).patch(`/departments/${w.departments.streetUrban}`, { name: '明德街道综合行政执法队' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: w.departments.streetUrban, name: '明德街道综合行政执法队' });
    const a = await audits('department.update');
    expect(a.at(-1)!.summary).toEqual({ before: { name: '明德街道城管执法中队' }, after: { name: '明德街道综合行政执法队' } });
    const up = await apiAs(t, w.street).patch(`/departments/${w.departments.districtFire}`, { name: '消防' });
    expect(up.statusCode).toBe(403);
    expect(up.json().message).toContain('不属于您的辖区');
    expect((await apiAs(t, w.street).patch(`/departments/${w.departments.farPolice}`, { name: '派出所' })).statusCode).toBe(404);
    const rows = await t.pool.query('SELECT id, name FROM departments WHERE id = ANY($1::bigint[]) ORDER BY id', [[w.departments.districtFire, w.departments.farPolice]]);
    expect(rows.rows.map((r) => r.name)).toEqual(['东湖区消防救援大队', '远山派出所']);
    // put the name back for the other tests of this file
    expect((await apiAs(t, w.street).patch(`/departments/${w.departments.streetUrban}`, { name: '明德街道城管执法中队' })).statusCode).toBe(200);
  });

  it('street officer: renaming to a name its region already has is 400 body.name, unchanged', async () => {
    await apiAs(t, w.street).post('/departments', { regionId: w.streetId, kind: 'housing', name: '明德街道住建办' });
    const res = await apiAs(t, w.street).patch(`/departments/${w.departments.streetUrban}`, { name: '明德街道住建办' });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['body.name']);
    const r = await t.pool.query('SELECT name FROM departments WHERE id = $1', [w.departments.streetUrban]);
    expect(r.rows[0].name).toBe('明德街道城管执法中队');
  });
});

describe('the department scope on an account', () => {
  it('department officer: signs in with a password; /auth/me names its department and gives case.read and case.handle', async () => {
    const acc = await createTestAccount(t.pool, { grants: [{ role: 'department_officer', scopeId: w.departments.districtFire }] });
    const cookie = await loginAs(t, acc);
    const me = await t.request({ method: 'GET', url: '/api/v1/auth/me', cookie });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().grants).toEqual([
      { id: acc.grantIds[0], role: 'department_officer', scopeKind: 'department', scopeId: w.departments.districtFire, scopeName: '东湖区消防救援大队' },
    ]);
    expect(me.json().activeGrantId).toBe(acc.grantIds[0]);
    expect([...me.json().permissions].sort()).toEqual(['attachment.upload', 'case.handle', 'case.read']);
    // it reaches its own department and no estate
    expect(names(await t.request({ method: 'GET', url: '/api/v1/departments', cookie }))).toEqual(['东湖区消防救援大队']);
    expect((await t.request({ method: 'GET', url: `/api/v1/estates/${w.estates.cuizhu}`, cookie })).statusCode).toBe(403);
  });

  it('admin: grants department_officer on a department inside its city; the account list names the department; one outside is 400 body.grants.0.scopeId', async () => {
    const res = await apiAs(t, w.admin).post('/accounts', {
      username: 'dept-fire-1', displayName: '消防干部', password: 'fire-brigade-88',
      grants: [{ role: 'department_officer', scopeKind: 'department', scopeId: w.departments.districtFire }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const list = await apiAs(t, w.admin).get('/accounts?q=dept-fire-1');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items[0].grants).toEqual([
      expect.objectContaining({ role: 'department_officer', scopeKind: 'department', scopeId: w.departments.districtFire, scopeName: '东湖区消防救援大队' }),
    ]);
    // a district officer does not manage accounts; an admin of another city cannot reach this department
    const other = await t.pool.query(`INSERT INTO regions (level, name, code, path) VALUES ('city', '他市', 'TS-C4', '') RETURNING id`);
    const otherId = Number(other.rows[0].id);
    await t.pool.query(`UPDATE regions SET path = '/' || id || '/' WHERE id = $1`, [otherId]);
    const otherAdmin = await signedInAs(t, { role: 'admin', scopeId: otherId });
    const accountsBefore = Number((await t.pool.query('SELECT count(*) AS n FROM accounts')).rows[0].n);
    const refused = await apiAs(t, otherAdmin).post('/accounts', {
      username: 'dept-fire-2', displayName: '外市干部', password: 'fire-brigade-88',
      grants: [{ role: 'department_officer', scopeKind: 'department', scopeId: w.departments.districtFire }],
    });
    expect(refused.statusCode).toBe(400);
    expect(fields(refused)).toEqual(['body.grants.0.scopeId']);
    expect(Number((await t.pool.query('SELECT count(*) AS n FROM accounts')).rows[0].n)).toBe(accountsBefore);
    // and its account list does not show the department officer of this city
    expect((await apiAs(t, otherAdmin).get('/accounts?q=dept-fire-1')).json().items).toEqual([]);
  });

  it('admin: a department_officer grant with a region scope is refused naming scopeKind', async () => {
    const res = await apiAs(t, w.admin).post('/accounts', {
      username: 'dept-wrong', displayName: '错误范围', password: 'fire-brigade-88',
      grants: [{ role: 'department_officer', scopeKind: 'region', scopeId: w.streetId }],
    });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['body.grants.0.scopeKind']);
    expect(res.json().message).toContain('职能部门');
  });
});
