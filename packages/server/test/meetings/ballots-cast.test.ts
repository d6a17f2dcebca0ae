import { canonicalChoice, verifyChain } from '@gongzhi/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { castBatcherFor } from '../../src/modules/meetings/cast-ballots.ts';
import { verifyAuditChain } from '../../src/platform/audit.ts';
import { createRegionTree, signedInAs } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createVotingMeeting, ownerAccount, type BallotFixture } from './ballots-fixture.ts';

// Casting through the API by role: the owner's receipt, changes and their history, every refusal
// (and that it changes nothing), idempotency, and concurrency through the group commit.

let t: TestApp;
let communityId: number;
beforeAll(async () => {
  t = await createTestApp();
  communityId = (await createRegionTree(t.pool)).communityId;
});

let keySeq = 0;
const newKey = () => `k-${Date.now()}-${++keySeq}`;
function cast(f: BallotFixture, cookie: string, body: unknown, key: string | null = newKey(), headers: Record<string, string> = {}) {
  return t.request({
    method: 'POST', url: `/api/v1/meetings/${f.meetingId}/ballots`, cookie, body,
    headers: { ...(key === null ? {} : { 'idempotency-key': key }), ...headers },
  });
}
async function ballotCount(f: BallotFixture) {
  const r = await t.pool.query('SELECT count(*)::int AS n FROM ballots WHERE meeting_id = $1', [f.meetingId]);
  return r.rows[0].n as number;
}
async function chainOk(itemId: number) {
  const r = await t.pool.query(
    `SELECT meeting_id, item_id, pseudonym, choice, approvals, cast_at, prev_link, chain_seq, receipt FROM ballots
      WHERE item_id = $1 AND chain_seq IS NOT NULL ORDER BY chain_seq`, [itemId]);
  return verifyChain(r.rows.map((b) => ({
    meetingId: Number(b.meeting_id), itemId: Number(b.item_id), pseudonym: b.pseudonym,
    choice: canonicalChoice({ choice: b.choice, approvals: b.approvals?.map(Number) ?? null }), castAt: b.cast_at,
    prevLink: b.prev_link, chainSeq: b.chain_seq, receipt: b.receipt,
  })));
}

