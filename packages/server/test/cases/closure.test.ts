import { caseDueDates, DEFAULT_CASE_DEADLINES } from '@gongzhi/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { withTx } from '../../src/platform/db.ts';
import { sweepCases } from '../../src/modules/cases/case-sweep.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, auditOf, caseRow, escalationWorld, eventsOf, insertCase, type EscalationWorld } from './escalation-fixture.ts';

// Closing a case (C3): the owner confirms the resolution and rates it 1–5, or reopens it (counted)
// while it waits; left unanswered it closes itself after the estate's auto-close days.

let t: TestApp;
let w: EscalationWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await escalationWorld(t);
});

const resolvedCase = () => insertCase(t, { estateId: w.estateId, ownerAccountId: w.owner3.accountId, unitId: w.units.u3, state: 'resolved' });

describe('owner confirms and rates', () => {
  it('owner: confirms a resolved case with 4 stars and a comment: closed, confirmed, on the timeline, audited', async () => {
    const id = await resolvedCase();
    const res = await api(t, w.owner3).post(`/my/cases/${id}/confirm`, { rating: 4, comment: '修得及时' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'closed', closeKind: 'confirmed', rating: 4, ratingComment: '修得及时' });
    expect(res.json().closedAt).not.toBeNull();
    const ev = (await eventsOf(t, id)).filter((e) => e.kind === 'confirmed');
    expect(ev).toEqual([expect.objectContaining({ text: '修得及时', actor_party: 'owner', data: { rating: 4 } })]);
    const audit = await auditOf(t, 'case.confirm', id);
    expect(audit).toHaveLength(1);
    expect(audit[0].summary).toMatchObject({ rating: 4 });
  });

  it('owner: a rating of 0, 6, 4.5 or none is refused naming body.rating; the case stays resolved', async () => {
    const id = await resolvedCase();
    for (const rating of [0, 6, 4.5, '5', undefined]) {
      const res = await api(t, w.owner3).post(`/my/cases/${id}/confirm`, rating === undefined ? {} : { rating });
      expect(res.statusCode, `rating ${rating}`).toBe(400);
      expect(res.json().details.issues[0].field).toBe('body.rating');
    }
    expect((await caseRow(t, id)).state).toBe('resolved');
    expect(await auditOf(t, 'case.confirm', id)).toEqual([]);
  });

  it('owner: cannot confirm a case not yet resolved, nor one already closed (409)', async () => {
    const open = await insertCase(t, { estateId: w.estateId, ownerAccountId: w.owner3.accountId, unitId: w.units.u3 });
    const r1 = await api(t, w.owner3).post(`/my/cases/${open}/confirm`, { rating: 5 });
    expect(r1.statusCode).toBe(409);
    expect(r1.json().code).toBe('INVALID_TRANSITION');
    const id = await resolvedCase();
    expect((await api(t, w.owner3).post(`/my/cases/${id}/confirm`, { rating: 5 })).statusCode).toBe(200);
    const again = await api(t, w.owner3).post(`/my/cases/${id}/confirm`, { rating: 1 });
    expect(again.statusCode).toBe(409);
    expect((await caseRow(t, id)).rating).toBe(5);
  });

  it('another owner: cannot confirm a case that is not theirs (404 for a unit case)', async () => {
    const id = await resolvedCase();
    expect((await api(t, w.owner5).post(`/my/cases/${id}/confirm`, { rating: 1 })).statusCode).toBe(404);
    expect((await caseRow(t, id)).state).toBe('resolved');
  });
});

