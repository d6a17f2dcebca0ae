import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, caseWorld, commonCase, count, fileCase, unitCase, type CaseWorld } from './case-fixture.ts';

// Filing (立案): by an owner for themselves, and by staff, the committee or the community on an
// owner's behalf; routing to the first rung; bad input names the field and writes nothing.

let t: TestApp;
let w: CaseWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await caseWorld(t);
});

const nothingWritten = async (before: { cases: number; audit: number; events: number }) => {
  expect(await count(t, 'cases')).toBe(before.cases);
  expect(await count(t, 'audit_events')).toBe(before.audit);
  expect(await count(t, 'case_events')).toBe(before.events);
};
const snapshot = async () => ({ cases: await count(t, 'cases'), audit: await count(t, 'audit_events'), events: await count(t, 'case_events') });

describe('filing', () => {
  it('owner: files a case about their own unit; the estate comes from the unit, the company holds it with both deadlines', async () => {
    const res = await api(t, w.owner3).post('/my/cases', unitCase(w));
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.no).toMatch(/^AJ\d{8}-\d{6}$/);
    expect(c).toMatchObject({
      estateId: w.a.estateId, estateName: '报事苑', state: 'open', stateLabel: '待响应', level: 'company', handlerParty: 'company',
      handlerName: '物业服务企业', locationLabel: '3栋 301', categoryLabel: '共用部位报修', priority: 'normal', ownerIsMe: true,
      filedByLabel: '3栋业主', followers: 1, companyId: w.a.companyId, overdue: false,
    });
    expect(new Date(c.respondDueAt).getTime()).toBeGreaterThan(Date.now());
    expect(new Date(c.resolveDueAt).getTime()).toBeGreaterThanOrEqual(new Date(c.respondDueAt).getTime());
    expect(c.nextDueAt).toBe(c.respondDueAt);
    expect(c.timeline.map((e: { kind: string }) => e.kind)).toEqual(['filed', 'routed']);
    expect(c.timeline[1].text).toContain('物业服务企业');
    expect(c.actions.escalate).toMatchObject({ allowed: true, toLevel: 'committee' });
    expect(c.actions.confirm.allowed).toBe(false);
  });

  it('owner: the filing and its audit event are written together (case.file names the case)', async () => {
    const id = await fileCase(t, w.owner3, commonCase(w));
    const a = await t.pool.query(`SELECT actor_account_id, estate_id, summary FROM audit_events WHERE action = 'case.file' AND target_id = $1`, [String(id)]);
    expect(a.rows).toHaveLength(1);
    expect(a.rows[0]).toMatchObject({ actor_account_id: w.owner3.accountId, estate_id: w.a.estateId });
    expect(a.rows[0].summary).toMatchObject({ category: 'fire_safety', level: 'company', onBehalf: false });
  });

  it('owner: a unit that is not theirs is refused naming body.unitId, and nothing is written', async () => {
    const before = await snapshot();
    const res = await api(t, w.owner3).post('/my/cases', unitCase(w, { unitId: w.a.u12 }));
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.unitId');
    await nothingWritten(before);
  });

  it('owner: bad input names the field and writes nothing (missing title, common area without place, unknown field, bad category)', async () => {
    const before = await snapshot();
    const cases: [Record<string, unknown>, string][] = [
      [unitCase(w, { title: undefined }), 'body.title'],
      [unitCase(w, { title: '   ' }), 'body.title'],
      [commonCase(w, { locationText: undefined }), 'body.locationText'],
      [unitCase(w, { unitId: undefined }), 'body.unitId'],
      [{ ...commonCase(w), locationKind: 'building' }, 'body.buildingId'],
      [unitCase(w, { category: 'gossip' }), 'body.category'],
      [unitCase(w, { priority: 'asap' }), 'body.priority'],
      [unitCase(w, { description: 'x'.repeat(4001) }), 'body.description'],
      [unitCase(w, { ownerAccountId: w.owner12.accountId }), 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await api(t, w.owner3).post('/my/cases', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const issues = res.json().details.issues as { field: string; message: string }[];
      expect(issues.some((i) => i.field.startsWith(field)), `${field} in ${res.body}`).toBe(true);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    await nothingWritten(before);
  });

  it("owner: cannot file in another estate (body.estateId), nor about another estate's building", async () => {
    const before = await snapshot();
    const r1 = await api(t, w.owner3).post('/my/cases', commonCase(w, { estateId: w.b.estateId }));
    expect(r1.statusCode).toBe(400);
    expect(r1.json().details.issues[0].field).toBe('body.estateId');
    const r2 = await api(t, w.ownerB).post('/my/cases', { ...commonCase(w), estateId: undefined, locationKind: 'building', buildingId: w.a.b3 });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().details.issues[0].field).toBe('body.buildingId');
    await nothingWritten(before);
  });

  it('property staff: files on an owner\'s behalf by phone; the owner finds it in their cases', async () => {
    const res = await api(t, w.staff).post('/cases', { ...unitCase(w), estateId: w.a.estateId, ownerPhone: w.owner3.phone, priority: 'urgent' });
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({ filedByLabel: '物业代报', priority: 'urgent', priorityLabel: '紧急', ownerIsMe: false });
    const mine = await api(t, w.owner3).get('/my/cases?scope=mine');
    expect(mine.json().items.find((x: { id: number }) => x.id === c.id)).toMatchObject({ mine: true });
    const detail = await api(t, w.owner3).get(`/my/cases/${c.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ ownerIsMe: true, filedByLabel: '物业代报' });
    const audit = await t.pool.query(`SELECT summary FROM audit_events WHERE action = 'case.file' AND target_id = $1`, [String(c.id)]);
    expect(audit.rows[0].summary).toMatchObject({ onBehalf: true, ownerAccountId: w.owner3.accountId });
  });

  it('committee chair: files for an owner by account; an owner of another estate is refused naming body.ownerAccountId', async () => {
    const ok = await api(t, w.chair).post('/cases', { ...commonCase(w), ownerAccountId: w.owner12.accountId });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().filedByLabel).toBe('业委会代报');
    const before = await snapshot();
    const bad = await api(t, w.chair).post('/cases', { ...commonCase(w), ownerAccountId: w.ownerB.accountId });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.ownerAccountId');
    const phone = await api(t, w.chair).post('/cases', { ...commonCase(w), ownerPhone: '13900000000' });
    expect(phone.statusCode).toBe(400);
    expect(phone.json().details.issues[0].field).toBe('body.ownerPhone');
    await nothingWritten(before);
  });

  it('community officer: files as their own (no owner); another street\'s estate is refused', async () => {
    const ok = await api(t, w.community).post('/cases', commonCase(w));
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ filedByLabel: '社区报事', ownerIsMe: false, followers: 0 });
    const bad = await api(t, w.staff).post('/cases', commonCase(w, { estateId: w.b.estateId }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.estateId');
  });

  it('street officer: holds no case.file permission (403)', async () => {
    const res = await api(t, w.street).post('/cases', commonCase(w));
    expect(res.statusCode).toBe(403);
  });

  it('owner: a complaint about the company goes to the committee; illegal construction straight to urban management, with its call row', async () => {
    const conduct = await api(t, w.owner3).post('/my/cases', commonCase(w, { category: 'company_conduct', title: '保安脱岗' }));
    expect(conduct.json()).toMatchObject({ level: 'committee', handlerParty: 'committee', handlerName: '业主委员会' });
    const res = await api(t, w.owner3).post('/my/cases', commonCase(w, { category: 'illegal_construction', title: '楼顶违建' }));
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({ level: 'department', handlerParty: 'department', handlerName: '明德街道城管执法中队' });
    expect(c.departmentCalls).toHaveLength(1);
    expect(c.departmentCalls[0]).toMatchObject({ departmentId: w.dept.urban, instruction: '按分派规则直接转办', reportedAt: null });
    const row = await t.pool.query('SELECT called_by FROM case_department_calls WHERE case_id = $1', [c.id]);
    expect(Number(row.rows[0].called_by)).toBe(w.owner3.accountId);
    // the department sees it; the fire department does not
    expect((await api(t, w.urbanOfficer).get(`/cases/${c.id}`)).statusCode).toBe(200);
    expect((await api(t, w.fireOfficer).get(`/cases/${c.id}`)).statusCode).toBe(404);
  });

  it('owner: case numbers keep every digit past 999,999', async () => {
    await t.pool.query(`SELECT setval('case_no_seq', 1234566)`);
    const c = (await api(t, w.owner3).post('/my/cases', commonCase(w, { title: '编号' }))).json();
    expect(c.no).toMatch(/^AJ\d{8}-1234567$/);
  });

  it('owner: an estate rule routing a category to the secretary is followed', async () => {
    await t.pool.query(`INSERT INTO case_routing_rules (estate_id, category, party) VALUES ($1, 'parking', 'secretary')`, [w.a.estateId]);
    const res = await api(t, w.owner3).post('/my/cases', commonCase(w, { category: 'parking', title: '占用车位' }));
    expect(res.json()).toMatchObject({ level: 'committee', handlerParty: 'secretary', handlerName: '业委会专职秘书' });
  });
});
