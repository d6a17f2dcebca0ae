import { autoEscalationReason, caseDueDates, DEFAULT_CASE_DEADLINES } from '@gongzhi/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { allJobHandlers } from '../../src/app.ts';
import { verifyAuditChain } from '../../src/platform/audit.ts';
import { createPool, withTx } from '../../src/platform/db.ts';
import { JobRunner } from '../../src/platform/jobs/index.ts';
import { sweepCases, SWEEP_CHUNK } from '../../src/modules/cases/case-sweep.ts';
import { CASES_SWEEP_JOB, ensureCasesSweep } from '../../src/modules/cases/sweep-jobs.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { auditOf, caseRow, escalationWorld, eventsOf, insertCall, insertCase, type EscalationWorld } from './escalation-fixture.ts';

// The sweeper (C3): due deadlines escalate one rung below the street, only show overdue at the
// street and departments, resolved cases close themselves, departments late to report are flagged;
// each exactly once, even with two sweepers at the same time; the durable job keeps itself going.

let t: TestApp;
let w: EscalationWorld;
const past = (ms = 60_000) => new Date(Date.now() - ms);
const sweep = (o: { now?: Date; limit?: number } = {}) => withTx(t.pool, (db) => sweepCases(db, o));
/** Everything the sweeper can do is done: no earlier test's leftovers in the next assertion. */
const drain = async () => { for (let i = 0; i < 50; i++) { const r = await sweep(); if (!r.escalated && !r.flagged && !r.autoClosed && !r.departmentOverdue) return; } };

beforeAll(async () => {
  t = await createTestApp();
  w = await escalationWorld(t);
});