describe('owner: casting', () => {
  it('owner: votes on a matter and an election and gets one receipt per item, stored with address and device', async () => {
    const f = await createVotingMeeting(t.pool, { communityId });
    const o = f.owners[0]!;
    const me = await ownerAccount(t, f, o.ownerId);
    const res = await cast(f, me.cookie, {
      votes: [{ itemId: f.matterItemId, choice: 'yes' }, { itemId: f.electionItemId, approvals: [f.candidateIds[0], f.candidateIds[2]] }],
    }, newKey(), { 'x-forwarded-for': '203.0.113.7', 'x-device-id': 'phone-1' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ meetingId: f.meetingId, voterKey: o.voterKey });
    expect(body.receipts).toHaveLength(2);
    for (const r of body.receipts) expect(r).toMatchObject({ receipt: expect.stringMatching(/^[0-9a-f]{64}$/), chainSeq: 1, status: 'current' });
    const rows = await t.pool.query('SELECT item_id, status, client_ip, device, cast_by_owner_id, cast_by_account_id, approvals FROM ballots WHERE meeting_id = $1 ORDER BY item_id', [f.meetingId]);
    expect(rows.rows.map((r) => [Number(r.item_id), r.status, r.client_ip, r.device])).toEqual([
      [f.matterItemId, 'current', '203.0.113.7', 'id:phone-1'], [f.electionItemId, 'current', '203.0.113.7', 'id:phone-1'],
    ]);
    expect(Number(rows.rows[0].cast_by_owner_id)).toBe(o.ownerId);
    expect(Number(rows.rows[0].cast_by_account_id)).toBe(me.accountId);
    const audit = await t.pool.query(`SELECT summary FROM audit_events WHERE action = 'ballot.cast' AND target_id = $1`, [String(f.meetingId)]);
    expect(audit.rows).toHaveLength(1);
    expect(JSON.stringify(audit.rows[0].summary)).not.toMatch(/yes/);
  });

  it('owner: changes a ballot; one current, the history kept and listed with receipts', async () => {
    const f = await createVotingMeeting(t.pool, { communityId });
    const me = await ownerAccount(t, f, f.owners[0]!.ownerId);
    const a = await cast(f, me.cookie, { votes: [{ itemId: f.matterItemId, choice: 'yes' }] });
    const b = await cast(f, me.cookie, { votes: [{ itemId: f.matterItemId, choice: 'no' }] });
    expect(b.statusCode, b.body).toBe(200);
    expect(b.json().receipts[0].chainSeq).toBe(2);
    const mine = await t.request({ method: 'GET', url: `/api/v1/my/meetings/${f.meetingId}/ballots`, cookie: me.cookie });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().ballots.map((x: { choice: string; status: string; receipt: string }) => [x.choice, x.status, x.receipt])).toEqual([
      ['no', 'current', b.json().receipts[0].receipt], ['yes', 'superseded', a.json().receipts[0].receipt],
    ]);
    expect(await chainOk(f.matterItemId)).toMatchObject({ ok: true, length: 2 });
  });

  it('owner: allow_change=false refuses a second ballot on the same item and changes nothing', async () => {
    const f = await createVotingMeeting(t.pool, { communityId, allowChange: false });
    const me = await ownerAccount(t, f, f.owners[0]!.ownerId);
    expect((await cast(f, me.cookie, { votes: [{ itemId: f.matterItemId, choice: 'yes' }] })).statusCode).toBe(200);
    const again = await cast(f, me.cookie, { votes: [{ itemId: f.matterItemId, choice: 'no' }, { itemId: f.electionItemId, approvals: [] }] });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'BALLOT_FINAL', details: { itemIds: [f.matterItemId] } });
    expect(await ballotCount(f)).toBe(1);
    // an item not yet voted is still open to the owner
    expect((await cast(f, me.cookie, { votes: [{ itemId: f.electionItemId, approvals: [] }] })).statusCode).toBe(200);
  });

  it('proxy holder: votes for the owner with an approved proxy, not with a pending one', async () => {
    const f = await createVotingMeeting(t.pool, { communityId });
    const o = f.owners[1]!;
    const holder = await signedInAs(t, { role: 'owner' });
    const p = await t.pool.query(
      `INSERT INTO meeting_proxies (meeting_id, voter_key, owner_id, holder_account_id, holder_name, status, requested_by)
       VALUES ($1, $2, $3, $4, '代理人', 'pending', $4) RETURNING id`, [f.meetingId, o.voterKey, o.ownerId, holder.accountId]);
    const pending = await cast(f, holder.cookie, { votes: [{ itemId: f.matterItemId, choice: 'yes' }] });
    expect(pending.statusCode).toBe(404);
    await t.pool.query(`UPDATE meeting_proxies SET status = 'approved' WHERE id = $1`, [p.rows[0].id]);
    const ok = await cast(f, holder.cookie, { votes: [{ itemId: f.matterItemId, choice: 'yes' }] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().voterKey).toBe(o.voterKey);
    const row = await t.pool.query('SELECT proxy_id, cast_by_owner_id FROM ballots WHERE meeting_id = $1', [f.meetingId]);
    expect(Number(row.rows[0].proxy_id)).toBe(Number(p.rows[0].id));
    expect(Number(row.rows[0].cast_by_owner_id)).toBe(o.ownerId);
  });

  it('owner with two heads (own and a proxy): must name the voter key; a key they may not vote for is refused', async () => {
    const f = await createVotingMeeting(t.pool, { communityId });
    const me = await ownerAccount(t, f, f.owners[0]!.ownerId);
    await t.pool.query(
      `INSERT INTO meeting_proxies (meeting_id, voter_key, owner_id, holder_account_id, holder_name, status, requested_by)
       VALUES ($1, $2, $3, $4, '代理人', 'approved', $4)`, [f.meetingId, f.owners[1]!.voterKey, f.owners[1]!.ownerId, me.accountId]);
    const none = await cast(f, me.cookie, { votes: [{ itemId: f.matterItemId, choice: 'yes' }] });
    expect(none.statusCode).toBe(400);
    expect(none.json().details.issues[0].field).toBe('body.voterKey');
    const other = await cast(f, me.cookie, { voterKey: f.owners[2]!.voterKey, votes: [{ itemId: f.matterItemId, choice: 'yes' }] });
    expect(other.statusCode).toBe(403);
    const ok = await cast(f, me.cookie, { voterKey: f.owners[1]!.voterKey, votes: [{ itemId: f.matterItemId, choice: 'no' }] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await ballotCount(f)).toBe(1);
  });
});

