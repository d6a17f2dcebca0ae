import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { openMeeting, type OpenedMeeting } from './support.ts';

// Under ningbo-2021 only a co-owned unit's designated voter may vote (TALLY-SPEC §6). The
// registry records no designated voter, so a co-owner's ballot could never count: the cast is
// refused plainly instead of being acknowledged and then set aside by the tally.

let t: TestApp;
let m: OpenedMeeting;
beforeAll(async () => {
  t = await createTestApp();
  m = await openMeeting(t, { rules: 'ningbo-2021' });
});

const cast = (cookie: string, itemId: number, key: string) =>
  t.request({ method: 'POST', url: `/api/v1/meetings/${m.meetingId}/ballots`, cookie, body: { votes: [{ itemId, choice: 'yes' }] }, headers: { 'idempotency-key': key } });

describe('ningbo-2021 profile', () => {
  it('co-owner: the cast is refused naming the voter, and nothing is written', async () => {
    const before = await t.pool.query('SELECT count(*)::int AS n FROM ballots WHERE meeting_id = $1', [m.meetingId]);
    const res = await cast(m.owner('C').cookie, m.itemIds[0]!, 'nb-c');
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('指定的代表');
    expect(res.json().details.field).toBe('body.voterKey');
    const after = await t.pool.query('SELECT count(*)::int AS n FROM ballots WHERE meeting_id = $1', [m.meetingId]);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('sole owner: votes as usual', async () => {
    const res = await cast(m.owner('A').cookie, m.itemIds[0]!, 'nb-a');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().receipts).toHaveLength(1);
  });
});
