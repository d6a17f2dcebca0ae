import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runDueJobs } from '../meetings/support.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, appRow, auditActions, buildReviewWorld, seedApplication, type Person, type ReviewWorld } from './review-support.ts';

// The district's review (区住建部门审核): who may decide, the reason shown on rejection, the
// queue by deadline, deadlines in working days across the Spring Festival, and the durable job
// that flags an overdue review and escalates it exactly once.

let t: TestApp;
let w: ReviewWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildReviewWorld(t);
});
afterEach(() => { vi.useRealTimers(); });

const underReview = (estateId: number, dueOn = '2099-01-09', title?: string) => seedApplication(t, {
  estateId, createdBy: w.committeeA.accountId, state: 'under_review', reviewStartedOn: `${dueOn.slice(0, 4)}-01-01`, reviewDueOn: dueOn, title,
});
const inbox = async (who: Person, like: string) =>
  Number((await t.pool.query(`SELECT count(*)::int AS n FROM notifications WHERE account_id = $1 AND subject LIKE $2`, [who.accountId, like])).rows[0].n);

/** Through both confirmations by HTTP: the review starts now (whatever Date says now). */
async function confirmedEmergency(title = '2栋屋面渗漏'): Promise<{ id: number; body: Record<string, unknown> }> {
  const id = await seedApplication(t, { estateId: w.estateA.estateId, createdBy: w.committeeA.accountId, state: 'submitted', title });
  const c = await api(t, 'POST', `/fund/applications/${id}/committee-confirm`, w.committeeA, {});
  expect(c.statusCode, c.body).toBe(200);
  const s = await api(t, 'POST', `/fund/applications/${id}/street-confirm`, w.streetA, {});
  expect(s.statusCode, s.body).toBe(200);
  return { id, body: s.json() };
}