describe('sweeper: running deadlines', () => {
  it('system: a due case below the street moves one rung up (open again, new deadlines, unassigned), audited as the system', async () => {
    await drain();
    const id = await insertCase(t, { estateId: w.estateId, ownerAccountId: w.owner3.accountId, state: 'in_progress', level: 'company', nextDueAt: past() });
    await t.pool.query('UPDATE cases SET assignee_account_id = $2 WHERE id = $1', [id, w.staff.accountId]);
    const now = new Date();
    const r = await sweep({ now });
    expect(r).toEqual({ escalated: 1, flagged: 0, autoClosed: 0, departmentOverdue: 0 });
    const c = await caseRow(t, id);
    const due = caseDueDates(now, DEFAULT_CASE_DEADLINES.common_repair.normal);
    expect(c).toMatchObject({ level: 'committee', handler_party: 'committee', state: 'open', assignee_account_id: null });
    expect(c.respond_due_at.toISOString()).toBe(due.respondDueAt.toISOString());
    expect(c.resolve_due_at.toISOString()).toBe(due.resolveDueAt.toISOString());
    expect(c.next_due_at.toISOString()).toBe(due.respondDueAt.toISOString());
    expect(c.first_responded_at).not.toBeNull(); // the first response ever stays
    const esc = (await t.pool.query('SELECT from_level, to_level, by_kind, reason, actor_account_id FROM case_escalations WHERE case_id = $1', [id])).rows;
    expect(esc).toEqual([{ from_level: 'company', to_level: 'committee', by_kind: 'auto', reason: autoEscalationReason('committee'), actor_account_id: null }]);
    const ev = (await eventsOf(t, id)).filter((e) => e.kind === 'escalated');
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ text: '处理时限已到仍未办结，自动升级至业主委员会', actor_role: 'system', actor_party: 'system' });
    const audit = await auditOf(t, 'case.escalate', id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_account_id: null, actor_role: 'system' });
    expect(audit[0].summary).toMatchObject({ fromLevel: 'company', toLevel: 'committee', byKind: 'auto' });
  });

  it('system: a case left unanswered climbs rung by rung and stops at the street, where its deadline is marked passed once', async () => {
    await drain();
    const id = await insertCase(t, { estateId: w.estateId, level: 'company', nextDueAt: past() });
    const levels: string[] = [];
    for (let i = 0; i < 3; i++) {
      expect((await sweep()).escalated).toBe(1);
      levels.push((await caseRow(t, id)).level);
      await t.pool.query('UPDATE cases SET next_due_at = $2 WHERE id = $1', [id, past()]);
    }
    expect(levels).toEqual(['committee', 'community', 'street']);
    expect(await sweep()).toEqual({ escalated: 0, flagged: 1, autoClosed: 0, departmentOverdue: 0 });
    const c = await caseRow(t, id);
    expect(c).toMatchObject({ level: 'street', state: 'open', next_due_at: null });
    expect(await sweep()).toEqual({ escalated: 0, flagged: 0, autoClosed: 0, departmentOverdue: 0 });
    const ev = await eventsOf(t, id);
    expect(ev.filter((e) => e.kind === 'escalated').map((e) => e.data.toLevel)).toEqual(['committee', 'community', 'street']);
    expect(ev.filter((e) => e.kind === 'deadline').map((e) => e.text)).toEqual(['已超过办理时限']);
    expect(await auditOf(t, 'case.overdue', id)).toHaveLength(1);
    expect((await t.pool.query('SELECT count(*)::int AS n FROM case_escalations WHERE case_id = $1', [id])).rows[0].n).toBe(3);
  });

  it('system: a case at a department is never escalated by the clock, only marked overdue once', async () => {
    await drain();
    const id = await insertCase(t, { estateId: w.estateId, level: 'department', handlerDepartmentId: w.departments.urban, nextDueAt: past() });
    expect(await sweep()).toMatchObject({ escalated: 0, flagged: 1 });
    expect(await caseRow(t, id)).toMatchObject({ level: 'department', next_due_at: null });
    expect((await sweep()).flagged).toBe(0);
  });

  it('system: cases not yet due, resolved or closed are left alone', async () => {
    await drain();
    const future = await insertCase(t, { estateId: w.estateId, nextDueAt: new Date(Date.now() + 3_600_000) });
    const resolved = await insertCase(t, { estateId: w.estateId, state: 'resolved' });
    expect(await sweep()).toEqual({ escalated: 0, flagged: 0, autoClosed: 0, departmentOverdue: 0 });
    expect((await caseRow(t, future)).level).toBe('company');
    expect((await caseRow(t, resolved)).state).toBe('resolved');
  });

  it('system: two sweepers at once on two connections escalate every due case exactly once', async () => {
    await drain();
    const ids: number[] = [];
    for (let i = 0; i < 120; i++) ids.push(await insertCase(t, { estateId: w.estateId, level: i % 2 ? 'company' : 'committee', nextDueAt: past(i * 1000) }));
    const other = createPool(t.databaseUrl, 2);
    try {
      // small chunks, so both sweepers are at work at the same time, each in its own transactions
      const run = async (pool: typeof other) => {
        let n = 0;
        for (;;) {
          const r = await withTx(pool, (db) => sweepCases(db, { limit: 7 }));
          n += r.escalated;
          if (!r.escalated && !r.flagged) return n;
        }
      };
      const [a, b] = await Promise.all([run(t.pool), run(other)]);
      expect(a + b).toBe(120);
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
    } finally {
      await other.end();
    }
    const esc = await t.pool.query('SELECT case_id, count(*)::int AS n FROM case_escalations WHERE case_id = ANY($1) GROUP BY case_id', [ids]);
    expect(esc.rows).toHaveLength(120);
    expect(esc.rows.every((r) => r.n === 1)).toBe(true);
    const ev = await t.pool.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = ANY($1) AND kind = 'escalated'`, [ids]);
    expect(ev.rows[0].n).toBe(120);
    const audit = await t.pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.escalate' AND target_id = ANY($1)`, [ids.map(String)]);
    expect(audit.rows[0].n).toBe(120);
    // the two sweepers' appends form one unbroken chain
    expect(await verifyAuditChain(t.pool)).toMatchObject({ ok: true });
  });

  it('system: a case being acted on (row locked) is skipped, not waited for, and taken by the next run', async () => {
    await drain();
    const id = await insertCase(t, { estateId: w.estateId, nextDueAt: past() });
    const holder = await t.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [id]);
      expect((await sweep()).escalated).toBe(0);
      await holder.query('COMMIT');
    } finally {
      holder.release();
    }
    expect((await sweep()).escalated).toBe(1);
  });

  it('system: one run takes at most its limit; the rest waits for the next run', async () => {
    await drain();
    for (let i = 0; i < 5; i++) await insertCase(t, { estateId: w.estateId, nextDueAt: past() });
    expect((await sweep({ limit: 3 })).escalated).toBe(3);
    expect((await sweep({ limit: 3 })).escalated).toBe(2);
  });
});

