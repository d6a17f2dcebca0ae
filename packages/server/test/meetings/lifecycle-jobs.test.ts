import { describe, expect, it } from 'vitest';
import { allJobHandlers } from '../../src/app.ts';
import { JobRunner } from '../../src/platform/jobs/index.ts';
import { createOwner } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { closeMeeting, openMeeting, openVotingNow, runDueJobs, type Signed } from './support.ts';

// The durable jobs of the lifecycle (open, close, finalise, the notice to owners), the result's
// publication and objection period, and the roster frozen at notice.

const call = (t: TestApp, method: string, url: string, who: Signed, body?: unknown) =>
  t.request({ method, url: `/api/v1${url}`, cookie: who.cookie, body });
const meetingRow = async (t: TestApp, id: number) => (await t.pool.query('SELECT * FROM meetings WHERE id = $1', [id])).rows[0];
const jobs = async (t: TestApp, id: number, kind: string) =>
  (await t.pool.query(`SELECT * FROM jobs WHERE kind = $2 AND payload->>'meetingId' = $1 ORDER BY id`, [String(id), kind])).rows;
const newRunner = (t: TestApp, name: string) => new JobRunner({ pool: t.pool, handlers: allJobHandlers(), instanceId: name });

describe('meetings: the voting window is opened and closed by durable jobs', () => {
  it('system job: nothing opens before voting_opens_at; the job row survives a restart and a new runner opens the window', async () => {
    const t = await createTestApp();
    const m = await openMeeting(t, { stopAt: 'notice_published' });
    // the first "process": runs what is due (the owners' notice), and then goes away
    const first = newRunner(t, 'before-restart');
    await runDueJobs(t, first);
    expect((await meetingRow(t, m.meetingId)).state).toBe('notice_published');
    const [open] = await jobs(t, m.meetingId, 'meeting.open_voting');
    expect(open).toMatchObject({ status: 'pending', attempts: 0 });

    // time passes (the stored moments move into the past); a new process starts its runner
    await t.pool.query(`UPDATE meetings SET voting_opens_at = now() - interval '1 minute' WHERE id = $1`, [m.meetingId]);
    await t.pool.query(`UPDATE jobs SET run_at = now() - interval '1 second' WHERE id = $1`, [open.id]);
    const ran = await runDueJobs(t, newRunner(t, 'after-restart'));
    expect(ran.map((r) => r.kind)).toEqual(['meeting.open_voting']);
    expect((await meetingRow(t, m.meetingId)).state).toBe('voting_open');
    const [done] = await jobs(t, m.meetingId, 'meeting.open_voting');
    expect(done).toMatchObject({ status: 'done', ran_by: 'after-restart' });
    const audit = await t.pool.query(`SELECT actor_role, summary FROM audit_events WHERE action = 'meeting.open_voting' AND target_id = $1`, [String(m.meetingId)]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ actor_role: 'system', summary: { from: 'notice_published', to: 'voting_open', actor: 'system' } });
  });

  it('system job: a job that fires before its meeting\'s moment changes nothing and is scheduled again for that moment', async () => {
    const t = await createTestApp();
    const m = await openMeeting(t, { stopAt: 'notice_published' });
    await t.pool.query(`UPDATE jobs SET run_at = now() - interval '1 second' WHERE kind = 'meeting.open_voting' AND payload->>'meetingId' = $1`, [String(m.meetingId)]);
    await runDueJobs(t);
    const row = await meetingRow(t, m.meetingId);
    expect(row.state).toBe('notice_published');
    const all = await jobs(t, m.meetingId, 'meeting.open_voting');
    expect(all.map((j) => j.status)).toEqual(['done', 'pending']);
    expect((all[1].run_at as Date).getTime()).toBe((row.voting_opens_at as Date).getTime());
  });

  it('system job: closes the window at voting_closes_at, then the tally job follows (closed → tallied)', async () => {
    const t = await createTestApp();
    const m = await openMeeting(t);
    // not yet due: running jobs leaves the meeting open
    await runDueJobs(t);
    expect((await meetingRow(t, m.meetingId)).state).toBe('voting_open');
    const state = await closeMeeting(t, m.meetingId);
    expect(state).toBe('tallied');
    const row = await meetingRow(t, m.meetingId);
    expect(row.closed_at).not.toBeNull();
    expect(await jobs(t, m.meetingId, 'meeting.tally')).toHaveLength(1);
    const actions = await t.pool.query(`SELECT action FROM audit_events WHERE target_type = 'meeting' AND target_id = $1 ORDER BY seq`, [String(m.meetingId)]);
    expect(actions.rows.map((r) => r.action)).toEqual([
      'meeting.create', 'meeting.submit', 'meeting.approve', 'meeting.publish_notice', 'meeting.open_voting', 'meeting.close',
      ...actions.rows.slice(6).map((r) => r.action),
    ]);
  });

  it('convener: a meeting cancelled during voting is left alone by its close job', async () => {
    const t = await createTestApp();
    const m = await openMeeting(t);
    expect((await call(t, 'POST', `/meetings/${m.meetingId}/cancel`, m.convener, { reason: '发现名册错误' })).statusCode).toBe(200);
    await closeMeeting(t, m.meetingId);
    const row = await meetingRow(t, m.meetingId);
    expect(row.state).toBe('cancelled');
    expect(row.closed_at).toBeNull();
    expect(await jobs(t, m.meetingId, 'meeting.tally')).toHaveLength(0);
    expect((await jobs(t, m.meetingId, 'meeting.close'))[0].status).toBe('done');
  });
});

