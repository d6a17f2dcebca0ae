import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/platform/audit.ts';
import type { TestApp } from '../support/test-app.ts';
import { createTestApp } from '../support/test-app.ts';
import { doubleCurrent, verifyMeetingChains } from '../meetings/concurrency-support.ts';
import { closeMeeting, openMeeting } from '../meetings/support.ts';

// Why: issue 7 — "concurrent requests that race on one owner's ballot: exactly one effect".
// Most of it is proven in packages/server/test/meetings/concurrency.test.ts (not repeated here):
// 100 concurrent casts of one owner with one key (one effect, same receipts), with 50 keys (one
// current ballot per item, the last link stands), first casts with changes not allowed (one 200,
// 99 BALLOT_FINAL), co-owners of one head, 7 owners interleaved, and a crowd of many owners'
// casts racing the close. What it does not cross-check, and this file does:
//   - ONE owner changing their vote 40 times (40 keys) while the close runs, 5 more after it: the ballot that
//     counts is exactly the last ACKNOWLEDGED change (its receipt is the one the owner was given),
//     an unacknowledged change left no row, no ballot_requests record and no audit event, and
//     every acknowledged change has exactly one of each (ballots, ballot_requests, audit);
//   - after the close, replaying an acknowledged key answers the stored receipt (the owner's retry
//     of a lost answer), while a refused key stays refused and still changes nothing.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const choices = ['yes', 'no', 'abstain'] as const;

describe('race: one owner changing their vote while the meeting closes', () => {
  it('owner: 40 vote changes racing the close — the ballot that counts is the last acknowledged one, and refused ones left nothing', async () => {
    const m = await openMeeting(t);
    const a = m.owner('A');
    const itemId = m.itemIds[0]!;
    const cast = (key: string, choice: string) => t.request({
      method: 'POST', url: `/api/v1/meetings/${m.meetingId}/ballots`, cookie: a.cookie, headers: { 'idempotency-key': key },
      body: { votes: [{ itemId, choice }] },
    });
    const first = await cast(`race-${process.pid}-first`, 'yes');
    expect(first.statusCode, first.body).toBe(200);

    let answered = 0;
    let startClose!: () => void;
    const closeStarted = new Promise<void>((r) => (startClose = r));
    // 40 changes spread over ~0.4 s, the close started once 8 are answered (so the rest cross it
    // in flight), then 5 more once the close is done (those must be refused)
    const keys = Array.from({ length: 45 }, (_, i) => `race-${process.pid}-${i}`);
    const send = (i: number) => cast(keys[i]!, choices[i % 3]!).then((r) => ({ key: keys[i]!, choice: choices[i % 3]!, r }));
    const inFlight = keys.slice(0, 40).map((_, i) =>
      new Promise((r) => setTimeout(r, i * 10)).then(() => send(i)).then((x) => {
        if (++answered === 8) startClose();
        return x;
      }));
    const closing = closeStarted.then(() => closeMeeting(t, m.meetingId));
    const afterClose = closing.then(() => Promise.all([40, 41, 42, 43, 44].map(send)));
    const [early, state, late] = await Promise.all([Promise.all(inFlight), closing, afterClose]);
    expect(['closed', 'tallied']).toContain(state);
    expect(late.map((x) => x.r.json().code)).toEqual(Array(5).fill('VOTING_NOT_OPEN'));
    const answers = [...early, ...late];
    expect(answers.filter((x) => x.r.statusCode >= 500).map((x) => x.r.body)).toEqual([]);
    for (const x of answers.filter((y) => y.r.statusCode !== 200)) expect(x.r.json().code, x.r.body).toBe('VOTING_NOT_OPEN');
    const acked = answers.filter((x) => x.r.statusCode === 200);
    expect(acked.length).toBeGreaterThanOrEqual(8);

    // every acknowledged change is one ballot row with the receipt the owner was given; no other rows
    const rows = (await t.pool.query(`SELECT receipt, status, chain_seq, choice FROM ballots WHERE item_id = $1 AND voter_key = $2 ORDER BY chain_seq`, [itemId, a.voterKey])).rows;
    const given = [first, ...acked.map((x) => x.r)].map((r) => r.json().receipts[0].receipt as string);
    expect(rows.map((r) => r.receipt).sort()).toEqual([...given].sort());
    // the one that counts: the latest link, which is an acknowledged one, with its choice
    const current = rows.filter((r) => r.status === 'current');
    expect(current).toHaveLength(1);
    expect(current[0].chain_seq).toBe(rows.at(-1).chain_seq);
    const last = acked.find((x) => x.r.json().receipts[0].receipt === current[0].receipt)!;
    expect(last, 'the current ballot was acknowledged').toBeDefined();
    expect(current[0].choice).toBe(last.choice);
    // one idempotency record and one audit event per acknowledged request, none for a refused one
    const reqs = await t.pool.query(`SELECT idempotency_key FROM ballot_requests WHERE meeting_id = $1 AND account_id = $2`, [m.meetingId, a.accountId]);
    expect(reqs.rows.map((r) => r.idempotency_key).sort()).toEqual([`race-${process.pid}-first`, ...acked.map((x) => x.key)].sort());
    const audits = await t.pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'ballot.cast' AND target_id = $1 AND actor_account_id = $2`, [String(m.meetingId), a.accountId]);
    expect(audits.rows[0].n).toBe(1 + acked.length);

    // retries after the close: an acknowledged key answers its stored receipt; a refused key stays refused
    const before = (await t.pool.query(`SELECT count(*)::int AS n FROM ballots WHERE meeting_id = $1`, [m.meetingId])).rows[0].n;
    const replay = await cast(last.key, last.choice);
    expect(replay.statusCode).toBe(200);
    expect(replay.body).toBe(last.r.body);
    const refused = answers.find((x) => x.r.statusCode !== 200);
    if (refused) expect((await cast(refused.key, refused.choice)).json().code).toBe('VOTING_NOT_OPEN');
    expect((await t.pool.query(`SELECT count(*)::int AS n FROM ballots WHERE meeting_id = $1`, [m.meetingId])).rows[0].n).toBe(before);

    for (const c of await verifyMeetingChains(t.pool, m.meetingId)) expect(c, JSON.stringify(c)).toMatchObject({ ok: true, headMatches: true });
    expect(await doubleCurrent(t.pool, m.meetingId)).toEqual([]);
    expect((await verifyAuditChain(t.pool)).ok).toBe(true);
    console.log(JSON.stringify({
      race: 'ballot-change-vs-close', sent: keys.length, acknowledged: acked.length,
      refusedInFlight: early.filter((x) => x.r.statusCode !== 200).length, refusedAfterClose: late.length,
    }));
  });
});