describe('sweeper: auto-close and department calls', () => {
  it('system: resolved cases past their auto-close time close themselves unrated, once; others stay resolved', async () => {
    await drain();
    const due = await insertCase(t, { estateId: w.estateId, state: 'resolved', autoCloseAt: past() });
    const later = await insertCase(t, { estateId: w.estateId, state: 'resolved', autoCloseAt: new Date(Date.now() + 86_400_000) });
    expect(await sweep()).toMatchObject({ autoClosed: 1 });
    expect(await caseRow(t, due)).toMatchObject({ state: 'closed', close_kind: 'auto', rating: null });
    expect((await caseRow(t, later)).state).toBe('resolved');
    expect((await sweep()).autoClosed).toBe(0);
    expect((await eventsOf(t, due)).filter((e) => e.kind === 'auto_closed')).toHaveLength(1);
    expect(await auditOf(t, 'case.auto_close', due)).toHaveLength(1);
  });

  it('system: a department late to report is flagged once, with a timeline event; a reported or not-yet-due call is not', async () => {
    await drain();
    const id = await insertCase(t, { estateId: w.estateId, level: 'department', handlerDepartmentId: w.departments.urban, nextDueAt: null });
    await insertCall(t, { caseId: id, departmentId: w.departments.urban, calledBy: w.street.accountId, reportDueAt: past() });
    await insertCall(t, { caseId: id, departmentId: w.departments.fire, calledBy: w.street.accountId, reportDueAt: past(), reported: true });
    const other = await insertCase(t, { estateId: w.estateId, level: 'department', handlerDepartmentId: w.departments.urban, nextDueAt: null });
    await insertCall(t, { caseId: other, departmentId: w.departments.urban, calledBy: w.street.accountId, reportDueAt: new Date(Date.now() + 86_400_000) });
    expect(await sweep()).toMatchObject({ departmentOverdue: 1 });
    expect(await sweep()).toMatchObject({ departmentOverdue: 0 });
    const calls = (await t.pool.query('SELECT department_id, overdue_flagged_at FROM case_department_calls WHERE case_id = $1 ORDER BY department_id', [id])).rows;
    expect(calls.find((c) => Number(c.department_id) === w.departments.urban)!.overdue_flagged_at).not.toBeNull();
    expect(calls.find((c) => Number(c.department_id) === w.departments.fire)!.overdue_flagged_at).toBeNull();
    const ev = (await eventsOf(t, id)).filter((e) => e.kind === 'deadline');
    expect(ev.map((e) => e.text)).toEqual(['明德街道城管执法中队未在报到期限内反馈']);
    expect(await auditOf(t, 'case.department_overdue', id)).toHaveLength(1);
    expect((await t.pool.query('SELECT overdue_flagged_at FROM case_department_calls WHERE case_id = $1', [other])).rows[0].overdue_flagged_at).toBeNull();
  });

  it('system: a late call on a case already resolved is flagged without a new timeline event', async () => {
    await drain();
    const id = await insertCase(t, { estateId: w.estateId, level: 'department', handlerDepartmentId: w.departments.urban, state: 'resolved' });
    await insertCall(t, { caseId: id, departmentId: w.departments.urban, calledBy: w.street.accountId, reportDueAt: past() });
    expect(await sweep()).toMatchObject({ departmentOverdue: 1 });
    expect((await t.pool.query('SELECT overdue_flagged_at FROM case_department_calls WHERE case_id = $1', [id])).rows[0].overdue_flagged_at).not.toBeNull();
    expect((await eventsOf(t, id)).filter((e) => e.kind === 'deadline')).toEqual([]);
    expect(await auditOf(t, 'case.department_overdue', id)).toHaveLength(1);
  });
});

describe('sweeper: a late call on a case being acted on', () => {
  it('system: the case row locked (a report or resolution in flight) leaves its late call for the next run', async () => {
    await drain();
    const id = await insertCase(t, { estateId: w.estateId, level: 'department', handlerDepartmentId: w.departments.urban, nextDueAt: null });
    await insertCall(t, { caseId: id, departmentId: w.departments.urban, calledBy: w.street.accountId, reportDueAt: past() });
    const holder = await t.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [id]);
      expect((await sweep()).departmentOverdue).toBe(0);
      await holder.query('COMMIT');
    } finally {
      holder.release();
    }
    expect((await sweep()).departmentOverdue).toBe(1);
  });
});

