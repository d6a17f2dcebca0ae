import { beforeAll, describe, expect, it } from 'vitest';
import { scheduleMeetingReminders } from '../../src/modules/meetings/reminder-jobs.ts';
import { withTx } from '../../src/platform/db.ts';
import { createRegionTree } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { castBallots, minutesAgo } from './monitoring-facts.ts';
import { closeMeeting, official, openMeeting, runDueJobs, type OpenedMeeting } from './support.ts';

// Reminders to owners who have not voted: the convener's button (POST /meetings/:id/reminders,
// once per meeting per hour, only while voting is open) and the scheduled 'meeting.remind' jobs.
// The helper's estate has bound accounts for owners A, B, C, D (C & D co-own one head), E, G, H.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const remind = (m: OpenedMeeting, cookie = m.convener.cookie) =>
  t.request({ method: 'POST', url: `/api/v1/meetings/${m.meetingId}/reminders`, cookie });
const reminderInbox = async (accountId: number) =>
  (await t.pool.query(`SELECT subject, body FROM notifications WHERE account_id = $1 AND channel = 'inbox' AND subject LIKE '投票提醒%'`, [accountId])).rows;
const reminderRows = async (meetingId: number) =>
  (await t.pool.query('SELECT kind, recipients, sent_by::int AS sent_by FROM meeting_reminders WHERE meeting_id = $1 ORDER BY id', [meetingId])).rows;

/** A votes on both items, B on the matter item only, C on both for the co-owned head C&D. */
async function someVote(m: OpenedMeeting) {
  const both = (voterKey: string) => [
    { itemId: m.itemIds[0]!, voterKey, castAt: minutesAgo(1) },
    { itemId: m.itemIds[1]!, voterKey, castAt: minutesAgo(1), approvals: [m.candidateIds[0]!] },
  ];
  await castBallots(t, m.meetingId, [
    ...both(m.owner('A').voterKey),
    { itemId: m.itemIds[0]!, voterKey: m.owner('B').voterKey, castAt: minutesAgo(1) },
    ...both(m.owner('C').voterKey),
  ]);
}

describe('manual reminders', () => {
  it('convener: reminds every bound owner still missing a ballot on some item, in the app, and the reminder is audited', async () => {
    const m = await openMeeting(t);
    await someVote(m);
    const res = await remind(m);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.count).toBe(4); // B (one item left), E, G, H — not A, not C or D (their head voted)
    expect(Date.parse(body.nextAllowedAt) - Date.parse(body.sentAt)).toBe(3600_000);
    for (const n of ['B', 'E', 'G', 'H']) {
      const inbox = await reminderInbox(m.owner(n).accountId);
      expect(inbox, n).toHaveLength(1);
      expect(inbox[0].body).toContain('北京时间');
    }
    for (const n of ['A', 'C', 'D']) expect(await reminderInbox(m.owner(n).accountId), n).toEqual([]);
    // the owner reads it through the inbox API
    const mine = await t.request({ method: 'GET', url: '/api/v1/notifications', cookie: m.owner('E').cookie });
    expect(mine.json().items.some((x: { subject: string }) => x.subject.startsWith('投票提醒'))).toBe(true);
    expect(await reminderRows(m.meetingId)).toEqual([{ kind: 'manual', recipients: 4, sent_by: m.convener.accountId }]);
    const audit = await t.pool.query(
      `SELECT actor_account_id::int AS actor_account_id, estate_id::int AS estate_id, summary FROM audit_events WHERE action = 'meeting.remind' AND target_id = $1`,
      [String(m.meetingId)],
    );
    expect(audit.rows).toEqual([{ actor_account_id: m.convener.accountId, estate_id: m.estateId, summary: { kind: 'manual', recipients: 4 } }]);
  });

  it('convener: a second reminder within the hour is refused with the time it may go again; an hour later it goes', async () => {
    const m = await openMeeting(t);
    expect((await remind(m)).statusCode).toBe(200);
    const before = await t.pool.query('SELECT count(*)::int AS n FROM notifications');
    const again = await remind(m);
    expect(again.statusCode).toBe(429);
    expect(again.json().code).toBe('RATE_LIMITED');
    expect(again.json().message).toMatch(/每场会议每小时只能手动发送一次投票提醒.*请于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）后再试/);
    expect(again.json().details.nextAllowedAt).toBeDefined();
    expect((await t.pool.query('SELECT count(*)::int AS n FROM notifications')).rows[0].n).toBe(before.rows[0].n);
    expect(await reminderRows(m.meetingId)).toHaveLength(1);

    await t.pool.query(`UPDATE meeting_reminders SET sent_at = sent_at - interval '61 minutes' WHERE meeting_id = $1`, [m.meetingId]);
    const later = await remind(m);
    expect(later.statusCode).toBe(200);
    expect(later.json().count).toBe(7); // nobody has voted: every bound account
  });

  it('five committee members pressing at the same moment: one reminder goes, the others are refused', async () => {
    const m = await openMeeting(t);
    const others = await Promise.all(['committee_secretary', 'committee_member', 'committee_chair', 'committee_member'].map((r) => official(t, r as 'committee_member', m.estateId)));
    const answers = await Promise.all([m.convener, ...others].map((who) => remind(m, who.cookie)));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 429, 429, 429, 429]);
    expect(await reminderRows(m.meetingId)).toHaveLength(1);
    expect(await reminderInbox(m.owner('E').accountId)).toHaveLength(1);
  });

  it('convener: before voting opens, nothing is sent (409); after close neither', async () => {
    const notice = await openMeeting(t, { stopAt: 'notice_published' });
    const early = await remind(notice);
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toBe('只有投票进行中的会议才能发送投票提醒');
    expect(await reminderRows(notice.meetingId)).toEqual([]);

    const m = await openMeeting(t);
    expect(await closeMeeting(t, m.meetingId)).not.toBe('voting_open');
    expect((await remind(m)).statusCode).toBe(409);
    expect(await reminderInbox(m.owner('E').accountId)).toEqual([]);
  });

  it('street officer of the street: may remind; officers elsewhere: 404; auditor and owners: 403', async () => {
    const m = await openMeeting(t);
    const elsewhere = await createRegionTree(t.pool);
    const stranger = await official(t, 'street_officer', elsewhere.streetId);
    const res = await remind(m, stranger.cookie);
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe('会议不存在');
    expect((await remind(m, (await official(t, 'auditor', m.streetId)).cookie)).statusCode).toBe(403);
    expect((await remind(m, m.owner('A').cookie)).statusCode).toBe(403);
    expect(await reminderRows(m.meetingId)).toEqual([]);
    const ok = await remind(m, m.street.cookie);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().count).toBe(7);
  });
});

