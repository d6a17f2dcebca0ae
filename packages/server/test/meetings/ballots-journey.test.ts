import { verifyInclusion } from '@gongzhi/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { closeMeeting, openMeeting, type OpenedMeeting } from './support.ts';

// The whole journey on a meeting opened through the API (H1's openMeeting): owners of a single
// unit, of two units and of a co-owned unit cast and change ballots; the meeting closes and is
// tallied by the real jobs (H4's Merkle root); receipts then prove their inclusion against the
// stored root, and a replay after the close still gets its first answer.

let t: TestApp;
let m: OpenedMeeting;
beforeAll(async () => {
  t = await createTestApp();
  m = await openMeeting(t);
});

let n = 0;
function cast(cookie: string, votes: unknown[], key = `j-${++n}`) {
  return t.request({ method: 'POST', url: `/api/v1/meetings/${m.meetingId}/ballots`, cookie, body: { votes }, headers: { 'idempotency-key': key } });
}
const mine = (cookie: string) => t.request({ method: 'GET', url: `/api/v1/my/meetings/${m.meetingId}/ballots`, cookie });

describe('ballots journey', () => {
  const receipts: Record<string, string> = {};

  it('owners: a sole owner, a two-unit owner and co-owners vote; one current ballot per head and item', async () => {
    const [matter, election] = m.itemIds;
    const a = await cast(m.owner('A').cookie, [{ itemId: matter, choice: 'yes' }, { itemId: election, approvals: m.candidateIds.slice(0, 2) }], 'a-first');
    expect(a.statusCode, a.body).toBe(200);
    receipts.A = a.json().receipts[0].receipt;
    const b = await cast(m.owner('B').cookie, [{ itemId: matter, choice: 'no' }]);
    expect(b.statusCode, b.body).toBe(200);
    expect(b.json().voterKey).toBe(m.owner('B').voterKey);
    // co-owners C and D are one head: D's ballot replaces C's
    const c = await cast(m.owner('C').cookie, [{ itemId: matter, choice: 'yes' }]);
    const d = await cast(m.owner('D').cookie, [{ itemId: matter, choice: 'no' }]);
    expect([c.statusCode, d.statusCode]).toEqual([200, 200]);
    expect(c.json().voterKey).toBe(d.json().voterKey);
    receipts.C = c.json().receipts[0].receipt;
    const seenByC = (await mine(m.owner('C').cookie)).json().ballots;
    expect(seenByC.map((x: { choice: string; status: string }) => `${x.choice}:${x.status}`)).toEqual(['no:current', 'yes:superseded']);
    // E changes their mind
    const e1 = await cast(m.owner('E').cookie, [{ itemId: matter, choice: 'abstain' }]);
    receipts.E1 = e1.json().receipts[0].receipt;
    await cast(m.owner('E').cookie, [{ itemId: matter, choice: 'yes' }]);
    const cur = await t.pool.query(
      `SELECT voter_key, count(*)::int AS n FROM ballots WHERE item_id = $1 AND status = 'current' GROUP BY voter_key`, [matter]);
    expect(cur.rows).toHaveLength(4);
    expect(cur.rows.every((r) => r.n === 1)).toBe(true);
  });

  it('anyone: after the close and the tally, a final receipt proves inclusion against the stored Merkle root', async () => {
    const state = await closeMeeting(t, m.meetingId);
    const root = await t.pool.query('SELECT merkle_root, ballot_count FROM meeting_item_results WHERE item_id = $1', [m.itemIds[0]]);
    expect(state).toBe('tallied');
    expect(root.rows[0].ballot_count).toBe(4);
    const res = await t.request({ method: 'GET', url: `/api/v1/public/receipts/${receipts.A}` });
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json();
    expect(v).toMatchObject({ tallied: true, proofValid: true, standing: 'final', merkleRoot: root.rows[0].merkle_root, leafCount: 4 });
    expect(verifyInclusion(receipts.A!, v.proof, root.rows[0].merkle_root)).toBe(true);
    for (const k of ['C', 'E1']) {
      const s = (await t.request({ method: 'GET', url: `/api/v1/public/receipts/${receipts[k]}` })).json();
      expect(s).toMatchObject({ standing: 'superseded', proof: null });
    }
  });

  it('owner: after the close a new cast is refused, and a replay still gets its first answer', async () => {
    const late = await cast(m.owner('G').cookie, [{ itemId: m.itemIds[0], choice: 'yes' }]);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('VOTING_NOT_OPEN');
    const [matter, election] = m.itemIds;
    const replay = await cast(m.owner('A').cookie, [{ itemId: matter, choice: 'yes' }, { itemId: election, approvals: m.candidateIds.slice(0, 2) }], 'a-first');
    expect(replay.statusCode).toBe(200);
    expect(replay.json().receipts[0].receipt).toBe(receipts.A);
  });
});