describe('the durable job cases.sweep', () => {
  const runner = () => new JobRunner({ pool: t.pool, handlers: allJobHandlers(), instanceId: 'sweep-test' });
  const pendingSweeps = async () =>
    (await t.pool.query(`SELECT id, run_at, dedupe_key FROM jobs WHERE kind = $1 AND status = 'pending' ORDER BY id`, [CASES_SWEEP_JOB])).rows;

  it('system: ensureCasesSweep schedules one sweep, and only while none is pending', async () => {
    await drain();
    expect(await pendingSweeps()).toHaveLength(0);
    const first = await withTx(t.pool, (db) => ensureCasesSweep(db));
    expect(first).not.toBeNull();
    expect(await withTx(t.pool, (db) => ensureCasesSweep(db))).toBeNull();
    expect(await pendingSweeps()).toHaveLength(1);
  });

  it('system: the job sweeps, then schedules itself for the next minute (one chain)', async () => {
    const id = await insertCase(t, { estateId: w.estateId, nextDueAt: past() });
    const before = await pendingSweeps();
    const out = await runner().runDueOnce();
    expect(out).toMatchObject({ kind: CASES_SWEEP_JOB, outcome: 'done' });
    expect((await caseRow(t, id)).level).toBe('committee');
    const next = await pendingSweeps();
    expect(next).toHaveLength(1);
    expect(next[0].id).not.toBe(before[0].id);
    const runAt = new Date(next[0].run_at).getTime();
    expect(runAt % 60_000).toBe(0);
    expect(runAt).toBeGreaterThan(Date.now());
    expect(next[0].dedupe_key).toBe(`${CASES_SWEEP_JOB}:${new Date(runAt).toISOString().slice(0, 16)}`);
    // nothing else is due now: the next sweep waits for its minute
    expect(await runner().runDueOnce()).toBeNull();
  });

  it('system: a full chunk schedules the next sweep at once, which takes the rest', async () => {
    await t.pool.query(
      `INSERT INTO cases (no, estate_id, category, location_kind, location_text, title, description, filed_by, filed_by_role,
                          state, level, handler_party, respond_due_at, resolve_due_at, next_due_at)
       SELECT 'AJBULK-' || g, $1, 'cleaning', 'common_area', '垃圾站', '垃圾未清运', '描述', $2, 'owner',
              'open', 'company', 'company', now() - interval '1 hour', now() + interval '1 day', now() - interval '1 hour'
         FROM generate_series(1, $3::int) g`,
      [w.estateId, w.owner3.accountId, SWEEP_CHUNK + 5],
    );
    await t.pool.query(`UPDATE jobs SET run_at = now() - interval '1 second' WHERE kind = $1 AND status = 'pending'`, [CASES_SWEEP_JOB]);
    expect(await runner().runDueOnce()).toMatchObject({ outcome: 'done' });
    const left = await t.pool.query(`SELECT count(*)::int AS n FROM cases WHERE no LIKE 'AJBULK-%' AND level = 'company'`);
    expect(left.rows[0].n).toBe(5);
    const next = await pendingSweeps();
    expect(next).toHaveLength(1);
    expect(new Date(next[0].run_at).getTime()).toBeLessThanOrEqual(Date.now());
    expect(await runner().runDueOnce()).toMatchObject({ outcome: 'done' });
    const rest = await t.pool.query(`SELECT count(*)::int AS n FROM cases WHERE no LIKE 'AJBULK-%' AND level = 'company'`);
    expect(rest.rows[0].n).toBe(0);
    expect(await pendingSweeps()).toHaveLength(1);
  });

  it('system: a next minute whose key a sweep already used (it was run early) does not end the chain', async () => {
    await drain();
    await t.pool.query(`UPDATE jobs SET run_at = now() - interval '1 second' WHERE kind = $1 AND status = 'pending'`, [CASES_SWEEP_JOB]);
    const next = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 60_000);
    const used = `${CASES_SWEEP_JOB}:${next.toISOString().slice(0, 16)}`;
    await t.pool.query(
      `INSERT INTO jobs (kind, run_at, dedupe_key, status, finished_at) VALUES ($1, now(), $2, 'done', now()) ON CONFLICT (dedupe_key) DO NOTHING`,
      [CASES_SWEEP_JOB, used],
    );
    expect(await runner().runDueOnce()).toMatchObject({ outcome: 'done' });
    const pending = await pendingSweeps();
    expect(pending).toHaveLength(1);
    expect(new Date(pending[0].run_at).getTime()).toBeGreaterThan(Date.now());
  });
});