describe('refusals change nothing', () => {
  it('owner: voting before the window opens, after it closes, or once the meeting is closed is refused', async () => {
    const early = await createVotingMeeting(t.pool, { communityId, opensInMs: 3600_000, closesInMs: 7200_000 });
    const late = await createVotingMeeting(t.pool, { communityId, opensInMs: -7200_000, closesInMs: -1000 });
    const closed = await createVotingMeeting(t.pool, { communityId });
    await t.pool.query(`UPDATE meetings SET state = 'closed' WHERE id = $1`, [closed.meetingId]);
    for (const [f, pattern] of [[early, /尚未开始/], [late, /截止/], [closed, /截止/]] as const) {
      const me = await ownerAccount(t, f, f.owners[0]!.ownerId);
      const res = await cast(f, me.cookie, { votes: [{ itemId: f.matterItemId, choice: 'yes' }] });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('VOTING_NOT_OPEN');
      expect(res.json().message).toMatch(pattern);
      expect(await ballotCount(f)).toBe(0);
    }
  });

  it('non-owner: an account without a binding in the roster, and a committee member of the estate, cannot vote', async () => {
    const f = await createVotingMeeting(t.pool, { communityId });
    const stranger = await signedInAs(t, { role: 'owner' });
    expect((await cast(f, stranger.cookie, { votes: [{ itemId: f.matterItemId, choice: 'yes' }] })).statusCode).toBe(404);
    const member = await signedInAs(t, { role: 'committee_member', scopeId: f.estateId });
    const res = await cast(f, member.cookie, { votes: [{ itemId: f.matterItemId, choice: 'yes' }] });
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toMatch(/不在本次会议的投票名册中/);
    expect((await cast(f, '', { votes: [{ itemId: f.matterItemId, choice: 'yes' }] })).statusCode).toBe(401);
    expect(await ballotCount(f)).toBe(0);
  });

  it('owner of another estate: the meeting is not found', async () => {
    const f = await createVotingMeeting(t.pool, { communityId });
    const g = await createVotingMeeting(t.pool, { communityId });
    const other = await ownerAccount(t, g, g.owners[0]!.ownerId);
    const res = await cast(f, other.cookie, { votes: [{ itemId: f.matterItemId, choice: 'yes' }] });
    expect(res.statusCode).toBe(404);
    expect(await ballotCount(f)).toBe(0);
  });

  it('owner: an item of another meeting (not in this notice) is refused, with the valid votes of the same request', async () => {
    const f = await createVotingMeeting(t.pool, { communityId });
    const g = await createVotingMeeting(t.pool, { communityId });
    const me = await ownerAccount(t, f, f.owners[0]!.ownerId);
    const res = await cast(f, me.cookie, { votes: [{ itemId: f.matterItemId, choice: 'yes' }, { itemId: g.matterItemId, choice: 'yes' }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues).toEqual([{ field: 'body.votes.1.itemId', message: expect.stringMatching(/不在本次会议的公告中/) }]);
    expect(await ballotCount(f)).toBe(0);
    expect(await ballotCount(g)).toBe(0);
  });

  it('owner: an election with more approvals than seats, a non-candidate, a duplicate or a yes/no choice is refused', async () => {
    const f = await createVotingMeeting(t.pool, { communityId, seats: 2 });
    const me = await ownerAccount(t, f, f.owners[0]!.ownerId);
    const [c1, c2, c3] = f.candidateIds;
    const bad = [
      [{ itemId: f.electionItemId, approvals: [c1, c2, c3] }, /最多选择 2 名/],
      [{ itemId: f.electionItemId, approvals: [c1, 999999] }, /不是本议题的候选人/],
      [{ itemId: f.electionItemId, approvals: [c1, c1] }, /只能选择一次/],
      [{ itemId: f.electionItemId, choice: 'yes' }, /选举事项/],
      [{ itemId: f.matterItemId, approvals: [c1] }, /不能选择候选人/],
      [{ itemId: f.matterItemId }, /请选择同意/],
    ] as const;
    for (const [vote, msg] of bad) {
      const res = await cast(f, me.cookie, { votes: [vote] });
      expect(res.statusCode, JSON.stringify(vote)).toBe(400);
      expect(res.json().message).toMatch(msg);
    }
    const dup = await cast(f, me.cookie, { votes: [{ itemId: f.matterItemId, choice: 'yes' }, { itemId: f.matterItemId, choice: 'no' }] });
    expect(dup.statusCode).toBe(400);
    expect(await ballotCount(f)).toBe(0);
  });

  it('owner: a cast without an Idempotency-Key header is a field error', async () => {
    const f = await createVotingMeeting(t.pool, { communityId });
    const me = await ownerAccount(t, f, f.owners[0]!.ownerId);
    const res = await cast(f, me.cookie, { votes: [{ itemId: f.matterItemId, choice: 'yes' }] }, null);
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('headers.idempotency-key');
    expect(await ballotCount(f)).toBe(0);
  });
});

describe('idempotency', () => {
  it('owner: a replay returns the same receipts; the same key with another body is a 409 and changes nothing', async () => {
    const f = await createVotingMeeting(t.pool, { communityId });
    const me = await ownerAccount(t, f, f.owners[0]!.ownerId);
    const key = newKey();
    const body = { votes: [{ itemId: f.matterItemId, choice: 'yes' }] };
    const first = await cast(f, me.cookie, body, key);
    const replay = await cast(f, me.cookie, body, key);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(first.json());
    const other = await cast(f, me.cookie, { votes: [{ itemId: f.matterItemId, choice: 'no' }] }, key);
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await ballotCount(f)).toBe(1);
    // keys belong to the account: another owner may use the same key
    const them = await ownerAccount(t, f, f.owners[1]!.ownerId);
    expect((await cast(f, them.cookie, body, key)).statusCode).toBe(200);
    expect(await ballotCount(f)).toBe(2);
  });

  it('owner: 20 concurrent requests with one key have one effect and all get the same answer', async () => {
    const f = await createVotingMeeting(t.pool, { communityId });
    const me = await ownerAccount(t, f, f.owners[0]!.ownerId);
    const key = newKey();
    const body = { votes: [{ itemId: f.matterItemId, choice: 'abstain' }] };
    const all = await Promise.all(Array.from({ length: 20 }, () => cast(f, me.cookie, body, key)));
    expect(all.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    expect(new Set(all.map((r) => r.body)).size).toBe(1);
    expect(await ballotCount(f)).toBe(1);
  });
});

describe('concurrency through the group commit', () => {
  it('owner: 100 concurrent casts leave exactly one current ballot and an unbroken chain; the audit chain verifies', async () => {
    const f = await createVotingMeeting(t.pool, { communityId });
    const me = await ownerAccount(t, f, f.owners[0]!.ownerId);
    const before = { ...castBatcherFor(t.pool).stats };
    const choices = ['yes', 'no', 'abstain'];
    const all = await Promise.all(Array.from({ length: 100 }, (_, i) => cast(f, me.cookie, { votes: [{ itemId: f.matterItemId, choice: choices[i % 3] }] })));
    expect(all.map((r) => r.statusCode)).toEqual(Array(100).fill(200));
    const cur = await t.pool.query(`SELECT count(*)::int AS n FROM ballots WHERE item_id = $1 AND status = 'current'`, [f.matterItemId]);
    expect(cur.rows[0].n).toBe(1);
    expect(await ballotCount(f)).toBe(100);
    expect(await chainOk(f.matterItemId)).toMatchObject({ ok: true, length: 100 });
    expect(new Set(all.map((r) => r.json().receipts[0].chainSeq)).size).toBe(100);
    const stats = castBatcherFor(t.pool).stats;
    // grouped: fewer transactions than casts
    expect(stats.batches - before.batches).toBeLessThan(100);
    expect((await verifyAuditChain(t.pool)).ok).toBe(true);
  });

  it('owners: one bad cast in a crowd fails alone', async () => {
    const f = await createVotingMeeting(t.pool, { communityId, owners: 6, allowChange: false });
    const accounts = await Promise.all(f.owners.map((o) => ownerAccount(t, f, o.ownerId)));
    // owner 0 votes twice at once with allow_change=false: one of the two is refused, the rest pass
    const reqs = [
      ...accounts.map((a) => cast(f, a.cookie, { votes: [{ itemId: f.matterItemId, choice: 'yes' }] })),
      cast(f, accounts[0]!.cookie, { votes: [{ itemId: f.matterItemId, choice: 'no' }] }),
    ];
    const res = await Promise.all(reqs);
    const codes = res.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(6);
    expect(codes.filter((c) => c === 409)).toHaveLength(1);
    const cur = await t.pool.query(`SELECT count(*)::int AS n FROM ballots WHERE item_id = $1 AND status = 'current'`, [f.matterItemId]);
    expect(cur.rows[0].n).toBe(6);
    expect(await ballotCount(f)).toBe(6);
  });
});
