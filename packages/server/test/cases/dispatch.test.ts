import { caseDeadline } from '@gongzhi/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, auditOf, caseRow, escalationWorld, eventsOf, insertCall, insertCase, type EscalationWorld } from './escalation-fixture.ts';

// 吹哨报到 (C3): the street office calls departments in on a case it holds; each called department
// reports once; a department sees only the cases it was called in on.

let t: TestApp;
let w: EscalationWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await escalationWorld(t);
});

const atStreet = () => insertCase(t, { estateId: w.estateId, ownerAccountId: w.owner3.accountId, level: 'street', title: '违章搭建阳光房' });
const calls = async (id: number) =>
  (await t.pool.query('SELECT department_id, called_by, instruction, report_due_at, reported_at, report_text FROM case_department_calls WHERE case_id = $1 ORDER BY id', [id])).rows;

describe('the street calls departments in (吹哨)', () => {
  it('street officer: calls the street’s and the district’s departments; the case moves to the department rung; 3 working days to report', async () => {
    const id = await atStreet();
    const before = new Date();
    const res = await api(t, w.street).post(`/cases/${id}/call-departments`, {
      departmentIds: [w.departments.urban, w.departments.fire], instruction: '请城管与消防联合到场核查并拆除',
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ level: 'department', handlerParty: 'department', state: 'open', handlerName: '明德街道城管执法中队' });
    expect(body.departmentCalls.map((d: { departmentName: string }) => d.departmentName)).toEqual(['明德街道城管执法中队', '东湖区消防救援大队']);
    const rows = await calls(id);
    expect(rows).toHaveLength(2);
    const due = new Date(rows[0].report_due_at).getTime();
    // due at 18:00 of the 3rd working day after today (Shanghai), whenever in the request it was computed
    expect([caseDeadline(before, 3, 'working_days').getTime(), caseDeadline(new Date(), 3, 'working_days').getTime()]).toContain(due);
    expect(rows.every((r) => Number(r.called_by) === w.street.accountId && r.instruction === '请城管与消防联合到场核查并拆除')).toBe(true);
    const c = await caseRow(t, id);
    expect(Number(c.handler_department_id)).toBe(w.departments.urban);
    const esc = (await t.pool.query('SELECT from_level, to_level, by_kind, actor_account_id FROM case_escalations WHERE case_id = $1', [id])).rows;
    expect(esc).toEqual([{ from_level: 'street', to_level: 'department', by_kind: 'manual', actor_account_id: w.street.accountId }]);
    expect((await eventsOf(t, id)).filter((e) => e.kind === 'department_called').map((e) => e.data.departmentName))
      .toEqual(['明德街道城管执法中队', '东湖区消防救援大队']);
    const audit = await auditOf(t, 'case.call_departments', id);
    expect(audit).toHaveLength(1);
    expect(audit[0].summary).toMatchObject({ departmentIds: [w.departments.urban, w.departments.fire], reportDays: 3 });
    const inbox = await t.pool.query(`SELECT subject FROM notifications WHERE account_id = $1`, [w.deptOfficers.urban.accountId]);
    expect(inbox.rows.map((r) => r.subject)).toContain('街道吹哨：违章搭建阳光房');
  });

  it('street officer: may give the departments 5 working days instead', async () => {
    const id = await atStreet();
    const res = await api(t, w.street).post(`/cases/${id}/call-departments`, { departmentIds: [w.departments.urban], instruction: '请核查', reportDays: 5 });
    expect(res.statusCode, res.body).toBe(200);
    const due = new Date((await calls(id))[0].report_due_at).getTime();
    expect(due).toBe(caseDeadline(new Date(), 5, 'working_days').getTime());
  });

  it('street officer: a department of another street cannot be called (400 naming departmentIds); nothing changes', async () => {
    const id = await atStreet();
    const res = await api(t, w.street).post(`/cases/${id}/call-departments`, { departmentIds: [w.departments.urban, w.departments.farAway], instruction: '请核查' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.departmentIds');
    expect(await caseRow(t, id)).toMatchObject({ level: 'street' });
    expect(await calls(id)).toEqual([]);
  });

  it('street officer: bad input is refused naming the field (no department, repeated, 31 days, no instruction)', async () => {
    const id = await atStreet();
    const bad = [
      [{ departmentIds: [], instruction: '请核查' }, 'body.departmentIds'],
      [{ departmentIds: [w.departments.urban, w.departments.urban], instruction: '请核查' }, 'body.departmentIds'],
      [{ departmentIds: [w.departments.urban], instruction: '请核查', reportDays: 31 }, 'body.reportDays'],
      [{ departmentIds: [w.departments.urban], instruction: ' ' }, 'body.instruction'],
    ] as const;
    for (const [body, field] of bad) {
      const res = await api(t, w.street).post(`/cases/${id}/call-departments`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().details.issues[0].field).toBe(field);
    }
    expect(await calls(id)).toEqual([]);
  });

  it('street officer: a case not yet at the street cannot be called in on (403 naming its holder); another street’s officer gets 404', async () => {
    const low = await insertCase(t, { estateId: w.estateId, level: 'community' });
    const res = await api(t, w.street).post(`/cases/${low}/call-departments`, { departmentIds: [w.departments.urban], instruction: '请核查' });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('社区居委会');
    const id = await atStreet();
    const foreign = await api(t, w.foreign.street).post(`/cases/${id}/call-departments`, { departmentIds: [w.departments.farAway], instruction: '请核查' });
    expect(foreign.statusCode).toBe(404);
  });

  it('community officer: holds no whistle (403)', async () => {
    const id = await atStreet();
    expect((await api(t, w.community).post(`/cases/${id}/call-departments`, { departmentIds: [w.departments.urban], instruction: '请核查' })).statusCode).toBe(403);
  });
});

describe('called departments report (报到)', () => {
  it('department officers: each called department reports once; the first answer starts the resolve deadline, the last stops the clock', async () => {
    const id = await atStreet();
    expect((await api(t, w.street).post(`/cases/${id}/call-departments`, {
      departmentIds: [w.departments.urban, w.departments.fire], instruction: '请到场核查',
    })).statusCode).toBe(200);
    const r1 = await api(t, w.deptOfficers.urban).post(`/cases/${id}/report`, { text: '已到场，责令三日内自行拆除' });
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json().state).toBe('in_progress');
    let c = await caseRow(t, id);
    expect(c.first_responded_at).not.toBeNull();
    expect(new Date(c.next_due_at).getTime()).toBe(new Date(c.resolve_due_at).getTime());
    const again = await api(t, w.deptOfficers.urban).post(`/cases/${id}/report`, { text: '补充' });
    expect(again.statusCode).toBe(409);
    const r2 = await api(t, w.deptOfficers.fire).post(`/cases/${id}/report`, { text: '消防通道已核查' });
    expect(r2.statusCode, r2.body).toBe(200);
    c = await caseRow(t, id);
    expect(c.next_due_at).toBeNull();
    const rows = await calls(id);
    expect(rows.map((r) => r.report_text)).toEqual(['已到场，责令三日内自行拆除', '消防通道已核查']);
    const ev = (await eventsOf(t, id)).filter((e) => e.kind === 'department_reported');
    expect(ev.map((e) => e.data.departmentName)).toEqual(['明德街道城管执法中队', '东湖区消防救援大队']);
    expect(ev.every((e) => e.actor_party === 'department')).toBe(true);
    expect(await auditOf(t, 'case.report', id)).toHaveLength(2);
    // the street office resolves the case once the departments have reported
    expect((await api(t, w.street).post(`/cases/${id}/resolve`, { text: '已拆除' })).statusCode).toBe(200);
  });

  it('department officer: cannot see or report on a case its department was not called in on (404)', async () => {
    const id = await atStreet();
    await api(t, w.street).post(`/cases/${id}/call-departments`, { departmentIds: [w.departments.urban], instruction: '请核查' });
    const report = await api(t, w.deptOfficers.fire).post(`/cases/${id}/report`, { text: '未被召集' });
    expect(report.statusCode).toBe(404);
    expect((await api(t, w.deptOfficers.fire).get(`/cases/${id}`)).statusCode).toBe(404);
    expect((await api(t, w.deptOfficers.urban).get(`/cases/${id}`)).statusCode).toBe(200);
    const other = await insertCase(t, { estateId: w.estateId, level: 'street' });
    expect((await api(t, w.deptOfficers.urban).get(`/cases/${other}`)).statusCode).toBe(404);
    expect((await calls(id)).every((r) => r.reported_at === null)).toBe(true);
  });

  it('property staff and the street: reporting is for the called departments (403)', async () => {
    const id = await insertCase(t, { estateId: w.estateId, level: 'department', handlerDepartmentId: w.departments.urban });
    await insertCall(t, { caseId: id, departmentId: w.departments.urban, calledBy: w.street.accountId, reportDueAt: new Date(Date.now() + 86_400_000) });
    for (const who of [w.staff, w.street]) expect((await api(t, who).post(`/cases/${id}/report`, { text: '代报' })).statusCode).toBe(403);
    expect((await api(t, w.deptOfficers.urban).post(`/cases/${id}/report`, { text: ' ' })).json().details.issues[0].field).toBe('body.text');
  });
});