describe('scheduled reminders', () => {
  const jobsOf = async (meetingId: number) =>
    (await t.pool.query(
      `SELECT payload->>'slot' AS slot, run_at, status FROM jobs WHERE kind = 'meeting.remind' AND payload->>'meetingId' = $1 ORDER BY run_at`,
      [String(meetingId)],
    )).rows;

  it('convener: publishing the notice schedules reminders 3 days and 1 day before close, once however often scheduling runs', async () => {
    const m = await openMeeting(t, { stopAt: 'notice_published' });
    const jobs = await jobsOf(m.meetingId);
    expect(jobs.map((j) => [j.slot, j.status])).toEqual([['3d', 'pending'], ['1d', 'pending']]);
    const w = await t.pool.query('SELECT voting_opens_at, voting_closes_at FROM meetings WHERE id = $1', [m.meetingId]);
    const meeting = { id: m.meetingId, votingOpensAt: w.rows[0].voting_opens_at as Date, votingClosesAt: w.rows[0].voting_closes_at as Date };
    const close = meeting.votingClosesAt.getTime();
    expect(jobs.map((j) => close - (j.run_at as Date).getTime())).toEqual([3 * 86_400_000, 86_400_000]);
    expect(await withTx(t.pool, (db) => scheduleMeetingReminders(db, meeting))).toEqual([]);
    expect(await jobsOf(m.meetingId)).toHaveLength(2);
  });

  it('system: a window shorter than three days gets only the last-day reminder', async () => {
    const now = Date.now();
    const scheduled = await withTx(t.pool, (db) =>
      scheduleMeetingReminders(db, { id: 987654321, votingOpensAt: new Date(now), votingClosesAt: new Date(now + 2 * 86_400_000) }));
    expect(scheduled).toEqual(['1d']);
  });

  it('system: a due reminder goes to the non-voters while voting is open; once the meeting is closed the job sends nothing', async () => {
    const m = await openMeeting(t);
    await someVote(m); // the reminders were scheduled when the notice was published
    const due = (slot: string) => t.pool.query(
      `UPDATE jobs SET run_at = now() - interval '1 second' WHERE kind = 'meeting.remind' AND payload->>'meetingId' = $1 AND payload->>'slot' = $2`,
      [String(m.meetingId), slot],
    );
    await due('3d');
    const ran = await runDueJobs(t);
    expect(ran.filter((r) => r.kind === 'meeting.remind').map((r) => r.outcome)).toEqual(['done']);
    expect(await reminderRows(m.meetingId)).toEqual([{ kind: 'scheduled', recipients: 4, sent_by: null }]);
    expect(await reminderInbox(m.owner('E').accountId)).toHaveLength(1);
    const audit = await t.pool.query(`SELECT actor_role, summary FROM audit_events WHERE action = 'meeting.remind' AND target_id = $1`, [String(m.meetingId)]);
    expect(audit.rows).toEqual([{ actor_role: 'system', summary: { kind: 'scheduled', recipients: 4, slot: '3d' } }]);
    // a scheduled reminder does not use up the convener's manual one
    expect((await remind(m)).statusCode).toBe(200);

    expect(await closeMeeting(t, m.meetingId)).not.toBe('voting_open');
    await due('1d');
    const after = await runDueJobs(t);
    expect(after.filter((r) => r.kind === 'meeting.remind').map((r) => r.outcome)).toEqual(['done']);
    expect((await reminderRows(m.meetingId)).map((r) => r.kind)).toEqual(['scheduled', 'manual']);
    expect(await reminderInbox(m.owner('E').accountId)).toHaveLength(2);
  });
});
