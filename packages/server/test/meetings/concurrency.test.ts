import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/platform/audit.ts';
import type { TestApp } from '../support/test-app.ts';
import { createTestApp } from '../support/test-app.ts';
import { doubleCurrent, verifyMeetingChains } from './concurrency-support.ts';
import { closeMeeting, openMeeting, type OpenedMeeting } from './support.ts';

// Concurrency of casting through the real HTTP API (issue 3): 100 concurrent casts for one owner,
// with one key or many, leave exactly one current ballot per item and an unbroken receipt chain;
// casts of different owners interleaved on the same items never share a chain link; a close
// racing a crowd of casts lets no ballot in after the close and loses no acknowledged one.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

let keySeq = 0;
const newKey = () => `cc-${process.pid}-${++keySeq}`;
const cast = (m: OpenedMeeting, cookie: string, votes: unknown[], key = newKey(), voterKey?: string) =>
  t.request({
    method: 'POST', url: `/api/v1/meetings/${m.meetingId}/ballots`, cookie, headers: { 'idempotency-key': key },
    body: { ...(voterKey ? { voterKey } : {}), votes },
  });
const q = async (sql: string, params: unknown[]) => (await t.pool.query(sql, params)).rows;
const choices = ['yes', 'no', 'abstain'] as const;

async function expectChainsIntact(m: OpenedMeeting) {
  for (const c of await verifyMeetingChains(t.pool, m.meetingId)) expect(c, JSON.stringify(c)).toMatchObject({ ok: true, headMatches: true });
  expect(await doubleCurrent(t.pool, m.meetingId)).toEqual([]);
}

