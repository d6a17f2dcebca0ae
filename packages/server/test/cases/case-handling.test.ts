import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, callIn, caseWorld, commonCase, count, fileCase, unitCase, type CaseWorld } from './case-fixture.ts';

// Handling at a rung: only the party holding the case acts (403 naming it for others); assign,
// respond, note and resolve move the case as the domain's table says (409 in a wrong state); each
// writes its timeline event and its audit event.

let t: TestApp;
let w: CaseWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await caseWorld(t);
});

const audits = (action: string, id: number) => count(t, `audit_events WHERE action = $1 AND target_id = $2`, [action, String(id)]);

describe('who may act at which rung', () => {
  it('committee chair, community and street: refused on a company case with a message naming the company (403)', async () => {
    const id = await fileCase(t, w.owner3, unitCase(w));
    for (const who of [w.chair, w.community, w.street]) {
      const res = await api(t, who).post(`/cases/${id}/respond`, { text: '已收到' });
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toContain('物业服务企业');
    }
    expect((await api(t, w.staffB).post(`/cases/${id}/respond`, { text: '已收到' })).statusCode).toBe(404);
    expect((await api(t, w.owner3).post(`/cases/${id}/respond`, { text: '已收到' })).statusCode).toBe(403);
    const detail = (await api(t, w.chair).get(`/cases/${id}`)).json();
    expect(detail.actions.respond).toMatchObject({ allowed: false });
    expect(detail.actions.respond.reason).toContain('物业服务企业');
    expect((await api(t, w.staff).get(`/cases/${id}`)).json().actions.respond).toEqual({ allowed: true });
    expect(await count(t, `case_events WHERE case_id = $1 AND kind = 'responded'`, [id])).toBe(0);
  });

  it('property staff: refused on a committee case (company conduct); the chair and the secretary act on it', async () => {
    const id = await fileCase(t, w.owner3, commonCase(w, { category: 'company_conduct', title: '物业服务差' }));
    const refused = await api(t, w.staff).post(`/cases/${id}/notes`, { text: '说明' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain('业主委员会');
    expect((await api(t, w.secretary).post(`/cases/${id}/respond`, { text: '业委会已受理' })).statusCode).toBe(200);
    expect((await api(t, w.chair).post(`/cases/${id}/notes`, { text: '约谈物业' })).statusCode).toBe(200);
  });

  it('department rung: the called department responds and resolves; the street office notes and resolves but does not respond or assign', async () => {
    const id = await fileCase(t, w.owner3, commonCase(w, { title: '占道经营' }));
    await callIn(t, w, id, w.dept.urban);
    const sr = await api(t, w.street).post(`/cases/${id}/respond`, { text: '街道已收到' });
    expect(sr.statusCode).toBe(403);
    expect(sr.json().message).toContain('职能部门');
    expect((await api(t, w.staff).post(`/cases/${id}/notes`, { text: 'x' })).statusCode).toBe(403);
    expect((await api(t, w.fireOfficer).post(`/cases/${id}/respond`, { text: 'x' })).statusCode).toBe(404);
    const ok = await api(t, w.urbanOfficer).post(`/cases/${id}/respond`, { text: '城管已到场' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().timeline.at(-1)).toMatchObject({ kind: 'responded', actorLabel: '明德街道城管执法中队' });
    expect((await api(t, w.street).post(`/cases/${id}/notes`, { text: '街道督办' })).statusCode).toBe(200);
    const street = (await api(t, w.street).get(`/cases/${id}`)).json();
    expect(street.actions).toMatchObject({ note: { allowed: true }, resolve: { allowed: true }, assign: { allowed: false }, respond: { allowed: false } });
    // the refusal names the action by the word the domain's table and the button use (指派)
    expect(street.actions.assign.reason).toBe('该案件目前由职能部门办理，您不能指派');
    const resolved = await api(t, w.street).post(`/cases/${id}/resolve`, { text: '已拆除' });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json().state).toBe('resolved');
  });
});

describe('transitions', () => {
  it('property staff: responds (open → in progress, the resolve deadline runs); a second response is refused (409)', async () => {
    const id = await fileCase(t, w.owner3, unitCase(w));
    const res = await api(t, w.staff).post(`/cases/${id}/respond`, { text: '已安排维修工明日上门' });
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({ state: 'in_progress', stateLabel: '处理中' });
    expect(c.firstRespondedAt).not.toBeNull();
    expect(c.nextDueAt).toBe(c.resolveDueAt);
    expect(c.timeline.at(-1)).toMatchObject({ kind: 'responded', actorLabel: '物业服务企业', text: '已安排维修工明日上门' });
    expect(await audits('case.respond', id)).toBe(1);
    const again = await api(t, w.staff).post(`/cases/${id}/respond`, { text: '再次' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INVALID_TRANSITION');
    expect(await audits('case.respond', id)).toBe(1);
  });

  it('property manager: assigns to a staff member of the company (takes it up); someone outside the rung is refused naming body.assigneeAccountId', async () => {
    const id = await fileCase(t, w.owner3, unitCase(w));
    const people = await api(t, w.manager).get(`/cases/assignees?caseId=${id}`);
    expect(people.statusCode).toBe(200);
    const accountIds = people.json().items.map((p: { accountId: number }) => p.accountId);
    expect(accountIds).toEqual(expect.arrayContaining([w.staff.accountId, w.manager.accountId]));
    expect(accountIds).not.toContain(w.chair.accountId);
    expect(accountIds).not.toContain(w.staffB.accountId);
    const bad = await api(t, w.manager).post(`/cases/${id}/assign`, { assigneeAccountId: w.chair.accountId });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.assigneeAccountId');
    expect(await audits('case.assign', id)).toBe(0);
    const ok = await api(t, w.manager).post(`/cases/${id}/assign`, { assigneeAccountId: w.staff.accountId });
    expect(ok.statusCode).toBe(200);
    const name = (await t.pool.query('SELECT display_name FROM accounts WHERE id = $1', [w.staff.accountId])).rows[0].display_name;
    expect(ok.json()).toMatchObject({ state: 'in_progress', assigneeName: name });
    expect(ok.json().nextDueAt).toBe(ok.json().resolveDueAt);
    expect(ok.json().timeline.at(-1)).toMatchObject({ kind: 'assigned', text: '已指派物业工作人员办理' });
    expect(await audits('case.assign', id)).toBe(1);
    // the owner's page shows the assignment but no staff name on the timeline
    expect(JSON.stringify((await api(t, w.owner3).get(`/my/cases/${id}`)).json().timeline)).not.toContain(name);
    // taken up: responding is no longer the first answer
    expect((await api(t, w.staff).post(`/cases/${id}/respond`, { text: 'x' })).statusCode).toBe(409);
  });

  it("assignees follow the rung: the committee's members at the committee, the called department's officers at the department", async () => {
    const conduct = await fileCase(t, w.owner3, commonCase(w, { category: 'company_conduct', title: '物业乱收费' }));
    const atCommittee = (await api(t, w.chair).get(`/cases/assignees?caseId=${conduct}`)).json().items;
    expect(atCommittee.map((p: { accountId: number }) => p.accountId).sort()).toEqual([w.chair.accountId, w.secretary.accountId].sort());
    expect(atCommittee.find((p: { accountId: number }) => p.accountId === w.secretary.accountId).roleLabel).toBe('业委会专职秘书');
    const ok = await api(t, w.chair).post(`/cases/${conduct}/assign`, { assigneeAccountId: w.secretary.accountId });
    expect(ok.statusCode).toBe(200);
    expect((await api(t, w.secretary).get('/cases?assignee=me')).json().items.map((x: { id: number }) => x.id)).toEqual([conduct]);
    const called = await fileCase(t, w.owner3, commonCase(w, { title: '流动摊贩' }));
    await callIn(t, w, called, w.dept.urban);
    const atDept = (await api(t, w.street).get(`/cases/assignees?caseId=${called}`)).json().items;
    expect(atDept.map((p: { accountId: number }) => p.accountId)).toEqual([w.urbanOfficer.accountId]);
    expect((await api(t, w.fireOfficer).get(`/cases/assignees?caseId=${called}`)).statusCode).toBe(404);
  });

  it('property staff: resolves with a text; resolved in time, auto-close in 7 days, no deadline runs; resolving again is refused', async () => {
    const id = await fileCase(t, w.owner3, unitCase(w));
    const res = await api(t, w.staff).post(`/cases/${id}/resolve`, { text: '已更换防水层' });
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({ state: 'resolved', stateLabel: '待业主确认', nextDueAt: null });
    const days = (new Date(c.autoCloseAt).getTime() - new Date(c.resolvedAt).getTime()) / 86_400_000;
    expect(days).toBeCloseTo(7, 5);
    const row = await t.pool.query('SELECT resolved_in_time FROM cases WHERE id = $1', [id]);
    expect(row.rows[0].resolved_in_time).toBe(true);
    expect(await audits('case.resolve', id)).toBe(1);
    const owner = (await api(t, w.owner3).get(`/my/cases/${id}`)).json();
    expect(owner.actions).toMatchObject({ confirm: { allowed: true }, reopen: { allowed: true } });
    const again = await api(t, w.staff).post(`/cases/${id}/resolve`, { text: '再次' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('待业主确认');
    // notes still go on the timeline while the owner has not confirmed
    expect((await api(t, w.staff).post(`/cases/${id}/notes`, { text: '回访' })).statusCode).toBe(200);
  });

  it('property staff: resolving past the deadline is recorded as late; the estate\'s auto-close days apply', async () => {
    await t.pool.query('INSERT INTO case_settings (estate_id, auto_close_days) VALUES ($1, 3) ON CONFLICT (estate_id) DO UPDATE SET auto_close_days = 3', [w.a.estateId]);
    const id = await fileCase(t, w.owner3, unitCase(w));
    await t.pool.query(`UPDATE cases SET resolve_due_at = now() - interval '1 hour' WHERE id = $1`, [id]);
    const c = (await api(t, w.staff).post(`/cases/${id}/resolve`, { text: '迟到的维修' })).json();
    expect((new Date(c.autoCloseAt).getTime() - new Date(c.resolvedAt).getTime()) / 86_400_000).toBeCloseTo(3, 5);
    expect((await t.pool.query('SELECT resolved_in_time FROM cases WHERE id = $1', [id])).rows[0].resolved_in_time).toBe(false);
    expect(c.timeline.at(-1).data.inTime).toBe(false);
    await t.pool.query('DELETE FROM case_settings WHERE estate_id = $1', [w.a.estateId]);
  });

  it('property staff: a closed or merged case takes no note, assignment or resolution (409), and nothing is written', async () => {
    const closed = await fileCase(t, w.owner3, unitCase(w));
    await t.pool.query(`UPDATE cases SET state = 'closed', closed_at = now(), close_kind = 'auto', next_due_at = NULL WHERE id = $1`, [closed]);
    const survivor = await fileCase(t, w.owner3, unitCase(w));
    const merged = await fileCase(t, w.owner3, unitCase(w));
    await t.pool.query(`UPDATE cases SET state = 'merged', merged_into_id = $2, next_due_at = NULL WHERE id = $1`, [merged, survivor]);
    const events = await count(t, 'case_events');
    const audit = await count(t, 'audit_events');
    for (const id of [closed, merged]) {
      for (const [path, body] of [['notes', { text: 'x' }], ['resolve', { text: 'x' }], ['respond', { text: 'x' }], ['assign', { assigneeAccountId: w.staff.accountId }]] as const) {
        const res = await api(t, w.staff).post(`/cases/${id}/${path}`, body);
        expect(res.statusCode, `${path} on ${id}`).toBe(409);
        expect(res.json().code).toBe('INVALID_TRANSITION');
      }
    }
    expect((await api(t, w.staff).post(`/cases/${merged}/notes`, { text: 'x' })).json().message).toContain('合并');
    expect(await count(t, 'case_events')).toBe(events);
    expect(await count(t, 'audit_events')).toBe(audit);
  });

  it('bad bodies name the field (empty text, unknown field)', async () => {
    const id = await fileCase(t, w.owner3, unitCase(w));
    const r1 = await api(t, w.staff).post(`/cases/${id}/respond`, { text: '  ' });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().details.issues[0].field).toBe('body.text');
    const r2 = await api(t, w.staff).post(`/cases/${id}/notes`, { text: 'ok', extra: 1 });
    expect(r2.statusCode).toBe(400);
    const r3 = await api(t, w.staff).post(`/cases/${id}/resolve`, { text: 'ok', attachmentIds: ['a'] });
    expect(r3.statusCode).toBe(400);
    expect(r3.json().details.issues[0].field).toMatch(/^body\.attachmentIds/);
  });
});
