import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, appRow, auditActions, buildReviewWorld, seedApplication, type ReviewWorld } from './review-support.ts';

// The emergency path (办法 第24条): committee confirms, then the street office or the community
// confirms and the district's review starts; either may send it to the ordinary path instead.

let t: TestApp;
let w: ReviewWorld;
const emergency = (estateId = w.estateA.estateId, state = 'submitted') => seedApplication(t, { estateId, createdBy: w.committeeA.accountId, state });

beforeAll(async () => {
  t = await createTestApp();
  w = await buildReviewWorld(t);
});

describe('emergency confirmations', () => {
  it('committee, then street officer: confirmed in order, the review starts with a deadline and a watching job', async () => {
    const id = await emergency();
    const c = await api(t, 'POST', `/fund/applications/${id}/committee-confirm`, w.committeeA, { note: '已现场核实' });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ id, state: 'committee_confirmed', reviewDueOn: null });
    const s = await api(t, 'POST', `/fund/applications/${id}/street-confirm`, w.streetA, { note: '街道确认' });
    expect(s.statusCode, s.body).toBe(200);
    const body = s.json();
    expect(body).toMatchObject({ id, state: 'under_review', path: 'emergency', calendarKnown: expect.any(Boolean) });
    expect(body.reviewDueOn > body.reviewStartedOn).toBe(true);
    const confirmations = await t.pool.query(
      `SELECT kind, account_id, role, note FROM fund_application_confirmations WHERE application_id = $1 ORDER BY id`, [id]);
    expect(confirmations.rows.map((r) => [r.kind, Number(r.account_id), r.role, r.note])).toEqual([
      ['committee', w.committeeA.accountId, 'committee_chair', '已现场核实'],
      ['street', w.streetA.accountId, 'street_officer', '街道确认'],
    ]);
    const jobs = await t.pool.query(`SELECT run_at, dedupe_key FROM jobs WHERE kind = 'fund.review_due' AND payload->>'applicationId' = $1`, [String(id)]);
    expect(jobs.rows).toHaveLength(1);
    // the end of the due day in Asia/Shanghai
    expect((jobs.rows[0].run_at as Date).getTime()).toBe(new Date(`${body.reviewDueOn}T00:00:00+08:00`).getTime() + 86_400_000);
    expect(await auditActions(t, id)).toEqual(['fund.application.committee_confirm', 'fund.application.street_confirm']);
    // the district's officers hear of it; the committee's note is in the queue history
    const inbox = await t.pool.query(`SELECT count(*)::int AS n FROM notifications WHERE account_id = $1 AND subject LIKE '%待审核%'`, [w.districtA.accountId]);
    expect(inbox.rows[0].n).toBe(1);
  });

  it('community officer: may give the second confirmation too (杭州 第73条)', async () => {
    const id = await emergency(w.estateA.estateId, 'committee_confirmed');
    const s = await api(t, 'POST', `/fund/applications/${id}/street-confirm`, w.communityA, {});
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json().state).toBe('under_review');
  });

  it('street officer: cannot confirm before the committee (order enforced), and nothing changes', async () => {
    const id = await emergency();
    const s = await api(t, 'POST', `/fund/applications/${id}/street-confirm`, w.streetA, {});
    expect(s.statusCode).toBe(409);
    expect(s.json().code).toBe('INVALID_TRANSITION');
    const row = await appRow(t, id);
    expect(row.state).toBe('submitted');
    const n = await t.pool.query(`SELECT count(*)::int AS n FROM fund_application_confirmations WHERE application_id = $1`, [id]);
    expect(n.rows[0].n).toBe(0);
    expect(await auditActions(t, id)).toEqual([]);
  });

  it('committee: cannot give the street office\'s confirmation (403), nor confirm twice (409)', async () => {
    const id = await emergency(w.estateA.estateId, 'committee_confirmed');
    const s = await api(t, 'POST', `/fund/applications/${id}/street-confirm`, w.committeeA, {});
    expect(s.statusCode).toBe(403);
    const again = await api(t, 'POST', `/fund/applications/${id}/committee-confirm`, w.committeeA, {});
    expect(again.statusCode).toBe(409);
    expect((await appRow(t, id)).state).toBe('committee_confirmed');
  });

  it('street officer: cannot give the committee\'s confirmation (403)', async () => {
    const id = await emergency();
    const s = await api(t, 'POST', `/fund/applications/${id}/committee-confirm`, w.streetA, {});
    expect(s.statusCode).toBe(403);
    expect((await appRow(t, id)).state).toBe('submitted');
  });

  it('street officer of another street: refused as if the application did not exist (404)', async () => {
    const id = await emergency(w.estateA.estateId, 'committee_confirmed');
    const s = await api(t, 'POST', `/fund/applications/${id}/street-confirm`, w.streetA2, {});
    expect(s.statusCode).toBe(404);
    expect((await appRow(t, id)).state).toBe('committee_confirmed');
  });

  it('committee of another estate: refused (404)', async () => {
    const id = await emergency();
    const s = await api(t, 'POST', `/fund/applications/${id}/committee-confirm`, w.committeeB, {});
    expect(s.statusCode).toBe(404);
    expect((await appRow(t, id)).state).toBe('submitted');
  });

  it('ordinary application: has no emergency confirmation (409)', async () => {
    const id = await seedApplication(t, { estateId: w.estateA.estateId, createdBy: w.committeeA.accountId, state: 'submitted', path: 'ordinary' });
    const s = await api(t, 'POST', `/fund/applications/${id}/committee-confirm`, w.committeeA, {});
    expect(s.statusCode).toBe(409);
    expect(s.json().details.refusal).toBe('wrong_path');
  });

  it('street officer: refuses the emergency with a reason — back to submitted on the ordinary path', async () => {
    const id = await emergency(w.estateA.estateId, 'committee_confirmed');
    const noReason = await api(t, 'POST', `/fund/applications/${id}/refuse-emergency`, w.streetA, { reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect((await appRow(t, id)).state).toBe('committee_confirmed');
    const r = await api(t, 'POST', `/fund/applications/${id}/refuse-emergency`, w.streetA, { reason: '不属于电梯故障危及人身安全的情形' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'submitted', path: 'ordinary' });
    const row = await appRow(t, id);
    expect([row.path, row.emergency_category, row.emergency_list]).toEqual(['ordinary', null, null]);
    const audit = await t.pool.query(
      `SELECT summary FROM audit_events WHERE action = 'fund.application.refuse_emergency' AND target_id = $1`, [String(id)]);
    expect(audit.rows[0].summary).toMatchObject({ reason: '不属于电梯故障危及人身安全的情形', refusedCategory: 'elevator', to: 'submitted' });
    // on the ordinary path now: no emergency confirmation any more
    const c = await api(t, 'POST', `/fund/applications/${id}/committee-confirm`, w.committeeA, {});
    expect(c.statusCode).toBe(409);
  });

  it('committee: may refuse the emergency before confirming it', async () => {
    const id = await emergency();
    const r = await api(t, 'POST', `/fund/applications/${id}/refuse-emergency`, w.committeeA, { reason: '可走一般程序' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'submitted', path: 'ordinary' });
  });
});