describe('owner reopens', () => {
  it('owner: reopens twice; each time back in progress at the same rung with a new resolve deadline, counted', async () => {
    const id = await insertCase(t, { estateId: w.estateId, ownerAccountId: w.owner3.accountId, unitId: w.units.u3, state: 'resolved', level: 'committee' });
    const r1 = await api(t, w.owner3).post(`/my/cases/${id}/reopen`, { reason: '仍然漏水' });
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json()).toMatchObject({ state: 'in_progress', level: 'committee', reopenCount: 1, resolvedAt: null, autoCloseAt: null });
    const c = await caseRow(t, id);
    const due = caseDueDates(new Date(c.updated_at), DEFAULT_CASE_DEADLINES.common_repair.normal);
    expect(new Date(c.resolve_due_at).toISOString()).toBe(due.resolveDueAt.toISOString());
    expect(new Date(c.next_due_at).toISOString()).toBe(due.resolveDueAt.toISOString());
    // the handler resolves it again, the owner reopens again
    await t.pool.query(`UPDATE cases SET state = 'resolved', resolved_at = now(), auto_close_at = now() + interval '7 days', next_due_at = NULL WHERE id = $1`, [id]);
    const r2 = await api(t, w.owner3).post(`/my/cases/${id}/reopen`, { reason: '还是漏水' });
    expect(r2.statusCode).toBe(200);
    expect(r2.json().reopenCount).toBe(2);
    expect((await eventsOf(t, id)).filter((e) => e.kind === 'reopened').map((e) => e.text)).toEqual(['仍然漏水', '还是漏水']);
    expect(await auditOf(t, 'case.reopen', id)).toHaveLength(2);
  });

  it('owner: cannot reopen once the case closed (by confirmation or by itself), nor without a reason', async () => {
    const id = await resolvedCase();
    const noReason = await api(t, w.owner3).post(`/my/cases/${id}/reopen`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.issues[0].field).toBe('body.reason');
    await api(t, w.owner3).post(`/my/cases/${id}/confirm`, { rating: 3 });
    const res = await api(t, w.owner3).post(`/my/cases/${id}/reopen`, { reason: '又坏了' });
    expect(res.statusCode).toBe(409);
    expect((await caseRow(t, id)).reopen_count).toBe(0);
  });
});

describe('owner reopens only inside the window', () => {
  it('owner: past auto_close_at (the sweeper not run yet) reopening is refused (409) and the button says why; nothing is written', async () => {
    const id = await insertCase(t, { estateId: w.estateId, ownerAccountId: w.owner3.accountId, unitId: w.units.u3, state: 'resolved', autoCloseAt: new Date(Date.now() - 60_000) });
    const res = await api(t, w.owner3).post(`/my/cases/${id}/reopen`, { reason: '又坏了' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('已超过确认期限');
    expect(await caseRow(t, id)).toMatchObject({ state: 'resolved', reopen_count: 0 });
    expect(await auditOf(t, 'case.reopen', id)).toHaveLength(0);
    const page = await api(t, w.owner3).get(`/my/cases/${id}`);
    expect(page.json().actions.reopen).toMatchObject({ allowed: false });
    expect(page.json().actions.confirm).toMatchObject({ allowed: true });
    // out of the next tests' sweeps: it would close itself there
    await t.pool.query(`UPDATE cases SET state = 'closed', closed_at = now(), close_kind = 'auto' WHERE id = $1`, [id]);
  });
});

describe('auto-close after the set days', () => {
  it('system: a case resolved by the company closes itself after the estate’s auto-close days (3), not before', async () => {
    await t.pool.query(`INSERT INTO case_settings (estate_id, auto_close_days) VALUES ($1, 3)`, [w.estateId]);
    const id = await insertCase(t, { estateId: w.estateId, ownerAccountId: w.owner3.accountId, unitId: w.units.u3, state: 'in_progress' });
    const res = await api(t, w.staff).post(`/cases/${id}/resolve`, { text: '已更换水管' });
    expect(res.statusCode, res.body).toBe(200);
    const c = await caseRow(t, id);
    const resolvedAt = new Date(c.resolved_at).getTime();
    expect(new Date(c.auto_close_at).getTime() - resolvedAt).toBe(3 * 86_400_000);
    // (timestamps carry microseconds; JS dates whole milliseconds: the sweep runs 1 ms after)
    const sweepAt = (ms: number) => withTx(t.pool, (db) => sweepCases(db, { now: new Date(resolvedAt + ms) }));
    expect((await sweepAt(3 * 86_400_000 - 1000)).autoClosed).toBe(0);
    expect((await caseRow(t, id)).state).toBe('resolved');
    expect((await sweepAt(3 * 86_400_000 + 1)).autoClosed).toBeGreaterThanOrEqual(1);
    expect(await caseRow(t, id)).toMatchObject({ state: 'closed', close_kind: 'auto', rating: null });
    const detail = await api(t, w.owner3).get(`/my/cases/${id}`);
    expect(detail.json().timeline.map((e: { kind: string }) => e.kind)).toContain('auto_closed');
    expect(await auditOf(t, 'case.auto_close', id)).toHaveLength(1);
  });
});
