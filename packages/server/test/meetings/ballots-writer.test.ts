import { GENESIS_LINK, verifyChain, canonicalChoice } from '@gongzhi/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { chainBallots, type NewBallot } from '../../src/modules/meetings/ballot-writer.ts';
import { withTx } from '../../src/platform/db.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createVotingMeeting, type BallotFixture } from './ballots-fixture.ts';

// chainBallots on a real database: statuses by precedence, the one-current rule, the item's
// hash chain recomputed from the stored rows, pending paper ballots chained in place.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const write = (f: BallotFixture, ballots: NewBallot[]) => withTx(t.pool, (db) => chainBallots(db, f.meetingId, ballots));

async function chainOf(itemId: number) {
  const r = await t.pool.query(
    `SELECT b.chain_seq, b.receipt, b.prev_link, b.pseudonym, b.cast_at, b.choice, b.approvals, b.meeting_id, b.item_id
       FROM ballots b WHERE b.item_id = $1 AND b.chain_seq IS NOT NULL ORDER BY b.chain_seq`, [itemId]);
  const links = r.rows.map((row) => ({
    meetingId: Number(row.meeting_id), itemId: Number(row.item_id), pseudonym: row.pseudonym,
    choice: canonicalChoice({ choice: row.choice, approvals: row.approvals?.map(Number) ?? null }),
    castAt: row.cast_at, prevLink: row.prev_link, chainSeq: row.chain_seq, receipt: row.receipt,
  }));
  const head = await t.pool.query('SELECT chain_head, chain_length FROM meeting_items WHERE id = $1', [itemId]);
  return { check: verifyChain(links), head: head.rows[0].chain_head, length: head.rows[0].chain_length };
}

async function statuses(f: BallotFixture, itemId: number, voterKey: string) {
  const r = await t.pool.query('SELECT channel, choice, status FROM ballots WHERE item_id = $1 AND voter_key = $2 ORDER BY id', [itemId, voterKey]);
  return r.rows.map((x) => `${x.channel}:${x.choice}:${x.status}`);
}

