import { beforeAll, describe, expect, it } from 'vitest';
import { createRegionTree } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildEstate, meetingBody, official, type Signed } from './support.ts';

// Submit, approve, reject and publish the notice, by role, with every refusal: wrong state,
// wrong role, another street's officer (404), reason required, approval problems, notice period.

let t: TestApp;
let e: Awaited<ReturnType<typeof buildEstate>>;
const DAY = 86_400_000;
const call = (method: string, url: string, who: Signed, body?: unknown) => t.request({ method, url: `/api/v1${url}`, cookie: who.cookie, body });
const step = (id: number, path: string, who: Signed, body?: unknown) => call('POST', `/meetings/${id}/${path}`, who, body ?? {});
const stateOf = async (id: number) => String((await t.pool.query('SELECT state FROM meetings WHERE id = $1', [id])).rows[0].state);
const issuesOf = (res: { json(): { details?: { issues?: { field: string }[] } } }) => (res.json().details?.issues ?? []).map((i) => i.field);

async function draft(over: Record<string, unknown> = {}, who: Signed = e.convener): Promise<number> {
  const res = await call('POST', '/meetings', who, meetingBody(e.estateId, over));
  if (res.statusCode !== 200) throw new Error(`create failed ${res.statusCode}: ${res.body}`);
  return res.json().id;
}
async function submitted(over: Record<string, unknown> = {}, who: Signed = e.convener): Promise<number> {
  const id = await draft(over, who);
  expect((await step(id, 'submit', who)).statusCode).toBe(200);
  return id;
}

/** 09:00 local time, `days` local days after today (Asia/Shanghai). */
function localMorningIn(days: number): string {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const d = new Date(Date.parse(`${today}T09:00:00+08:00`) + days * DAY);
  return d.toISOString();
}

beforeAll(async () => {
  t = await createTestApp();
  e = await buildEstate(t);
}, 60_000);