describe('district decision', () => {
  it('district officer: approves an application of their district; the applicant is told', async () => {
    const id = await underReview(w.estateA.estateId);
    const r = await api(t, 'POST', `/fund/applications/${id}/approve`, w.districtA, { note: '材料齐全' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ id, state: 'approved', stateLabel: '审核通过' });
    expect((await appRow(t, id)).approved_at).not.toBeNull();
    expect(await auditActions(t, id)).toEqual(['fund.application.approve']);
    expect(await inbox(w.committeeA, '%审核通过%')).toBeGreaterThanOrEqual(1);
  });

  it('district officer of another district: cannot approve or reject (404), nothing changes', async () => {
    const id = await underReview(w.estateA.estateId);
    const a = await api(t, 'POST', `/fund/applications/${id}/approve`, w.districtB, {});
    expect(a.statusCode).toBe(404);
    const r = await api(t, 'POST', `/fund/applications/${id}/reject`, w.districtB, { reason: '不符合' });
    expect(r.statusCode).toBe(404);
    expect((await appRow(t, id)).state).toBe('under_review');
    expect(await auditActions(t, id)).toEqual([]);
  });

  it('street officer and city officer: hold no fund.review (403)', async () => {
    const id = await underReview(w.estateA.estateId);
    expect((await api(t, 'POST', `/fund/applications/${id}/approve`, w.streetA, {})).statusCode).toBe(403);
    expect((await api(t, 'POST', `/fund/applications/${id}/approve`, w.city, {})).statusCode).toBe(403);
    expect((await appRow(t, id)).state).toBe('under_review');
  });

  it('district officer: rejects with a reason and the exclusion it rests on; both are stored and sent to the applicant', async () => {
    const id = await underReview(w.estateA.estateId);
    const noReason = await api(t, 'POST', `/fund/applications/${id}/reject`, w.districtA, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    const badExclusion = await api(t, 'POST', `/fund/applications/${id}/reject`, w.districtA, { reason: '保修期内', exclusion: 'weather' });
    expect(badExclusion.statusCode).toBe(400);
    expect(badExclusion.json().details.issues[0].field).toContain('exclusion');
    expect((await appRow(t, id)).state).toBe('under_review');
    const r = await api(t, 'POST', `/fund/applications/${id}/reject`, w.districtA, { reason: '电梯仍在保修期内，应由施工单位承担', exclusion: 'warranty' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().state).toBe('rejected');
    const row = await appRow(t, id);
    expect([row.decision_reason, row.rejected_exclusion]).toEqual(['电梯仍在保修期内，应由施工单位承担', 'warranty']);
    const msg = await t.pool.query(`SELECT body FROM notifications WHERE account_id = $1 AND subject LIKE '%未通过审核%' ORDER BY id DESC LIMIT 1`, [w.committeeA.accountId]);
    expect(msg.rows[0].body).toContain('电梯仍在保修期内');
    expect(msg.rows[0].body).toContain('保修期内');
  });

  it('district officer: cannot approve what is not under review (409)', async () => {
    const id = await seedApplication(t, { estateId: w.estateA.estateId, createdBy: w.committeeA.accountId, state: 'committee_confirmed' });
    const r = await api(t, 'POST', `/fund/applications/${id}/approve`, w.districtA, {});
    expect(r.statusCode).toBe(409);
  });
});

describe('review queue', () => {
  it('district officer: their district\'s reviews, nearest deadline first, with working days left and the overdue flag', async () => {
    const late = await underReview(w.estateA.estateId, '2026-01-05', '已超期的申请');
    const soon = await underReview(w.estateA2.estateId, '2098-03-02', '较早到期');
    const later = await underReview(w.estateA.estateId, '2098-06-01', '较晚到期');
    const foreign = await underReview(w.estateB.estateId, '2098-01-02', '乙区申请');
    const r = await api(t, 'GET', '/fund/reviews?pageSize=200', w.districtA);
    expect(r.statusCode, r.body).toBe(200);
    const v = r.json();
    const ids = v.items.map((x: { applicationId: number }) => x.applicationId);
    expect(ids).not.toContain(foreign);
    expect(ids.indexOf(late)).toBeLessThan(ids.indexOf(soon));
    expect(ids.indexOf(soon)).toBeLessThan(ids.indexOf(later));
    const lateItem = v.items.find((x: { applicationId: number }) => x.applicationId === late);
    expect(lateItem).toMatchObject({ overdue: true, reviewDueOn: '2026-01-05' });
    expect(lateItem.daysLeft).toBeLessThan(0);
    const soonItem = v.items.find((x: { applicationId: number }) => x.applicationId === soon);
    expect(soonItem).toMatchObject({ overdue: false, estateName: '甲二苑', calendarKnown: false });
    expect(soonItem.daysLeft).toBeGreaterThan(0);
    expect(v.overdueCount).toBeGreaterThanOrEqual(1);
    const overdueOnly = (await api(t, 'GET', '/fund/reviews?overdue=1', w.districtA)).json();
    expect(overdueOnly.items.every((x: { overdue: boolean }) => x.overdue)).toBe(true);
    expect(overdueOnly.items.map((x: { applicationId: number }) => x.applicationId)).toContain(late);
    const notOverdue = (await api(t, 'GET', '/fund/reviews?overdue=false', w.districtA)).json();
    expect(notOverdue.items.map((x: { applicationId: number }) => x.applicationId)).not.toContain(late);
    const byEstate = (await api(t, 'GET', `/fund/reviews?estateId=${w.estateA2.estateId}`, w.districtA)).json();
    expect(byEstate.items.map((x: { applicationId: number }) => x.applicationId)).toEqual([soon]);
    // another district's estate named in the filter: nothing of it
    const other = (await api(t, 'GET', `/fund/reviews?estateId=${w.estateB.estateId}`, w.districtA)).json();
    expect(other.items).toEqual([]);
    const b = (await api(t, 'GET', '/fund/reviews', w.districtB)).json();
    expect(b.items.map((x: { applicationId: number }) => x.applicationId)).toEqual([foreign]);
  });
});

describe('working-day deadlines', () => {
  it('street confirmation two days before the Spring Festival 2026: due 2026-02-26 (调休 Saturday counts, 15–23 Feb do not), end to end', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-02-12T10:00:00+08:00') });
    const { id, body } = await confirmedEmergency('春节前电梯困人');
    expect(body).toMatchObject({ reviewStartedOn: '2026-02-12', reviewDueOn: '2026-02-26', calendarKnown: true });
    const job = await t.pool.query(`SELECT run_at FROM jobs WHERE kind = 'fund.review_due' AND payload->>'applicationId' = $1`, [String(id)]);
    expect((job.rows[0].run_at as Date).toISOString()).toBe('2026-02-26T16:00:00.000Z');
    // the next day (Friday 13 Feb): 14 Feb (调休), 24, 25, 26 Feb are left
    vi.setSystemTime(new Date('2026-02-13T09:00:00+08:00'));
    const q = (await api(t, 'GET', `/fund/reviews?estateId=${w.estateA.estateId}&pageSize=200`, w.districtA)).json();
    expect(q.today).toBe('2026-02-13');
    expect(q.items.find((x: { applicationId: number }) => x.applicationId === id)).toMatchObject({ daysLeft: 4, overdue: false, calendarKnown: true });
  });

  it('the city\'s own review period (fund_city_rules) replaces the default 5 working days', async () => {
    await t.pool.query(`INSERT INTO fund_city_rules (city_region_id, review_working_days) VALUES ($1, 3)`, [w.regions.a.cityId]);
    try {
      vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-02-12T10:00:00+08:00') });
      const { body } = await confirmedEmergency('三日审核');
      expect(body).toMatchObject({ reviewStartedOn: '2026-02-12', reviewDueOn: '2026-02-24' });
    } finally {
      await t.pool.query(`DELETE FROM fund_city_rules WHERE city_region_id = $1`, [w.regions.a.cityId]);
    }
  });

  it('GET /fund/calendar: anyone may read a year\'s days off and adjusted working days', async () => {
    const r = await api(t, 'GET', '/fund/calendar?year=2026', null);
    expect(r.statusCode, r.body).toBe(200);
    const v = r.json();
    expect(v).toMatchObject({ year: 2026, known: true });
    expect(v.holidays).toContainEqual({ date: '2026-02-17', name: '春节' });
    expect(v.workdays).toContainEqual({ date: '2026-02-14', name: '春节' });
    const unknown = (await api(t, 'GET', '/fund/calendar?year=2031', null)).json();
    expect(unknown).toMatchObject({ year: 2031, known: false, holidays: [], workdays: [] });
    expect((await api(t, 'GET', '/fund/calendar?year=abc', null)).statusCode).toBe(400);
  });
});

describe('overdue job', () => {
  const overdueInbox = (who: Person) => inbox(who, '%审核已超期%');
  /** Moves the review's deadline into the past and makes its job due, as the meetings tests move voting times. */
  async function passDeadline(id: number) {
    await t.pool.query(`UPDATE fund_applications SET review_due_on = '2026-01-05', review_started_on = '2025-12-29' WHERE id = $1`, [id]);
    await t.pool.query(`UPDATE jobs SET run_at = now() - interval '1 second' WHERE kind = 'fund.review_due' AND status = 'pending' AND payload->>'applicationId' = $1`, [String(id)]);
  }

  it('before the deadline the job does nothing but watch it again', async () => {
    const { id } = await confirmedEmergency('未到期');
    await t.pool.query(`UPDATE jobs SET run_at = now() - interval '1 second' WHERE kind = 'fund.review_due' AND payload->>'applicationId' = $1`, [String(id)]);
    await runDueJobs(t);
    expect((await appRow(t, id)).review_overdue).toBe(false);
    const again = await t.pool.query(`SELECT status FROM jobs WHERE kind = 'fund.review_due' AND payload->>'applicationId' = $1 AND dedupe_key LIKE '%:again'`, [String(id)]);
    expect(again.rows.map((r) => r.status)).toEqual(['pending']);
  });

  it('past the deadline: flagged overdue, district and city officers told once, audited once — a second run changes nothing', async () => {
    const districtBefore = await overdueInbox(w.districtA);
    const cityBefore = await overdueInbox(w.city);
    const { id } = await confirmedEmergency('超期未审');
    await passDeadline(id);
    const ran = await runDueJobs(t);
    expect(ran.filter((r) => r.kind === 'fund.review_due').map((r) => r.outcome)).toContain('done');
    const row = await appRow(t, id);
    expect(row.review_overdue).toBe(true);
    expect(row.escalated_at).not.toBeNull();
    expect(await overdueInbox(w.districtA)).toBe(districtBefore + 1);
    expect(await overdueInbox(w.city)).toBe(cityBefore + 1);
    expect(await overdueInbox(w.districtB)).toBe(0);
    expect(await overdueInbox(w.streetA)).toBe(0);
    // a second job for the same review (a retry, a duplicate) finds it flagged already
    await t.pool.query(`INSERT INTO jobs (kind, payload, run_at) VALUES ('fund.review_due', $1, now() - interval '1 second')`, [JSON.stringify({ applicationId: id, dueOn: '2026-01-05' })]);
    await runDueJobs(t);
    expect(await overdueInbox(w.districtA)).toBe(districtBefore + 1);
    expect(await overdueInbox(w.city)).toBe(cityBefore + 1);
    const audits = await t.pool.query(`SELECT summary FROM audit_events WHERE action = 'fund.review.overdue' AND target_id = $1`, [String(id)]);
    expect(audits.rows).toHaveLength(1);
    expect(audits.rows[0].summary).toMatchObject({ reviewDueOn: '2026-01-05', notifiedDistrict: 1, notifiedCity: 1 });
    // shown in the queue; the district may still decide, and the decision records the delay
    const q = (await api(t, 'GET', '/fund/reviews?overdue=1&pageSize=200', w.districtA)).json();
    expect(q.items.find((x: { applicationId: number }) => x.applicationId === id)).toMatchObject({ overdue: true, escalatedAt: expect.any(String) });
    expect((await api(t, 'POST', `/fund/applications/${id}/approve`, w.districtA, {})).statusCode).toBe(200);
    const approve = await t.pool.query(`SELECT summary FROM audit_events WHERE action = 'fund.application.approve' AND target_id = $1`, [String(id)]);
    expect(approve.rows[0].summary).toMatchObject({ overdue: true });
  });

  it('decided in time: the job finds nothing to flag', async () => {
    const { id } = await confirmedEmergency('按时审结');
    expect((await api(t, 'POST', `/fund/applications/${id}/reject`, w.districtA, { reason: '预算依据不足' })).statusCode).toBe(200);
    const before = await overdueInbox(w.districtA);
    await passDeadline(id);
    await t.pool.query(`UPDATE jobs SET run_at = now() - interval '1 second' WHERE kind = 'fund.review_due' AND payload->>'applicationId' = $1`, [String(id)]);
    await runDueJobs(t);
    const row = await appRow(t, id);
    expect([row.state, row.review_overdue]).toEqual(['rejected', false]);
    expect(await overdueInbox(w.districtA)).toBe(before);
  });
});