describe('chainBallots', () => {
  it('online changes: the later ballot is current, the earlier superseded, the chain intact', async () => {
    const f = await createVotingMeeting(t.pool);
    const k = f.owners[0]!.voterKey;
    const [a] = await write(f, [{ itemId: f.matterItemId, voterKey: k, channel: 'online', choice: 'yes' }]);
    expect(a).toMatchObject({ status: 'current', chainSeq: 1, prevLink: GENESIS_LINK, replaced: null });
    const [b] = await write(f, [{ itemId: f.matterItemId, voterKey: k, channel: 'online', choice: 'no' }]);
    expect(b).toMatchObject({ status: 'current', chainSeq: 2, prevLink: a!.receipt, replaced: { id: a!.id, status: 'superseded' } });
    expect(await statuses(f, f.matterItemId, k)).toEqual(['online:yes:superseded', 'online:no:current']);
    const c = await chainOf(f.matterItemId);
    expect(c.check).toEqual({ ok: true, head: b!.receipt, length: 2 });
    expect(c).toMatchObject({ head: b!.receipt, length: 2 });
  });

  it('one call with many ballots: in-call replacement, several owners and items, results in input order', async () => {
    const f = await createVotingMeeting(t.pool);
    const [o1, o2] = f.owners;
    const out = await write(f, [
      { itemId: f.matterItemId, voterKey: o1!.voterKey, channel: 'online', choice: 'yes' },
      { itemId: f.electionItemId, voterKey: o1!.voterKey, channel: 'online', approvals: [f.candidateIds[1]!, f.candidateIds[0]!] },
      { itemId: f.matterItemId, voterKey: o2!.voterKey, channel: 'online', choice: 'abstain' },
      { itemId: f.matterItemId, voterKey: o1!.voterKey, channel: 'online', choice: 'no' },
    ]);
    expect(out.map((w) => [w.index, w.status, w.chainSeq])).toEqual([[0, 'superseded', 1], [1, 'current', 1], [2, 'current', 2], [3, 'current', 3]]);
    expect(out[3]!.replaced).toEqual({ id: null, index: 0, status: 'superseded' });
    expect(out.every((w) => typeof w.id === 'number')).toBe(true);
    expect(await statuses(f, f.matterItemId, o1!.voterKey)).toEqual(['online:yes:superseded', 'online:no:current']);
    const e = await t.pool.query('SELECT approvals FROM ballots WHERE id = $1', [out[1]!.id]);
    expect(e.rows[0].approvals.map(Number)).toEqual([f.candidateIds[1], f.candidateIds[0]]);
    expect((await chainOf(f.matterItemId)).check).toMatchObject({ ok: true, length: 3 });
    expect((await chainOf(f.electionItemId)).check).toMatchObject({ ok: true, length: 1 });
  });

  it('default profile: online wins over paper whatever the order; the loser stays chained as overridden', async () => {
    const f = await createVotingMeeting(t.pool);
    const k = f.owners[0]!.voterKey;
    await write(f, [{ itemId: f.matterItemId, voterKey: k, channel: 'online', choice: 'yes' }]);
    const [p] = await write(f, [{ itemId: f.matterItemId, voterKey: k, channel: 'paper', choice: 'no' }]);
    expect(p).toMatchObject({ status: 'overridden', chainSeq: 2 });
    const k2 = f.owners[1]!.voterKey;
    await write(f, [{ itemId: f.matterItemId, voterKey: k2, channel: 'paper', choice: 'no' }]);
    const [o] = await write(f, [{ itemId: f.matterItemId, voterKey: k2, channel: 'online', choice: 'yes' }]);
    expect(o).toMatchObject({ status: 'current', replaced: { status: 'overridden' } });
    expect(await statuses(f, f.matterItemId, k)).toEqual(['online:yes:current', 'paper:no:overridden']);
    expect(await statuses(f, f.matterItemId, k2)).toEqual(['paper:no:overridden', 'online:yes:current']);
    expect((await chainOf(f.matterItemId)).check).toMatchObject({ ok: true, length: 4 });
  });

  it('paperOverridesOnline: a paper ballot overrides the online one', async () => {
    const f = await createVotingMeeting(t.pool, { options: { paperOverridesOnline: true } });
    const k = f.owners[0]!.voterKey;
    await write(f, [{ itemId: f.matterItemId, voterKey: k, channel: 'online', choice: 'yes' }]);
    await write(f, [{ itemId: f.matterItemId, voterKey: k, channel: 'paper', choice: 'no' }]);
    await write(f, [{ itemId: f.matterItemId, voterKey: k, channel: 'online', choice: 'abstain' }]);
    expect(await statuses(f, f.matterItemId, k)).toEqual(['online:yes:overridden', 'paper:no:current', 'online:abstain:overridden']);
  });

  it('allow_change=false: a second online ballot is refused (not written) with refuseIfFinal, else kept as overridden', async () => {
    const f = await createVotingMeeting(t.pool, { allowChange: false });
    const k = f.owners[0]!.voterKey;
    await write(f, [{ itemId: f.matterItemId, voterKey: k, channel: 'online', choice: 'yes' }]);
    const [r] = await write(f, [{ itemId: f.matterItemId, voterKey: k, channel: 'online', choice: 'no', refuseIfFinal: true }]);
    expect(r).toMatchObject({ status: 'refused', id: null, receipt: null });
    expect(await statuses(f, f.matterItemId, k)).toEqual(['online:yes:current']);
    const [o] = await write(f, [{ itemId: f.matterItemId, voterKey: k, channel: 'online', choice: 'no' }]);
    expect(o).toMatchObject({ status: 'overridden', chainSeq: 2 });
    expect((await chainOf(f.matterItemId)).check).toMatchObject({ ok: true, length: 2 });
  });

  it('a pending paper ballot is chained in place with its stored choice', async () => {
    const f = await createVotingMeeting(t.pool);
    const k = f.owners[0]!.voterKey;
    const p = await t.pool.query(
      `INSERT INTO ballots (meeting_id, item_id, voter_key, channel, choice, status) VALUES ($1, $2, $3, 'paper', 'no', 'pending') RETURNING id`,
      [f.meetingId, f.matterItemId, k]);
    const id = Number(p.rows[0].id);
    const [w] = await write(f, [{ itemId: f.matterItemId, voterKey: k, channel: 'paper', pendingBallotId: id }]);
    expect(w).toMatchObject({ id, status: 'current', chainSeq: 1 });
    const row = await t.pool.query('SELECT status, receipt, choice FROM ballots WHERE id = $1', [id]);
    expect(row.rows[0]).toMatchObject({ status: 'current', receipt: w!.receipt, choice: 'no' });
    expect((await chainOf(f.matterItemId)).check).toMatchObject({ ok: true, length: 1 });
    // a second attempt finds it no longer pending and changes nothing
    await expect(write(f, [{ itemId: f.matterItemId, voterKey: k, channel: 'paper', pendingBallotId: id }])).rejects.toThrow(/已处理/);
    expect((await chainOf(f.matterItemId)).length).toBe(1);
  });

  it('refuses an item of another meeting and a choice of the wrong kind, writing nothing', async () => {
    const f = await createVotingMeeting(t.pool);
    const g = await createVotingMeeting(t.pool);
    const k = f.owners[0]!.voterKey;
    await expect(write(f, [{ itemId: g.matterItemId, voterKey: k, channel: 'online', choice: 'yes' }])).rejects.toThrow(/不属于/);
    await expect(write(f, [
      { itemId: f.matterItemId, voterKey: k, channel: 'online', choice: 'yes' },
      { itemId: f.electionItemId, voterKey: k, channel: 'online', choice: 'yes' },
    ])).rejects.toThrow();
    const n = await t.pool.query('SELECT count(*)::int AS n FROM ballots WHERE meeting_id = ANY($1)', [[f.meetingId, g.meetingId]]);
    expect(n.rows[0].n).toBe(0);
  });

  it('concurrent writers on one item and owner: exactly one current ballot, an unbroken chain', async () => {
    const f = await createVotingMeeting(t.pool);
    const k = f.owners[0]!.voterKey;
    const choices = ['yes', 'no', 'abstain'] as const;
    await Promise.all(Array.from({ length: 30 }, (_, i) =>
      write(f, [{ itemId: f.matterItemId, voterKey: k, channel: 'online', choice: choices[i % 3] }])));
    const cur = await t.pool.query(`SELECT count(*)::int AS n FROM ballots WHERE item_id = $1 AND status = 'current'`, [f.matterItemId]);
    expect(cur.rows[0].n).toBe(1);
    const c = await chainOf(f.matterItemId);
    expect(c.check).toMatchObject({ ok: true, length: 30 });
    expect(c.length).toBe(30);
  });
});
