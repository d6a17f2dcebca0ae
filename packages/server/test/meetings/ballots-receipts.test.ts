import { merkleRoot, verifyInclusion } from '@gongzhi/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRegionTree, signedInAs } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createVotingMeeting, ownerAccount, type BallotFixture } from './ballots-fixture.ts';

// Receipt verification by role: anyone with a receipt code (public), the owner (with the choice),
// before and after the tally (Merkle root + inclusion proof), and codes that are not receipts.

let t: TestApp;
let communityId: number;
beforeAll(async () => {
  t = await createTestApp();
  communityId = (await createRegionTree(t.pool)).communityId;
});

let n = 0;
async function cast(f: BallotFixture, cookie: string, votes: unknown[], voterKey?: string) {
  const res = await t.request({
    method: 'POST', url: `/api/v1/meetings/${f.meetingId}/ballots`, cookie,
    body: { ...(voterKey ? { voterKey } : {}), votes }, headers: { 'idempotency-key': `r-${++n}-${Date.now()}` },
  });
  if (res.statusCode !== 200) throw new Error(`cast failed ${res.statusCode}: ${res.body}`);
  return res.json().receipts as Array<{ itemId: number; receipt: string; chainSeq: number }>;
}
const pub = (receipt: string) => t.request({ method: 'GET', url: `/api/v1/public/receipts/${receipt}` });
const mine = (receipt: string, cookie: string) => t.request({ method: 'GET', url: `/api/v1/my/receipts/${receipt}`, cookie });

/** What the tally (H4) does for the root: the item's current receipts in chain order, stored. */
async function tallyRoots(f: BallotFixture) {
  await t.pool.query(`UPDATE meetings SET state = 'tallied', closed_at = now(), tallied_at = now() WHERE id = $1`, [f.meetingId]);
  for (const itemId of [f.matterItemId, f.electionItemId]) {
    const r = await t.pool.query(`SELECT receipt FROM ballots WHERE item_id = $1 AND status = 'current' ORDER BY chain_seq`, [itemId]);
    const receipts = r.rows.map((x) => x.receipt as string);
    await t.pool.query(
      `INSERT INTO meeting_item_results (item_id, meeting_id, result, merkle_root, ballot_count) VALUES ($1, $2, '{}', $3, $4)`,
      [itemId, f.meetingId, merkleRoot(receipts), receipts.length]);
  }
}