describe('meetings: submit and review', () => {
  it('committee chair submits; street officer approves; each step is audited with from/to', async () => {
    const id = await submitted();
    const seen = (await call('GET', `/meetings/${id}`, e.street)).json();
    expect(seen.availableActions.sort()).toEqual(['approve', 'cancel', 'reject']);
    expect((await call('GET', `/meetings/${id}`, e.convener)).json().availableActions).toEqual(['cancel']);
    const res = await step(id, 'approve', e.street);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id, state: 'approved', stateLabel: '已审核' });
    const audit = await t.pool.query(
      `SELECT action, summary, actor_account_id FROM audit_events WHERE target_type = 'meeting' AND target_id = $1 ORDER BY seq`, [String(id)],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['meeting.create', 'meeting.submit', 'meeting.approve']);
    expect(audit.rows[2].summary).toMatchObject({ from: 'submitted', to: 'approved', actor: 'street_office' });
    expect(Number(audit.rows[2].actor_account_id)).toBe(e.street.accountId);
  });

  it('committee chair: submitting twice is refused as the wrong state (409)', async () => {
    const id = await submitted();
    const res = await step(id, 'submit', e.convener);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('INVALID_TRANSITION');
    expect(res.json().message).toContain('待审核');
  });

  it('committee chair: cannot approve or reject (403: no permission)', async () => {
    const id = await submitted();
    expect((await step(id, 'approve', e.convener)).statusCode).toBe(403);
    expect((await step(id, 'reject', e.convener, { reason: '自己退回' })).statusCode).toBe(403);
    expect(await stateOf(id)).toBe('submitted');
  });

  it("street officer: cannot submit or publish a committee's meeting (403: wrong actor)", async () => {
    const id = await draft();
    const res = await step(id, 'submit', e.street);
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('召集人');
    expect(await stateOf(id)).toBe('draft');
  });

  it('street officer of another street: the meeting does not exist for them (404), whatever the step', async () => {
    const region = await createRegionTree(t.pool);
    const other = await official(t, 'street_officer', region.streetId);
    const id = await submitted();
    expect((await step(id, 'approve', other)).statusCode).toBe(404);
    expect((await step(id, 'reject', other, { reason: '越权' })).statusCode).toBe(404);
    expect((await step(id, 'cancel', other, { reason: '越权' })).statusCode).toBe(404);
    expect((await call('GET', `/meetings/${id}`, other)).statusCode).toBe(404);
    expect(await stateOf(id)).toBe('submitted');
  });

  it('street officer: rejecting needs a reason (400 body.reason); with one, the meeting returns to draft and can be resubmitted', async () => {
    const id = await submitted();
    const none = await step(id, 'reject', e.street, { reason: '   ' });
    expect(none.statusCode).toBe(400);
    expect(issuesOf(none)).toEqual(['body.reason']);
    expect(await stateOf(id)).toBe('submitted');
    const res = await step(id, 'reject', e.street, { reason: '户数与名册不符' });
    expect(res.json().state).toBe('draft');
    const m = (await call('GET', `/meetings/${id}`, e.convener)).json();
    expect(m.lastRejectReason).toBe('户数与名册不符');
    expect((await step(id, 'submit', e.convener)).statusCode).toBe(200);
  });

  it('street officer: approval reports every problem at once — household count and too few candidates', async () => {
    const id = await submitted({
      householdCount: 10,
      items: [{ kind: 'matter', matter: 1, title: '议事规则' }, { kind: 'election', title: '选举', seats: 3, candidates: [{ name: '甲' }, { name: '乙' }] }],
    });
    const res = await step(id, 'approve', e.street);
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res).sort()).toEqual(['householdCount', 'items.1.candidates']);
    expect(res.json().details.issues.find((i: { field: string }) => i.field === 'householdCount').message).toContain('9');
    expect(await stateOf(id)).toBe('submitted');
  });

  it('street officer: a committee cannot convene where none is in office', async () => {
    await t.pool.query(`UPDATE committees SET term_end = current_date - 1, term_start = current_date - 400 WHERE estate_id = $1`, [e.estateId]);
    try {
      const id = await submitted();
      const res = await step(id, 'approve', e.street);
      expect(res.statusCode).toBe(400);
      expect(issuesOf(res)).toEqual(['convenerKind']);
      expect(res.json().message).toContain('没有在任的业主委员会');
    } finally {
      await t.pool.query(`UPDATE committees SET term_end = current_date + 365 WHERE estate_id = $1`, [e.estateId]);
    }
  });

  it('street officer: the street office cannot convene where a committee is in office; a preparatory group only for a first meeting with an election', async () => {
    const own = await submitted({ convenerKind: 'street_office', convenerName: '测试街道办事处' }, e.street);
    const a = await step(own, 'approve', e.street);
    expect(a.statusCode).toBe(400);
    expect(issuesOf(a)).toEqual(['convenerKind']);
    const prep = await submitted({ convenerKind: 'preparatory_group', convenerName: '筹备组', items: [{ kind: 'matter', matter: 1, title: '议事规则' }] }, e.street);
    const b = await step(prep, 'approve', e.street);
    expect(b.statusCode).toBe(400);
    expect(issuesOf(b).sort()).toEqual(['convenerKind', 'items']);
  });
});

