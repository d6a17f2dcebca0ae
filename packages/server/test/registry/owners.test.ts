import { beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildWorld, validCreditCode, validIdNumber, type World } from './world.ts';

let t: TestApp;
let w: World;
const get = (url: string, cookie: string) => t.request({ method: 'GET', url: `/api/v1${url}`, cookie });
const post = (url: string, cookie: string, body?: unknown) => t.request({ method: 'POST', url: `/api/v1${url}`, cookie, body });
const ownerCount = async () => Number((await t.pool.query('SELECT count(*) FROM owners')).rows[0].count);
const auditCount = async () => Number((await t.pool.query('SELECT count(*) FROM audit_events')).rows[0].count);

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});

describe('registry owners', () => {
  it('street officer: lists owners in scope with masked ID numbers and phones, never a full number', async () => {
    const { cookie } = await signedInAs(t, { role: 'street_officer', scopeId: w.regions.a.streetId });
    const res = await get('/owners', cookie);
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((o: { name: string }) => o.name).sort()).toEqual(['张三', '李四']);
    const zhang = items.find((o: { id: number }) => o.id === w.ownerA);
    expect(zhang).toEqual({
      id: w.ownerA, kind: 'person', name: '张三', maskedIdNumber: `**************${w.idA.slice(-4)}`, creditCode: null,
      maskedPhone: '138****1234', isDeveloper: false, unitCount: 2,
    });
    expect(res.body).not.toContain(w.idA);
    expect(res.body).not.toContain('13812341234');
  });

  it('street officer: searches owners by name, phone digits and last four of the ID number', async () => {
    const { cookie } = await signedInAs(t, { role: 'city_officer', scopeId: w.regions.a.cityId });
    const ids = async (q: string) => (await get(`/owners?q=${encodeURIComponent(q)}`, cookie)).json().items.map((o: { id: number }) => o.id);
    expect(await ids('张')).toEqual([w.ownerA]);
    expect(await ids('0000222')).toEqual([w.ownerB]);
    expect(await ids(w.idA.slice(-4))).toContain(w.ownerA);
    const inB = await get(`/owners?estateId=${w.estateB}`, cookie);
    expect(inB.json().items.map((o: { id: number }) => o.id)).toEqual([w.ownerB]);
    expect((await get('/owners?kind=organisation', cookie)).json().total).toBe(0);
  });

  it('community officer: an owner of another community is a 404', async () => {
    const { cookie } = await signedInAs(t, { role: 'community_officer', scopeId: w.regions.a.communityId });
    expect((await get(`/owners/${w.ownerB}`, cookie)).statusCode).toBe(404);
    const own = await get(`/owners/${w.ownerA}`, cookie);
    expect(own.statusCode).toBe(200);
    expect(own.json().ownerships.map((s: { unitId: number }) => s.unitId).sort()).toEqual([w.unitsA[0], w.unitsA[1]].sort());
  });

  it('city officer: reveals an ID number; the reveal is audited without the number', async () => {
    const { cookie, accountId } = await signedInAs(t, { role: 'city_officer', scopeId: w.regions.a.cityId });
    const res = await post(`/owners/${w.ownerA}/reveal-id`, cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ownerId: w.ownerA, idNumber: w.idA });
    const audit = await t.pool.query(
      `SELECT actor_account_id, actor_role, target_type, target_id, summary::text AS summary FROM audit_events WHERE action = 'owner.reveal_id'`,
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ actor_account_id: accountId, actor_role: 'city_officer', target_type: 'owner', target_id: String(w.ownerA) });
    expect(audit.rows[0].summary).not.toContain(w.idA);
    expect(audit.rows[0].summary).not.toContain(w.idA.slice(0, 10));
  });

  it('community officer: may not reveal an ID number (403), and nothing is audited', async () => {
    const { cookie } = await signedInAs(t, { role: 'community_officer', scopeId: w.regions.a.communityId });
    const before = await auditCount();
    const res = await post(`/owners/${w.ownerA}/reveal-id`, cookie);
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain(w.idA);
    expect(await auditCount()).toBe(before);
  });

  it('district officer: cannot reveal the ID number of an owner outside their district (404)', async () => {
    const { cookie } = await signedInAs(t, { role: 'district_officer', scopeId: w.regions.a.districtId });
    const res = await post(`/owners/${w.ownerB}/reveal-id`, cookie);
    expect(res.statusCode).toBe(404);
  });

  it('community officer: creates a person owner; the ID number is stored encrypted with its last four', async () => {
    const { cookie } = await signedInAs(t, { role: 'community_officer', scopeId: w.regions.a.communityId });
    const idNumber = validIdNumber();
    const res = await post('/owners', cookie, { kind: 'person', name: '赵六', phone: '13655556666', idNumber });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'person', name: '赵六', maskedIdNumber: `**************${idNumber.slice(-4)}`, maskedPhone: '136****6666' });
    expect(res.body).not.toContain(idNumber);
    const row = (await t.pool.query('SELECT * FROM owners WHERE id = $1', [res.json().id])).rows[0];
    expect(row.id_number_enc).not.toContain(idNumber);
    expect(row.id_number_last4).toBe(idNumber.slice(-4));
    expect(row.id_number_hmac).toMatch(/^[0-9a-f]{64}$/);
    const audit = await t.pool.query(`SELECT summary::text AS s FROM audit_events WHERE action = 'owner.create' AND target_id = $1`, [String(res.json().id)]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].s).not.toContain(idNumber);

    // the same person again (lower-case x or not) is a conflict
    const dup = await post('/owners', cookie, { kind: 'person', name: '赵六', idNumber: ` ${idNumber.toLowerCase()} ` });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('CONFLICT');
    expect(dup.json().details.existingOwnerId).toBe(res.json().id);
  });

  it.each([
    ['11010519491231002', /格式/], // 17 characters
    ['110105194913310021', /出生日期/], // month 13
    ['110105194912310021', /校验位/], // wrong check digit
  ])('community officer: a bad ID number %s is a 400 naming body.idNumber; nothing is written', async (idNumber, reason) => {
    const { cookie } = await signedInAs(t, { role: 'community_officer', scopeId: w.regions.a.communityId });
    const [owners, audits] = [await ownerCount(), await auditCount()];
    const res = await post('/owners', cookie, { kind: 'person', name: '错号', idNumber });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().details.issues[0].field).toBe('body.idNumber');
    expect(res.json().details.issues[0].message).toMatch(reason);
    expect(res.json().message).toContain('body.idNumber');
    expect([await ownerCount(), await auditCount()]).toEqual([owners, audits]);
  });

  it('community officer: a bad phone number is a 400 naming body.phone', async () => {
    const { cookie } = await signedInAs(t, { role: 'community_officer', scopeId: w.regions.a.communityId });
    const res = await post('/owners', cookie, { kind: 'person', name: '错号', phone: '12345', idNumber: validIdNumber() });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.phone');
  });

  it('community officer: creates an organisation owner; a bad credit code is a 400 naming body.creditCode', async () => {
    const { cookie } = await signedInAs(t, { role: 'community_officer', scopeId: w.regions.a.communityId });
    const good = validCreditCode();
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const owners = await ownerCount();
    const res = await post('/owners', cookie, { kind: 'organisation', name: '某某公司', creditCode: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0]).toEqual({ field: 'body.creditCode', message: '统一社会信用代码校验位不正确，请核对' });
    const format = await post('/owners', cookie, { kind: 'organisation', name: '某某公司', creditCode: 'ABC' });
    expect(format.json().details.issues[0].field).toBe('body.creditCode');
    expect(await ownerCount()).toBe(owners);

    const ok = await post('/owners', cookie, { kind: 'organisation', name: '某某公司', creditCode: good });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ kind: 'organisation', creditCode: good, maskedIdNumber: '' });
    expect((await post('/owners', cookie, { kind: 'organisation', name: '又一家', creditCode: good })).statusCode).toBe(409);
  });

  it('community officer: an unknown owner kind is a 400', async () => {
    const { cookie } = await signedInAs(t, { role: 'community_officer', scopeId: w.regions.a.communityId });
    const res = await post('/owners', cookie, { kind: 'robot', name: 'x' });
    expect(res.statusCode).toBe(400);
  });

  it('property staff: cannot create owners (403)', async () => {
    const { cookie } = await signedInAs(t, { role: 'property_staff', scopeId: w.companyA });
    const res = await post('/owners', cookie, { kind: 'person', name: '赵六', idNumber: validIdNumber() });
    expect(res.statusCode).toBe(403);
  });

  it('city officer: a new owner received through a transfer appears in the list with a unit', async () => {
    const { cookie } = await signedInAs(t, { role: 'city_officer', scopeId: w.regions.a.cityId });
    const created = await post('/owners', cookie, { kind: 'person', name: '钱七', idNumber: validIdNumber() });
    const transfer = await post(`/units/${w.unitsA[5]}/transfer`, cookie, { owners: [{ ownerId: created.json().id }], date: '2025-01-02' });
    expect(transfer.statusCode, transfer.body).toBe(200);
    const list = await get(`/owners?q=${encodeURIComponent('钱七')}`, cookie);
    expect(list.json().items).toEqual([expect.objectContaining({ id: created.json().id, unitCount: 1 })]);
  });
});
