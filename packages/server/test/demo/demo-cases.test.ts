import { beforeAll, describe, expect, it } from 'vitest';
import { CASE_LEVELS, CASE_STATES, nextLevel } from '@gongzhi/domain';
import { sweepCases } from '../../src/modules/cases/index.ts';
import { seedIfEmpty, type DemoLoadSummary } from '../../src/modules/demo/index.ts';
import { verifyAuditChain } from '../../src/platform/audit.ts';
import { createSession } from '../../src/platform/auth/session.ts';
import { withTx } from '../../src/platform/db.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// The demo's cases (issue 6): 翠竹苑's complaints and repair requests in every state and on every
// rung, with timelines, escalations and department calls that agree with the case rows, the
// departments 明德街道 can call in, and the department officer account `dept`.

describe('demo cases', () => {
  let t: TestApp;
  let summary: DemoLoadSummary | null;
  const q = async (sql: string, params: unknown[] = []) => (await t.pool.query(sql, params)).rows;

  const as = async (username: string) => {
    const g = (await q(`SELECT a.id, g.id AS gid FROM accounts a JOIN role_grants g ON g.account_id = a.id WHERE a.username = $1 ORDER BY g.id LIMIT 1`, [username]))[0];
    const s = await withTx(t.pool, (db) => createSession(db, { accountId: Number(g.id), activeGrantId: Number(g.gid), mfaPassed: true, ip: '127.0.0.1' }));
    return async (url: string) => {
      const res = await t.request({ method: 'GET', url: `/api/v1${url}`, cookie: `gz_sid=${s.token}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
  };

  beforeAll(async () => {
    t = await createTestApp();
    summary = await seedIfEmpty(t.pool, t.secrets);
  }, 240_000);

  it('system: four departments, and dept is an officer of 明德街道城管执法中队', async () => {
    const d = await q(`SELECT d.name, d.kind, r.name AS region FROM departments d JOIN regions r ON r.id = d.region_id ORDER BY d.id`);
    expect(d).toEqual([
      { name: '明德街道城管执法中队', kind: 'urban_management', region: '明德街道' },
      { name: '东湖区消防救援大队', kind: 'fire', region: '东湖区' },
      { name: '东湖区市场监督管理局', kind: 'market_supervision', region: '东湖区' },
      { name: '明德派出所', kind: 'police', region: '明德街道' },
    ]);
    const g = await q(`SELECT a.phone, g.role, g.scope_kind, dp.name FROM accounts a JOIN role_grants g ON g.account_id = a.id
      JOIN departments dp ON dp.id = g.scope_id WHERE a.username = 'dept'`);
    expect(g).toEqual([{ phone: '17000000016', role: 'department_officer', scope_kind: 'department', name: '明德街道城管执法中队' }]);
  });

  it('system: 翠竹苑 has cases in every state and on every rung, several of them owner1’s and owner2’s', async () => {
    expect(summary?.cases).toBeGreaterThanOrEqual(15);
    const rows = await q(`SELECT c.state, c.level, a.username FROM cases c JOIN estates e ON e.id = c.estate_id
      LEFT JOIN accounts a ON a.id = c.owner_account_id WHERE e.code = 'DEMO01'`);
    expect(rows).toHaveLength(summary!.cases);
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(CASE_STATES));
    expect(new Set(rows.map((r) => r.level))).toEqual(new Set(CASE_LEVELS));
    expect(rows.filter((r) => r.username === 'owner1').length).toBeGreaterThanOrEqual(4);
    expect(rows.filter((r) => r.username === 'owner2').length).toBeGreaterThanOrEqual(4);
    expect(await q(`SELECT 1 FROM cases WHERE filed_by_role = 'property_staff' AND owner_account_id IS NOT NULL`)).toHaveLength(1);
    expect(await q(`SELECT 1 FROM cases WHERE reopen_count > 0 AND state = 'in_progress'`)).toHaveLength(1);
    expect((await q(`SELECT close_kind FROM cases WHERE state = 'closed' ORDER BY close_kind`)).map((r) => r.close_kind)).toEqual(['auto', 'confirmed', 'confirmed']);
  });

  it('system: no running deadline has passed, so the sweeper finds nothing to do when the demo opens', async () => {
    expect(await q(`SELECT no FROM cases WHERE next_due_at <= now() + interval '3 hours'`)).toEqual([]);
    expect(await q(`SELECT no FROM cases WHERE state = 'resolved' AND auto_close_at <= now()`)).toEqual([]);
    expect(await q(`SELECT id FROM case_department_calls WHERE reported_at IS NULL AND overdue_flagged_at IS NULL AND report_due_at <= now()`)).toEqual([]);
    // running cases have a running deadline unless they are past it at the street or with departments
    const stalled = await q(`SELECT no, level FROM cases WHERE state IN ('open', 'in_progress') AND next_due_at IS NULL`);
    for (const s of stalled) expect(['street', 'department']).toContain(s.level);
    // the module's own sweeper agrees, even two hours from now
    const swept = await withTx(t.pool, (db) => sweepCases(db, { now: new Date(Date.now() + 2 * 3_600_000) }));
    expect(swept).toEqual({ escalated: 0, flagged: 0, autoClosed: 0, departmentOverdue: 0 });
    expect(await q(`SELECT 1 FROM jobs WHERE kind = 'cases.sweep' AND status = 'pending'`)).toHaveLength(1);
  });

  it('system: every escalation climbs one rung and the case stands where its last one left it', async () => {
    const esc = await q(`SELECT case_id, from_level, to_level FROM case_escalations ORDER BY case_id, at`);
    expect(esc.length).toBeGreaterThanOrEqual(9);
    for (const e of esc) expect(nextLevel(e.from_level)).toBe(e.to_level);
    const last = await q(`SELECT DISTINCT ON (x.case_id) x.to_level, c.level FROM case_escalations x JOIN cases c ON c.id = x.case_id
      ORDER BY x.case_id, x.at DESC`);
    for (const l of last) expect(l.level).toBe(l.to_level);
    // by hand: owner2 took one to the street; the street called in departments (吹哨) on another
    expect(await q(`SELECT from_level FROM case_escalations WHERE by_kind = 'manual' ORDER BY from_level`)).toEqual([{ from_level: 'community' }, { from_level: 'street' }]);
    // every escalation is on its case's timeline
    expect(await q(`SELECT count(*)::int AS n FROM case_events WHERE kind = 'escalated'`)).toEqual([{ n: esc.length }]);
  });

  it('dept: called in twice (one reported, one waiting), the fire brigade flagged overdue once', async () => {
    const calls = await q(`SELECT d.name, k.reported_at IS NOT NULL AS reported, k.overdue_flagged_at IS NOT NULL AS flagged, k.instruction
      FROM case_department_calls k JOIN departments d ON d.id = k.department_id ORDER BY k.case_id, d.id`);
    expect(calls.filter((c) => c.name === '明德街道城管执法中队').map((c) => c.reported).sort()).toEqual([false, true]);
    expect(calls.find((c) => c.name === '东湖区消防救援大队')).toMatchObject({ reported: false, flagged: true });
    expect(calls.some((c) => c.instruction === '按分派规则直接转办')).toBe(true);
  });

  it('system: the merged duplicate’s owner follows the surviving case; the verified complaint is in the outbox', async () => {
    const m = await q(`SELECT m.id, m.owner_account_id, m.merged_into_id, s.state FROM cases m JOIN cases s ON s.id = m.merged_into_id WHERE m.state = 'merged'`);
    expect(m).toHaveLength(1);
    expect(m[0].state).toBe('in_progress');
    expect(await q(`SELECT 1 FROM case_followers WHERE case_id = $1 AND account_id = $2 AND via_case_id = $3`, [m[0].merged_into_id, m[0].owner_account_id, m[0].id])).toHaveLength(1);
    const ev = await q(`SELECT payload FROM domain_events WHERE topic = 'case.company_complaint_verified'`);
    expect(ev).toHaveLength(1);
    const c = await q(`SELECT id, no, company_id, category FROM cases WHERE verified_at IS NOT NULL`);
    expect(ev[0].payload).toMatchObject({ caseId: Number(c[0].id), caseNo: c[0].no, companyId: Number(c[0].company_id), category: 'company_conduct' });
  });

  it('system: photos are real PNGs on their cases, evidence named on the resolved event; the audit chain holds', async () => {
    const a = await q(`SELECT record_type, mime, size_bytes FROM attachments WHERE record_type IN ('case', 'case_evidence')`);
    expect(a.filter((x) => x.record_type === 'case').length).toBeGreaterThanOrEqual(3);
    expect(a.every((x) => x.mime === 'image/png' && Number(x.size_bytes) > 100)).toBe(true);
    const ev = await q(`SELECT data FROM case_events WHERE kind = 'resolved' AND jsonb_array_length(data->'attachmentIds') > 0`);
    expect(ev).toHaveLength(1);
    expect((await verifyAuditChain(t.pool)).ok).toBe(true);
  });

  it('owner1, street, dept: the API shows the demo cases to the people they concern, with their timelines', async () => {
    const mine = await (await as('owner1'))('/my/cases?scope=mine&pageSize=100');
    expect(mine.items.length).toBeGreaterThanOrEqual(6);
    const street = await as('street');
    const atStreet = await street('/cases?level=street&pageSize=100');
    expect(atStreet.items.map((c: { title: string }) => c.title)).toEqual(expect.arrayContaining([expect.stringContaining('北门门禁')]));
    const fireLane = (await street('/cases?level=department&pageSize=100')).items.find((c: { title: string }) => c.title.includes('消防通道'));
    const detail = await street(`/cases/${fireLane.id}`);
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['filed', 'routed', 'escalated', 'department_called', 'department_reported', 'deadline']));
    expect(detail.departmentCalls).toHaveLength(2);
    expect(detail.escalations.map((e: { toLevel: string }) => e.toLevel)).toEqual(['committee', 'community', 'street', 'department']);
    const pending = await (await as('dept'))('/cases?called=pending');
    expect(pending.items.map((c: { title: string }) => c.title)).toEqual([expect.stringContaining('违章搭建阳光房')]);
  });
});