describe('one owner, many concurrent casts', () => {
  it('owner: 100 concurrent casts with ONE idempotency key have one effect, and all 100 get the same receipts', async () => {
    const m = await openMeeting(t);
    const a = m.owner('A');
    const key = newKey();
    const votes = [{ itemId: m.itemIds[0], choice: 'yes' }, { itemId: m.itemIds[1], approvals: [m.candidateIds[0]] }];
    const all = await Promise.all(Array.from({ length: 100 }, () => cast(m, a.cookie, votes, key)));
    expect(all.map((r) => r.statusCode)).toEqual(Array(100).fill(200));
    expect(new Set(all.map((r) => r.body)).size).toBe(1);
    expect(await q('SELECT item_id, count(*)::int AS n FROM ballots WHERE meeting_id = $1 GROUP BY item_id ORDER BY item_id', [m.meetingId]))
      .toEqual(m.itemIds.map((id) => ({ item_id: id, n: 1 })));
    expect(await q('SELECT count(*)::int AS n FROM ballot_requests WHERE meeting_id = $1', [m.meetingId])).toEqual([{ n: 1 }]);
    await expectChainsIntact(m);
  });

  it('owner: 100 concurrent casts with 50 keys (each sent twice) leave one current ballot per item, 50 links, and the last link stands', async () => {
    const m = await openMeeting(t);
    const b = m.owner('B'); // two units, one head
    const keys = Array.from({ length: 50 }, () => newKey());
    const sent = keys.flatMap((key, i) => {
      const votes = [{ itemId: m.itemIds[0], choice: choices[i % 3] }, { itemId: m.itemIds[1], approvals: [m.candidateIds[i % 3]] }];
      return [cast(m, b.cookie, votes, key), cast(m, b.cookie, votes, key)];
    });
    const all = await Promise.all(sent);
    expect(all.map((r) => r.statusCode)).toEqual(Array(100).fill(200));
    // a replay answers exactly what its original answered
    for (let i = 0; i < 100; i += 2) expect(all[i]!.body).toBe(all[i + 1]!.body);
    const seqs = all.filter((_, i) => i % 2 === 0).map((r) => r.json().receipts[0].chainSeq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    for (const itemId of m.itemIds) {
      const rows = await q(`SELECT status, chain_seq FROM ballots WHERE item_id = $1 ORDER BY chain_seq`, [itemId]);
      expect(rows).toHaveLength(50);
      // allow_change with 'last' precedence: the latest link is the one that counts
      expect(rows.filter((r) => r.status === 'current')).toEqual([{ status: 'current', chain_seq: 50 }]);
    }
    await expectChainsIntact(m);
  });

  it('owner: with changes not allowed, 100 concurrent first casts give one 200 and 99 BALLOT_FINAL, one ballot', async () => {
    const m = await openMeeting(t, { allowChange: false });
    const e = m.owner('E');
    const all = await Promise.all(Array.from({ length: 100 }, (_, i) => cast(m, e.cookie, [{ itemId: m.itemIds[0], choice: choices[i % 3] }])));
    const codes = all.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(99);
    expect(new Set(all.filter((r) => r.statusCode === 409).map((r) => r.json().code))).toEqual(new Set(['BALLOT_FINAL']));
    expect(await q(`SELECT status, chain_seq FROM ballots WHERE meeting_id = $1`, [m.meetingId])).toEqual([{ status: 'current', chain_seq: 1 }]);
    await expectChainsIntact(m);
  });

  it('co-owners: the two co-owners casting at once for their one head leave one current ballot per item', async () => {
    const m = await openMeeting(t);
    const [c, d] = [m.owner('C'), m.owner('D')];
    expect(c.voterKey).toBe(d.voterKey);
    const all = await Promise.all(Array.from({ length: 60 }, (_, i) =>
      cast(m, (i % 2 ? c : d).cookie, [{ itemId: m.itemIds[0], choice: choices[i % 3] }, { itemId: m.itemIds[1], approvals: [] }])));
    expect(all.map((r) => r.statusCode)).toEqual(Array(60).fill(200));
    expect(await q(`SELECT item_id, voter_key, count(*)::int AS n FROM ballots WHERE meeting_id = $1 AND status = 'current'
      GROUP BY item_id, voter_key ORDER BY item_id`, [m.meetingId])).toEqual(m.itemIds.map((id) => ({ item_id: id, voter_key: c.voterKey, n: 1 })));
    await expectChainsIntact(m);
  });
});

describe('many owners at once', () => {
  it('owners: 7 owners casting 20 times each, interleaved, never share a chain link; each keeps exactly its latest ballot', async () => {
    const m = await openMeeting(t);
    const sent = Array.from({ length: 20 }, (_, round) => m.owners.map((o, k) =>
      cast(m, o.cookie, [{ itemId: m.itemIds[0], choice: choices[(round + k) % 3] }, { itemId: m.itemIds[1], approvals: [m.candidateIds[round % 3]] }])
        .then((r) => ({ owner: o, r })))).flat();
    const all = await Promise.all(sent);
    expect(all.map((x) => x.r.statusCode)).toEqual(Array(140).fill(200));
    for (const itemId of m.itemIds) {
      const rows = await q(`SELECT voter_key, status, chain_seq, prev_link, receipt FROM ballots WHERE item_id = $1 ORDER BY chain_seq`, [itemId]);
      expect(rows).toHaveLength(140);
      // one chain: 1..140, every link names a different predecessor, every receipt distinct
      expect(rows.map((r) => r.chain_seq)).toEqual(Array.from({ length: 140 }, (_, i) => i + 1));
      expect(new Set(rows.map((r) => r.prev_link)).size).toBe(140);
      expect(new Set(rows.map((r) => r.receipt)).size).toBe(140);
      // the receipts the owners were given are exactly the chain's links
      const given = all.map((x) => x.r.json().receipts.find((g: { itemId: number }) => g.itemId === itemId).receipt).sort();
      expect(given).toEqual(rows.map((r) => r.receipt).sort());
      const heads = new Set(m.owners.map((o) => o.voterKey));
      for (const key of heads) {
        const mine = rows.filter((r) => r.voter_key === key);
        expect(mine.filter((r) => r.status === 'current').map((r) => r.chain_seq)).toEqual([mine.at(-1)!.chain_seq]);
      }
    }
    await expectChainsIntact(m);
    expect((await verifyAuditChain(t.pool)).ok).toBe(true);
  });

  it('system: the close racing a crowd of casts lets nothing in after the close and keeps every acknowledged ballot', async () => {
    const m = await openMeeting(t);
    // the close is started once a quarter of the crowd has been answered, while the rest is in flight
    let answered = 0;
    let startClose!: () => void;
    const closeStarted = new Promise<void>((r) => (startClose = r));
    const crowd = Array.from({ length: 200 }, (_, i) => {
      const o = m.owners[i % m.owners.length]!;
      return new Promise((r) => setTimeout(r, i * 4)).then(() => cast(m, o.cookie, [{ itemId: m.itemIds[0], choice: choices[i % 3] }]))
        .then((res) => {
          if (++answered === 40) startClose();
          return res;
        });
    });
    const closing = closeStarted.then(() => closeMeeting(t, m.meetingId));
    const [answers, state] = await Promise.all([Promise.all(crowd), closing]);
    expect(['closed', 'tallied']).toContain(state);
    const ok = answers.filter((a) => a.statusCode === 200).length;
    // a real race: some casts got in before the close, some were refused after it
    expect(ok).toBeGreaterThanOrEqual(40);
    expect(ok).toBeLessThan(200);
    for (const a of answers) {
      if (a.statusCode !== 200) expect(a.json().code, a.body).toBe('VOTING_NOT_OPEN');
    }
    const acknowledged = answers.filter((a) => a.statusCode === 200).map((a) => a.json().receipts[0].receipt as string);
    const stored = await q(`SELECT receipt, cast_at FROM ballots WHERE meeting_id = $1`, [m.meetingId]);
    expect(stored.map((s) => s.receipt).sort()).toEqual([...acknowledged].sort());
    const closedAt = (await q('SELECT closed_at FROM meetings WHERE id = $1', [m.meetingId]))[0].closed_at as Date;
    for (const s of stored) expect(s.cast_at.getTime()).toBeLessThanOrEqual(closedAt.getTime());
    await expectChainsIntact(m);
  });
});
