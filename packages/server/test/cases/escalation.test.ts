import { caseDueDates, DEFAULT_CASE_DEADLINES } from '@gongzhi/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, auditOf, caseRow, escalationWorld, eventsOf, insertCase, type EscalationWorld } from './escalation-fixture.ts';

// An owner escalates by hand (C3): one rung at a time, once per rung, with a reason, up to the
// street; only the owner of the case or a follower; nothing changes when refused.

let t: TestApp;
let w: EscalationWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await escalationWorld(t);
});

const mine = (o: Partial<Parameters<typeof insertCase>[1]> = {}) =>
  insertCase(t, { estateId: w.estateId, ownerAccountId: w.owner3.accountId, unitId: w.units.u3, ...o });
const escalations = async (id: number) =>
  (await t.pool.query('SELECT from_level, to_level, by_kind, reason, actor_account_id FROM case_escalations WHERE case_id = $1 ORDER BY id', [id])).rows;

describe('owner escalates by hand', () => {
  it('owner: escalates their case from the company to the committee with a reason; open again there, new deadlines, timeline, audit', async () => {
    const id = await mine({ state: 'in_progress' });
    await t.pool.query('UPDATE cases SET assignee_account_id = $2 WHERE id = $1', [id, w.staff.accountId]);
    const before = Date.now();
    const res = await api(t, w.owner3).post(`/my/cases/${id}/escalate`, { toLevel: 'committee', reason: '物业三天没有回音' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ id, level: 'committee', handlerParty: 'committee', state: 'open', assigneeName: null });
    expect(body.escalations).toEqual([expect.objectContaining({ fromLevel: 'company', toLevel: 'committee', byKind: 'manual', reason: '物业三天没有回音' })]);
    const c = await caseRow(t, id);
    expect(c.assignee_account_id).toBeNull();
    // the same category/priority rule, counted from the escalation
    const at = new Date(c.updated_at);
    expect(at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const due = caseDueDates(at, DEFAULT_CASE_DEADLINES.common_repair.normal);
    expect(new Date(c.respond_due_at).toISOString()).toBe(due.respondDueAt.toISOString());
    expect(new Date(c.next_due_at).toISOString()).toBe(due.respondDueAt.toISOString());
    expect(await escalations(id)).toEqual([{ from_level: 'company', to_level: 'committee', by_kind: 'manual', reason: '物业三天没有回音', actor_account_id: w.owner3.accountId }]);
    const ev = (await eventsOf(t, id)).filter((e) => e.kind === 'escalated');
    expect(ev).toEqual([expect.objectContaining({ text: '物业三天没有回音', actor_party: 'owner' })]);
    const audit = await auditOf(t, 'case.escalate', id);
    expect(audit).toHaveLength(1);
    expect(Number(audit[0].actor_account_id)).toBe(w.owner3.accountId);
    expect(body.timeline.map((e: { kind: string }) => e.kind)).toContain('escalated');
  });

  it('owner: climbs once per rung — committee → community → street — and no further by hand', async () => {
    const id = await mine({ level: 'committee' });
    const r1 = await api(t, w.owner3).post(`/my/cases/${id}/escalate`, { toLevel: 'community', reason: '业委会未处理' });
    expect(r1.statusCode, r1.body).toBe(200);
    const r2 = await api(t, w.owner3).post(`/my/cases/${id}/escalate`, { toLevel: 'street', reason: '社区也未处理' });
    expect(r2.statusCode, r2.body).toBe(200);
    expect(r2.json()).toMatchObject({ level: 'street', handlerParty: 'street' });
    const r3 = await api(t, w.owner3).post(`/my/cases/${id}/escalate`, { toLevel: 'department', reason: '请部门处理' });
    expect(r3.statusCode).toBe(409);
    expect(r3.json().code).toBe('INVALID_TRANSITION');
    expect(r3.json().message).toContain('街道');
    expect((await escalations(id)).map((e) => e.from_level)).toEqual(['committee', 'community']);
  });

  it('owner: cannot skip a rung (CASE_LEVEL_SKIP names the next one); nothing changes', async () => {
    const id = await mine();
    const res = await api(t, w.owner3).post(`/my/cases/${id}/escalate`, { toLevel: 'community', reason: '直接找社区' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'CASE_LEVEL_SKIP' });
    expect(res.json().message).toContain('业主委员会');
    expect(await caseRow(t, id)).toMatchObject({ level: 'company', state: 'open' });
    expect(await escalations(id)).toEqual([]);
    expect(await auditOf(t, 'case.escalate', id)).toEqual([]);
  });

  it('owner: a rung already left once cannot be left again (CASE_ALREADY_ESCALATED); the unique row is the last word', async () => {
    const id = await mine();
    // as if an earlier escalation from the company had happened and the case came back to it
    await t.pool.query(`INSERT INTO case_escalations (case_id, from_level, to_level, by_kind, reason) VALUES ($1, 'company', 'committee', 'auto', '旧记录')`, [id]);
    const res = await api(t, w.owner3).post(`/my/cases/${id}/escalate`, { toLevel: 'committee', reason: '再次升级' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CASE_ALREADY_ESCALATED');
    expect((await caseRow(t, id)).level).toBe('company');
  });

  it('owner: two escalations of one case at the same moment — one moves it, the other is refused', async () => {
    const id = await mine();
    const body = { toLevel: 'committee', reason: '同时提交' };
    const [a, b] = await Promise.all([api(t, w.owner3).post(`/my/cases/${id}/escalate`, body), api(t, w.owner3).post(`/my/cases/${id}/escalate`, body)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().code).toBe('CASE_ALREADY_ESCALATED');
    expect(await escalations(id)).toHaveLength(1);
  });

  it('owner: an unsatisfied owner escalates a resolved case: open at the next rung, the resolution dropped', async () => {
    const id = await mine({ state: 'resolved' });
    const res = await api(t, w.owner3).post(`/my/cases/${id}/escalate`, { toLevel: 'committee', reason: '办结不属实' });
    expect(res.statusCode, res.body).toBe(200);
    const c = await caseRow(t, id);
    expect(c).toMatchObject({ state: 'open', level: 'committee', resolved_at: null, auto_close_at: null });
    expect(c.next_due_at).not.toBeNull();
  });

  it('owner: a resolved case past its auto-close time (sweeper not run yet) cannot be escalated (409); the button says why', async () => {
    const id = await mine({ state: 'resolved', autoCloseAt: new Date(Date.now() - 60_000) });
    const r = await api(t, w.owner3).post(`/my/cases/${id}/escalate`, { toLevel: 'committee', reason: '不满意' });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('已超过确认期限');
    expect(await escalations(id)).toEqual([]);
    expect((await api(t, w.owner3).get(`/my/cases/${id}`)).json().actions.escalate).toMatchObject({ allowed: false, toLevel: 'committee' });
    await t.pool.query(`UPDATE cases SET state = 'closed', closed_at = now(), close_kind = 'auto' WHERE id = $1`, [id]);
  });

  it('owner: a closed or merged case cannot be escalated (409)', async () => {
    const closed = await mine({ state: 'closed' });
    const r = await api(t, w.owner3).post(`/my/cases/${closed}/escalate`, { toLevel: 'committee', reason: '不满意' });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('INVALID_TRANSITION');
  });

  it('follower: an owner who follows the case (a merged duplicate) may escalate it', async () => {
    const id = await mine();
    await t.pool.query('INSERT INTO case_followers (case_id, account_id) VALUES ($1, $2)', [id, w.owner5.accountId]);
    const res = await api(t, w.owner5).post(`/my/cases/${id}/escalate`, { toLevel: 'committee', reason: '我也遇到同样问题' });
    expect(res.statusCode, res.body).toBe(200);
  });

  it("another owner: cannot see someone's unit case (404) and cannot escalate a common-area case they only see (403)", async () => {
    const unitCase = await mine();
    const r1 = await api(t, w.owner5).post(`/my/cases/${unitCase}/escalate`, { toLevel: 'committee', reason: '代为升级' });
    expect(r1.statusCode).toBe(404);
    const common = await insertCase(t, { estateId: w.estateId, ownerAccountId: w.owner3.accountId, locationKind: 'common_area' });
    const r2 = await api(t, w.owner5).post(`/my/cases/${common}/escalate`, { toLevel: 'committee', reason: '代为升级' });
    expect(r2.statusCode).toBe(403);
    expect(r2.json().message).toContain('业主或关注人');
    for (const id of [unitCase, common]) expect((await caseRow(t, id)).level).toBe('company');
  });

  it('owner: a reason is required and a level must be one of the ladder (400 naming the field); nothing is written', async () => {
    const id = await mine();
    const empty = await api(t, w.owner3).post(`/my/cases/${id}/escalate`, { toLevel: 'committee', reason: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details.issues[0].field).toBe('body.reason');
    const long = await api(t, w.owner3).post(`/my/cases/${id}/escalate`, { toLevel: 'committee', reason: '理'.repeat(501) });
    expect(long.statusCode).toBe(400);
    const level = await api(t, w.owner3).post(`/my/cases/${id}/escalate`, { toLevel: 'mayor', reason: '找市长' });
    expect(level.statusCode).toBe(400);
    expect(level.json().details.issues[0].field).toBe('body.toLevel');
    expect(await escalations(id)).toEqual([]);
  });

  it('property staff: the owner routes are not theirs (403)', async () => {
    const id = await mine();
    const res = await api(t, w.staff).post(`/my/cases/${id}/escalate`, { toLevel: 'committee', reason: '代业主升级' });
    expect(res.statusCode).toBe(403);
  });
});