describe('meetings: result, objection period, final', () => {
  it('committee chair publishes the tallied result; the objection period starts and a job finalises it at its end', async () => {
    const t = await createTestApp();
    const m = await openMeeting(t);
    // refused before the tally: wrong state
    expect((await call(t, 'POST', `/meetings/${m.meetingId}/publish-result`, m.convener)).statusCode).toBe(409);
    expect(await closeMeeting(t, m.meetingId)).toBe('tallied');
    // after the tally no one may cancel (the result exists)
    expect((await call(t, 'POST', `/meetings/${m.meetingId}/cancel`, m.street, { reason: '太晚了' })).statusCode).toBe(409);
    // the street officer is not this meeting's convener
    expect((await call(t, 'POST', `/meetings/${m.meetingId}/publish-result`, m.street)).statusCode).toBe(403);

    const res = await call(t, 'POST', `/meetings/${m.meetingId}/publish-result`, m.convener);
    expect(res.statusCode).toBe(200);
    expect(res.json().state).toBe('objection_period');
    const row = await meetingRow(t, m.meetingId);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    // published today, 15 days not counting today: the period's last day is today + 15, so it ends at the start of today + 16
    const expectedEnd = new Date(Date.parse(`${today}T00:00:00+08:00`) + 16 * 86_400_000);
    expect((row.objection_ends_at as Date).toISOString()).toBe(expectedEnd.toISOString());
    expect(row.result_published_at).not.toBeNull();
    const [fin] = await jobs(t, m.meetingId, 'meeting.finalise');
    expect((fin.run_at as Date).toISOString()).toBe(expectedEnd.toISOString());

    await runDueJobs(t);
    expect((await meetingRow(t, m.meetingId)).state).toBe('objection_period');
    await t.pool.query(`UPDATE meetings SET objection_ends_at = now() - interval '1 second' WHERE id = $1`, [m.meetingId]);
    await t.pool.query(`UPDATE jobs SET run_at = now() - interval '1 second' WHERE id = $1`, [fin.id]);
    await runDueJobs(t);
    const final = await meetingRow(t, m.meetingId);
    expect(final.state).toBe('final');
    expect(final.finalised_at).not.toBeNull();
    const audit = await t.pool.query(`SELECT action, actor_role FROM audit_events WHERE target_id = $1 AND action IN ('meeting.publish_result', 'meeting.start_objection_period', 'meeting.finalise') ORDER BY seq`, [String(m.meetingId)]);
    expect(audit.rows.map((r) => [r.action, r.actor_role])).toEqual([
      ['meeting.publish_result', 'committee_chair'], ['meeting.start_objection_period', 'system'], ['meeting.finalise', 'system'],
    ]);
    expect((await call(t, 'POST', `/meetings/${m.meetingId}/publish-result`, m.convener)).statusCode).toBe(409);
  });
});