describe('receipts', () => {
  let f: BallotFixture;
  let owners: Array<{ cookie: string; accountId: number }>;
  let first: string; // owner 0's first (later superseded) matter receipt
  let final: string; // owner 0's final matter receipt
  let election: string;
  beforeAll(async () => {
    f = await createVotingMeeting(t.pool, { communityId, owners: 5 });
    owners = await Promise.all(f.owners.map((o) => ownerAccount(t, f, o.ownerId)));
    [{ receipt: first }] = await cast(f, owners[0]!.cookie, [{ itemId: f.matterItemId, choice: 'yes' }]);
    for (let i = 1; i < 5; i++) await cast(f, owners[i]!.cookie, [{ itemId: f.matterItemId, choice: i % 2 ? 'no' : 'yes' }]);
    const r = await cast(f, owners[0]!.cookie, [{ itemId: f.matterItemId, choice: 'abstain' }, { itemId: f.electionItemId, approvals: [f.candidateIds[3]] }]);
    final = r[0]!.receipt;
    election = r[1]!.receipt;
  });

  it('anyone: before the tally a receipt is recorded in the chain, with no owner and no choice, and no proof yet', async () => {
    const res = await pub(final);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      receipt: final, included: true, meetingId: f.meetingId, itemId: f.matterItemId, chainSeq: 6, standing: 'final',
      tallied: false, merkleRoot: null, proof: null, message: '已记录，投票结束后可验证包含证明',
    });
    expect(res.json().standingLabel).toMatch(/当前有效/);
    for (const field of ['voterKey', 'choice', 'approvals', 'pseudonym']) expect(res.json()).not.toHaveProperty(field);
    expect(res.body).not.toContain(`o${f.owners[0]!.ownerId}`);
    expect(res.body).not.toContain('abstain');
  });

  it('anyone: a superseded receipt is in the chain but marked as replaced', async () => {
    const res = await pub(first);
    expect(res.json()).toMatchObject({ included: true, standing: 'superseded', chainSeq: 1 });
  });

  it('anyone: a tampered receipt code is not found; a malformed one is a field error', async () => {
    const tampered = final.slice(0, -1) + (final.endsWith('0') ? '1' : '0');
    const res = await pub(tampered);
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toMatch(/未找到/);
    expect((await pub('not-a-receipt')).statusCode).toBe(400);
    // upper case is the same code
    expect((await pub(final.toUpperCase())).statusCode).toBe(200);
  });

  it('owner: sees the choice of their own receipts; another owner and a stranger do not', async () => {
    const res = await mine(final, owners[0]!.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ voterKey: f.owners[0]!.voterKey, choice: 'abstain', approvals: null, standing: 'final' });
    const el = await mine(election, owners[0]!.cookie);
    expect(el.json()).toMatchObject({ choice: null, approvals: [f.candidateIds[3]] });
    expect((await mine(final, owners[1]!.cookie)).statusCode).toBe(404);
    const stranger = await signedInAs(t, { role: 'street_officer' });
    expect((await mine(final, stranger.cookie)).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/v1/my/receipts/${final}` })).statusCode).toBe(401);
  });

  it('proxy holder: sees the ballots they cast and lists them as via proxy', async () => {
    const g = await createVotingMeeting(t.pool, { communityId });
    const holder = await signedInAs(t, { role: 'owner' });
    await t.pool.query(
      `INSERT INTO meeting_proxies (meeting_id, voter_key, owner_id, holder_account_id, holder_name, status, requested_by)
       VALUES ($1, $2, $3, $4, '代理人', 'approved', $4)`, [g.meetingId, g.owners[0]!.voterKey, g.owners[0]!.ownerId, holder.accountId]);
    const [r] = await cast(g, holder.cookie, [{ itemId: g.matterItemId, choice: 'no' }]);
    expect((await mine(r!.receipt, holder.cookie)).json()).toMatchObject({ choice: 'no' });
    const list = await t.request({ method: 'GET', url: `/api/v1/my/meetings/${g.meetingId}/ballots`, cookie: holder.cookie });
    expect(list.json().ballots).toEqual([expect.objectContaining({ receipt: r!.receipt, viaProxy: true, status: 'current', statusLabel: '有效（当前）' })]);
    // the owner sees it too (their head), not as their own proxy
    const owner = await ownerAccount(t, g, g.owners[0]!.ownerId);
    expect((await mine(r!.receipt, owner.cookie)).statusCode).toBe(200);
    const ol = await t.request({ method: 'GET', url: `/api/v1/my/meetings/${g.meetingId}/ballots`, cookie: owner.cookie });
    expect(ol.json().ballots).toEqual([expect.objectContaining({ receipt: r!.receipt, viaProxy: false })]);
  });

  it('anyone: after the tally a final receipt comes with the Merkle root and an inclusion proof that verifies', async () => {
    await tallyRoots(f);
    const res = await pub(final);
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json();
    expect(v).toMatchObject({ tallied: true, proofValid: true, leafCount: 5, standing: 'final' });
    expect(v.standingLabel).toMatch(/最终有效/);
    // the client can check the proof itself against the root printed on the result
    const stored = await t.pool.query('SELECT merkle_root FROM meeting_item_results WHERE item_id = $1', [f.matterItemId]);
    expect(v.merkleRoot).toBe(stored.rows[0].merkle_root);
    expect(verifyInclusion(final, v.proof, v.merkleRoot)).toBe(true);
    expect(verifyInclusion(first, v.proof, v.merkleRoot)).toBe(false);
    // every final receipt of the item proves against the same root
    const all = await t.pool.query(`SELECT receipt FROM ballots WHERE item_id = $1 AND status = 'current'`, [f.matterItemId]);
    for (const { receipt } of all.rows) {
      const p = (await pub(receipt)).json();
      expect(p.merkleRoot).toBe(v.merkleRoot);
      expect(verifyInclusion(receipt, p.proof, p.merkleRoot)).toBe(true);
    }
    const el = (await pub(election)).json();
    expect(el).toMatchObject({ tallied: true, proofValid: true, leafCount: 1, proof: [] });
  });

  it('anyone: after the tally a superseded receipt has no proof (it is not a final ballot)', async () => {
    const res = await pub(first);
    expect(res.json()).toMatchObject({ tallied: true, standing: 'superseded', proof: null, proofValid: null });
    expect(res.json().message).toMatch(/不是最终有效票/);
  });

  it('anyone: a stored root that no longer matches the final ballots is reported, not hidden', async () => {
    await t.pool.query(`UPDATE meeting_item_results SET merkle_root = $2 WHERE item_id = $1`, [f.matterItemId, 'f'.repeat(64)]);
    const res = await pub(final);
    expect(res.json()).toMatchObject({ proofValid: false });
    expect(res.json().message).toMatch(/不一致/);
  });
});