describe('meetings: publishing the notice', () => {
  async function approved(over: Record<string, unknown> = {}): Promise<number> {
    const id = await submitted(over);
    const res = await step(id, 'approve', e.street);
    if (res.statusCode !== 200) throw new Error(`approve failed ${res.statusCode}: ${res.body}`);
    return id;
  }
  const jobsOf = async (id: number) =>
    // the lifecycle's own jobs (reminders, H5's, are scheduled at notice too and tested there)
    (await t.pool.query(
      `SELECT kind, run_at, dedupe_key FROM jobs WHERE payload->>'meetingId' = $1
          AND kind IN ('meeting.open_voting', 'meeting.close', 'meeting.notify_notice') ORDER BY kind`,
      [String(id)],
    )).rows;
  const rosterSize = async (id: number) => Number((await t.pool.query('SELECT count(*) FROM meeting_roster_units WHERE meeting_id = $1', [id])).rows[0].count);

  it('committee chair: voting opening 14 local days after the notice is refused (400 votingOpensAt); nothing is frozen or scheduled', async () => {
    const id = await approved({ votingOpensAt: localMorningIn(14), votingClosesAt: localMorningIn(21) });
    const res = await step(id, 'publish-notice', e.convener);
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res)).toEqual(['votingOpensAt']);
    expect(res.json().message).toContain('至少提前 15 日');
    expect(await stateOf(id)).toBe('approved');
    expect(await rosterSize(id)).toBe(0);
    expect(await jobsOf(id)).toEqual([]);
  });

  it('committee chair: an extraordinary meeting gets no shorter notice where the profile allows none', async () => {
    const id = await approved({ extraordinary: true, votingOpensAt: localMorningIn(7), votingClosesAt: localMorningIn(10) });
    const res = await step(id, 'publish-notice', e.convener);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('不允许缩短公告期');
  });

  it('committee chair: exactly 15 local days is enough; the roster is frozen and the window jobs are scheduled at its times', async () => {
    const opens = localMorningIn(15);
    const closes = localMorningIn(22);
    const id = await approved({ votingOpensAt: opens, votingClosesAt: closes });
    const res = await step(id, 'publish-notice', e.convener);
    expect(res.statusCode).toBe(200);
    expect(res.json().state).toBe('notice_published');
    const m = (await call('GET', `/meetings/${id}`, e.convener)).json();
    expect(m.rosterFrozen).toBe(true);
    expect(m.noticePublishedOn).toBe(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
    expect(await rosterSize(id)).toBe(12);
    const jobs = await jobsOf(id);
    expect(jobs.map((j) => j.kind)).toEqual(['meeting.close', 'meeting.notify_notice', 'meeting.open_voting']);
    expect((jobs.find((j) => j.kind === 'meeting.open_voting')!.run_at as Date).toISOString()).toBe(opens);
    expect((jobs.find((j) => j.kind === 'meeting.close')!.run_at as Date).toISOString()).toBe(closes);
    expect(jobs.every((j) => typeof j.dedupe_key === 'string' && j.dedupe_key.includes(String(id)))).toBe(true);
  });

  it('committee chair: publishing twice is refused (409) and schedules nothing more; the street officer cannot publish (403)', async () => {
    const id = await approved();
    expect((await step(id, 'publish-notice', e.street)).statusCode).toBe(403);
    expect((await step(id, 'publish-notice', e.convener)).statusCode).toBe(200);
    const again = await step(id, 'publish-notice', e.convener);
    expect(again.statusCode).toBe(409);
    expect(await jobsOf(id)).toHaveLength(3);
    expect(await rosterSize(id)).toBe(12);
  });

  it('committee chair: a draft cannot be published (409)', async () => {
    const id = await draft();
    const res = await step(id, 'publish-notice', e.convener);
    expect(res.statusCode).toBe(409);
    expect(await stateOf(id)).toBe('draft');
  });
});

describe('meetings: cancelling', () => {
  it('committee chair: cancelling needs a reason; with one it is cancelled and stays so', async () => {
    const id = await draft();
    const none = await step(id, 'cancel', e.convener, {});
    expect(none.statusCode).toBe(400);
    expect(issuesOf(none)).toEqual(['body.reason']);
    const res = await step(id, 'cancel', e.convener, { reason: '议题需要重新准备' });
    expect(res.json().state).toBe('cancelled');
    const m = (await call('GET', `/meetings/${id}`, e.convener)).json();
    expect(m).toMatchObject({ cancelReason: '议题需要重新准备', availableActions: [] });
    expect(m.cancelledAt).not.toBeNull();
    expect((await step(id, 'cancel', e.convener, { reason: '再次取消' })).statusCode).toBe(409);
    expect((await step(id, 'submit', e.convener)).statusCode).toBe(409);
  });

  it("street officer: may stop a committee's meeting after its notice; owner: may not (403)", async () => {
    const id = await submitted();
    await step(id, 'approve', e.street);
    await step(id, 'publish-notice', e.convener);
    expect((await step(id, 'cancel', e.owners[0]!, { reason: '不同意' })).statusCode).toBe(403);
    const res = await step(id, 'cancel', e.street, { reason: '召集程序违法，责令改正' });
    expect(res.statusCode).toBe(200);
    const audit = await t.pool.query(`SELECT summary FROM audit_events WHERE action = 'meeting.cancel' AND target_id = $1`, [String(id)]);
    expect(audit.rows[0].summary).toMatchObject({ actor: 'street_office', reason: '召集程序违法，责令改正' });
  });
});