describe('meetings: the notice reaches owners; the roster is frozen', () => {
  it('bound owners: each gets the notice in the app inbox; the convener does not', async () => {
    const t = await createTestApp();
    const m = await openMeeting(t, { stopAt: 'notice_published' });
    await runDueJobs(t);
    const inbox = await t.pool.query(`SELECT account_id, subject, body FROM notifications WHERE channel = 'inbox' AND subject LIKE '业主大会会议公告%'`);
    expect(inbox.rows.map((r) => Number(r.account_id)).sort((a, b) => a - b)).toEqual(m.owners.map((o) => o.accountId).sort((a, b) => a - b));
    expect(inbox.rows[0].body).toContain('投票时间');
    const ownerView = await call(t, 'GET', '/notifications', m.owner('A'));
    expect(ownerView.body).toContain('业主大会会议公告');
  });

  it('street officer: a transfer after the notice does not change the frozen roster; the roster shows no names', async () => {
    const t = await createTestApp();
    const m = await openMeeting(t, { stopAt: 'notice_published' });
    const unit = m.units.find((u) => u.building === '1栋' && u.number === '101')!;
    const before = (await t.pool.query('SELECT * FROM meeting_roster_units WHERE meeting_id = $1 ORDER BY unit_id', [m.meetingId])).rows;
    const buyer = await createOwner(t.pool, { name: '新买家王五' });
    const transfer = await call(t, 'POST', `/units/${unit.id}/transfer`, m.street, { owners: [{ ownerId: buyer }], date: new Date().toISOString().slice(0, 10) });
    expect(transfer.statusCode).toBe(200);
    const current = await t.pool.query('SELECT owner_id FROM ownerships WHERE unit_id = $1 AND valid_to IS NULL', [unit.id]);
    expect(current.rows.map((r) => Number(r.owner_id))).toEqual([buyer]);
    await openVotingNow(t, m.meetingId);
    const after = (await t.pool.query('SELECT * FROM meeting_roster_units WHERE meeting_id = $1 ORDER BY unit_id', [m.meetingId])).rows;
    expect(after).toEqual(before);
    expect(after.find((r) => Number(r.unit_id) === unit.id)!.voter_key).toBe(m.owner('A').voterKey);

    const res = await call(t, 'GET', `/meetings/${m.meetingId}/roster?pageSize=200`, m.street);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 12, unitCount: 12, householdCount: 9 });
    expect(body.totalAreaCenti).toBe(m.units.length * 8000 + 125 * (m.units.length * (m.units.length - 1)) / 2);
    expect(body.items[0]).toEqual({ unitId: expect.any(Number), building: '1栋', number: '101', kind: 'residential', status: 'sold', areaCenti: 8000, areaSource: 'registry' });
    const names = (await t.pool.query('SELECT name FROM owners')).rows.map((r) => String(r.name));
    for (const n of names) expect(res.body).not.toContain(n);
    expect(res.body).not.toMatch(/"o\d+/);
    const page2 = (await call(t, 'GET', `/meetings/${m.meetingId}/roster?pageSize=5&page=3`, m.convener)).json();
    expect(page2.items.map((u: { building: string; number: string }) => `${u.building}-${u.number}`)).toEqual(['2栋-105', '2栋-106']);
  });
});
