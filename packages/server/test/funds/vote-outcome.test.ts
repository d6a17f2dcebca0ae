import { beforeAll, describe, expect, it } from 'vitest';
import { cast } from '../meetings/results-support.ts';
import { closeMeeting, openMeeting, type OpenedMeeting } from '../meetings/support.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, appRow, auditActions, seedApplication } from './review-support.ts';

// The ordinary path's vote outcome, through a real meeting: a matter-5 item limited to 1栋 is
// voted on by the owners through the API, closed and tallied by the real jobs, and its result
// published by the convener; the application follows (meeting-outcome.ts). The application is
// linked to the item as put-to-vote links it (that step is the applications part's).

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

async function meetingWithFundItem(): Promise<{ m: OpenedMeeting; itemId: number; appId: number }> {
  const m = await openMeeting(t, {
    items: [{ kind: 'matter', matter: 5, title: '使用维修资金更换1栋电梯主板', scope: { buildings: ['1栋'] } }],
  });
  const itemId = m.itemIds[0]!;
  const appId = await seedApplication(t, {
    estateId: m.estateId, createdBy: m.convener.accountId, state: 'in_vote', path: 'ordinary', title: '1栋电梯主板更换',
    unitIds: m.units.filter((u) => u.building === '1栋').map((u) => u.id),
  });
  await t.pool.query(`UPDATE fund_applications SET meeting_id = $2, meeting_item_id = $3 WHERE id = $1`, [appId, m.meetingId, itemId]);
  return { m, itemId, appId };
}

async function publishResult(m: OpenedMeeting) {
  expect(await closeMeeting(t, m.meetingId)).toBe('tallied');
  const pub = await api(t, 'POST', `/meetings/${m.meetingId}/publish-result`, m.convener, {});
  expect(pub.statusCode, pub.body).toBe(200);
}

describe('vote outcome', () => {
  it('owners of 1栋 pass the item: on publication of the result the district review starts, with its deadline job', async () => {
    const { m, itemId, appId } = await meetingWithFundItem();
    for (const n of ['A', 'B', 'C', 'E']) await cast(t, m.owner(n).cookie, m.meetingId, [{ itemId, choice: 'yes' }], m.owner(n).voterKey);
    // tallied but not yet published: the application still waits
    expect(await closeMeeting(t, m.meetingId)).toBe('tallied');
    expect((await appRow(t, appId)).state).toBe('in_vote');
    const pub = await api(t, 'POST', `/meetings/${m.meetingId}/publish-result`, m.convener, {});
    expect(pub.statusCode, pub.body).toBe(200);
    const row = await appRow(t, appId);
    expect(row.state).toBe('under_review');
    expect(row.review_started_on).not.toBeNull();
    expect(row.review_due_on > row.review_started_on).toBe(true);
    expect(Number(row.meeting_item_id)).toBe(itemId);
    const job = await t.pool.query(`SELECT count(*)::int AS n FROM jobs WHERE kind = 'fund.review_due' AND payload->>'applicationId' = $1`, [String(appId)]);
    expect(job.rows[0].n).toBe(1);
    expect(await auditActions(t, appId)).toEqual(['fund.application.vote_passed']);
    const audit = await t.pool.query(`SELECT actor_role, summary FROM audit_events WHERE action = 'fund.application.vote_passed' AND target_id = $1`, [String(appId)]);
    expect(audit.rows[0]).toMatchObject({ actor_role: 'system', summary: { meetingId: m.meetingId, itemId, reviewDueOn: row.review_due_on } });
  });

  it('too few owners take part: on publication the application is rejected with the tally\'s outcome as the reason', async () => {
    const { m, itemId, appId } = await meetingWithFundItem();
    await cast(t, m.owner('A').cookie, m.meetingId, [{ itemId, choice: 'yes' }], m.owner('A').voterKey);
    await publishResult(m);
    const row = await appRow(t, appId);
    expect(row.state).toBe('rejected');
    expect(row.decision_reason).toContain('表决未通过');
    expect(row.decision_reason).toContain('三分之二');
    expect(row.review_due_on).toBeNull();
    expect(await auditActions(t, appId)).toEqual(['fund.application.vote_failed']);
  });

  it('the owners vote no: rejected, the reason names the majority it missed', async () => {
    const { m, itemId, appId } = await meetingWithFundItem();
    for (const n of ['A', 'B', 'C', 'E']) await cast(t, m.owner(n).cookie, m.meetingId, [{ itemId, choice: 'no' }], m.owner(n).voterKey);
    await publishResult(m);
    const row = await appRow(t, appId);
    expect(row.state).toBe('rejected');
    expect(row.decision_reason).toContain('过半数');
  });

  it('the meeting is cancelled: the application is unlinked and waits for another meeting', async () => {
    const { m, appId } = await meetingWithFundItem();
    const c = await api(t, 'POST', `/meetings/${m.meetingId}/cancel`, m.convener, { reason: '名册有误，重新召集' });
    expect(c.statusCode, c.body).toBe(200);
    const row = await appRow(t, appId);
    expect([row.state, row.meeting_id, row.meeting_item_id]).toEqual(['submitted', null, null]);
    expect(await auditActions(t, appId)).toEqual(['fund.application.vote_cancelled']);
  });

  it('a meeting without fund items publishes its result as before', async () => {
    const m = await openMeeting(t, { items: [{ kind: 'matter', matter: 1, title: '修订议事规则' }] });
    await publishResult(m);
    const r = await t.pool.query(`SELECT state FROM meetings WHERE id = $1`, [m.meetingId]);
    // publication moves on into the objection period in the same step
    expect(['result_published', 'objection_period']).toContain(r.rows[0].state);
  });
});