describe('confirmation queue', () => {
  it('committee sees its submitted emergencies; street and community officers see the committee-confirmed ones in their area', async () => {
    const mine = await emergency(w.estateA.estateId, 'submitted');
    const confirmed = await emergency(w.estateA.estateId, 'committee_confirmed');
    const other = await emergency(w.estateB.estateId, 'submitted');
    const elsewhere = await emergency(w.estateA2.estateId, 'committee_confirmed');
    const ids = async (who: typeof w.committeeA) => {
      const r = await api(t, 'GET', '/fund/confirmations', who);
      expect(r.statusCode, r.body).toBe(200);
      return (r.json().items as { applicationId: number }[]).map((x) => x.applicationId);
    };
    const committee = await ids(w.committeeA);
    expect(committee).toContain(mine);
    expect(committee).not.toContain(confirmed);
    expect(committee).not.toContain(other);
    const street = await ids(w.streetA);
    expect(street).toContain(confirmed);
    expect(street).not.toContain(mine);
    expect(street).not.toContain(elsewhere);
    expect(await ids(w.communityA)).toContain(confirmed);
    expect(await ids(w.streetA2)).toEqual([elsewhere]);
    const item = (await api(t, 'GET', '/fund/confirmations', w.streetA)).json().items.find((x: { applicationId: number }) => x.applicationId === confirmed);
    expect(item).toMatchObject({ awaiting: 'street', emergencyCategory: 'elevator', emergencyCategoryLabel: '电梯故障危及人身安全', estateName: '甲苑' });
  });

  it('district officer: holds no fund.confirm (403)', async () => {
    const r = await api(t, 'GET', '/fund/confirmations', w.districtA);
    expect(r.statusCode).toBe(403);
  });
});
