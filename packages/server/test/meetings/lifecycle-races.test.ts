import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.ts';
import { closeMeeting, openMeeting, runDueJobs } from './support.ts';

// Steps racing each other: the meeting row lock (transitionMeeting) lets exactly one win.

describe('meetings: concurrent steps', () => {
  it('committee chair: five simultaneous publish-notice requests publish once — one roster, one set of jobs', async () => {
    const t = await createTestApp();
    const m = await openMeeting(t, { stopAt: 'approved' });
    const res = await Promise.all(Array.from({ length: 5 }, () =>
      t.request({ method: 'POST', url: `/api/v1/meetings/${m.meetingId}/publish-notice`, cookie: m.convener.cookie })));
    expect(res.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409]);
    const roster = await t.pool.query('SELECT count(*)::int AS n FROM meeting_roster_units WHERE meeting_id = $1', [m.meetingId]);
    expect(roster.rows[0].n).toBe(12);
    const jobs = await t.pool.query(
      `SELECT kind, count(*)::int AS n FROM jobs WHERE payload->>'meetingId' = $1 AND kind LIKE 'meeting.%' GROUP BY kind`, [String(m.meetingId)]);
    for (const j of jobs.rows) expect(j.n, j.kind).toBe(j.kind === 'meeting.remind' ? j.n : 1);
    const audit = await t.pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'meeting.publish_notice' AND target_id = $1`, [String(m.meetingId)]);
    expect(audit.rows[0].n).toBe(1);
  });

  it('street officer stopping a meeting while its close job runs: the two steps serialise, and the end state follows the table', async () => {
    const t = await createTestApp();
    const m = await openMeeting(t);
    await t.pool.query(`UPDATE meetings SET voting_closes_at = now() - interval '1 second' WHERE id = $1`, [m.meetingId]);
    await t.pool.query(`UPDATE jobs SET run_at = now() - interval '1 second' WHERE kind = 'meeting.close' AND payload->>'meetingId' = $1`, [String(m.meetingId)]);
    const [cancel] = await Promise.all([
      t.request({ method: 'POST', url: `/api/v1/meetings/${m.meetingId}/cancel`, cookie: m.street.cookie, body: { reason: '程序违法' } }),
      runDueJobs(t),
    ]);
    await runDueJobs(t);
    const row = (await t.pool.query('SELECT state, closed_at FROM meetings WHERE id = $1', [m.meetingId])).rows[0];
    const steps = (await t.pool.query(
      `SELECT action FROM audit_events WHERE target_id = $1 AND action IN ('meeting.close', 'meeting.cancel', 'meeting.tally') ORDER BY seq`,
      [String(m.meetingId)],
    )).rows.map((r) => r.action);
    if (cancel.statusCode === 200) {
      // cancelled while open, or right after closing (a closed meeting may still be stopped) — never after a tally
      expect(row.state).toBe('cancelled');
      expect([['meeting.cancel'], ['meeting.close', 'meeting.cancel']]).toContainEqual(steps);
    } else {
      expect(cancel.statusCode).toBe(409);
      expect(row.state).toBe('tallied');
    }
    // nothing runs after that: the state stays
    expect(await closeMeeting(t, m.meetingId)).toBe(row.state);
  });
});
