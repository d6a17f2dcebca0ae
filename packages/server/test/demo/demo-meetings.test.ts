import { beforeAll, describe, expect, it } from 'vitest';
import { seedIfEmpty, type DemoLoadSummary } from '../../src/modules/demo/index.ts';
import { currentRoot, doubleCurrent, verifyMeetingChains } from '../meetings/concurrency-support.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// The demo's owners' meetings (issue 3) in 翠竹苑: one open for voting with ballots already cast,
// one published and in its objection period, one waiting for the street office, one draft.

describe('demo meetings', () => {
  let t: TestApp;
  let summary: DemoLoadSummary | null;
  const meetings: Record<string, { id: number; estate_id: number; state: string }> = {};
  const q = async (sql: string, params: unknown[] = []) => (await t.pool.query(sql, params)).rows;
  const ownerOf = async (username: string) => Number((await q('SELECT owner_id FROM accounts WHERE username = $1', [username]))[0].owner_id);

  beforeAll(async () => {
    t = await createTestApp();
    summary = await seedIfEmpty(t.pool, t.secrets);
    for (const m of await q(`SELECT m.id, m.estate_id, m.state FROM meetings m JOIN estates e ON e.id = m.estate_id WHERE e.code = 'DEMO01'`)) {
      meetings[m.state] = { ...m, id: Number(m.id) };
    }
  }, 120_000);

  it('system: four meetings in 翠竹苑, one at each demo point of the lifecycle', async () => {
    expect(summary!.meetings).toBe(4);
    expect(Object.keys(meetings).sort()).toEqual(['draft', 'objection_period', 'submitted', 'voting_open']);
  });

  it('system: the open meeting has a matter item and a 5-seat election with 7 candidates, and a frozen roster', async () => {
    const items = await q('SELECT id, kind, matter, seats FROM meeting_items WHERE meeting_id = $1 ORDER BY position', [meetings.voting_open!.id]);
    expect(items.map((i) => [i.kind, i.matter, i.seats])).toEqual([['matter', 4, null], ['election', 3, 5]]);
    const cands = await q('SELECT count(*)::int AS n FROM meeting_candidates WHERE item_id = $1', [items[1].id]);
    expect(cands[0].n).toBe(7);
    const roster = await q('SELECT count(*)::int AS n FROM meeting_roster_units WHERE meeting_id = $1', [meetings.voting_open!.id]);
    expect(roster[0].n).toBe(1800);
    const jobs = await q(`SELECT count(*)::int AS n FROM jobs WHERE kind = 'meeting.close' AND payload->>'meetingId' = $1 AND status = 'pending'`, [String(meetings.voting_open!.id)]);
    expect(jobs[0].n).toBe(1);
  });

  it('system: the open meeting has a realistic share of ballots: online, paper (two awaiting the second person), one proxy', async () => {
    const id = meetings.voting_open!.id;
    const heads = (await q(`SELECT count(DISTINCT voter_key)::int AS n FROM meeting_roster_units WHERE meeting_id = $1`, [id]))[0].n;
    const voted = (await q(`SELECT count(DISTINCT voter_key)::int AS n FROM ballots WHERE meeting_id = $1 AND status = 'current'`, [id]))[0].n;
    expect(voted / heads).toBeGreaterThan(0.3);
    expect(voted / heads).toBeLessThan(0.55);
    const channels = await q(`SELECT channel, count(*)::int AS n FROM ballots WHERE meeting_id = $1 AND status = 'current' GROUP BY channel`, [id]);
    const paper = channels.find((c) => c.channel === 'paper')?.n ?? 0;
    expect(paper).toBeGreaterThan(0);
    const sheets = await q(`SELECT status, count(*)::int AS n FROM meeting_paper_sheets WHERE meeting_id = $1 GROUP BY status ORDER BY status`, [id]);
    expect(sheets.find((s) => s.status === 'pending')?.n).toBe(2);
    expect(sheets.find((s) => s.status === 'confirmed')?.n).toBeGreaterThan(10);
    const proxy = await q(`SELECT p.status, count(b.id)::int AS ballots FROM meeting_proxies p JOIN ballots b ON b.proxy_id = p.id
      WHERE p.meeting_id = $1 GROUP BY p.id`, [id]);
    expect(proxy).toEqual([{ status: 'approved', ballots: 2 }]);
    // the history of changed ballots is kept
    expect((await q(`SELECT count(*)::int AS n FROM ballots WHERE meeting_id = $1 AND status = 'superseded'`, [id]))[0].n).toBeGreaterThan(0);
  });

  it('owner1: has not voted in the open meeting (the demo journey votes); owner2 has', async () => {
    const id = meetings.voting_open!.id;
    const mine = async (username: string) =>
      (await q(`SELECT count(*)::int AS n FROM ballots b JOIN meeting_roster_units r ON r.meeting_id = b.meeting_id AND r.voter_key = b.voter_key
        WHERE b.meeting_id = $1 AND $2 = ANY(r.owner_ids)`, [id, await ownerOf(username)]))[0].n;
    expect(await mine('owner1')).toBe(0);
    expect(await mine('owner2')).toBeGreaterThan(0);
  });

  it('system: every chain of every demo meeting recomputes and no head has two current ballots', async () => {
    for (const m of [meetings.voting_open!, meetings.objection_period!]) {
      const chains = await verifyMeetingChains(t.pool, m.id);
      expect(chains.length).toBe(2);
      for (const c of chains) expect(c, JSON.stringify(c)).toMatchObject({ ok: true });
      expect(await doubleCurrent(t.pool, m.id)).toEqual([]);
    }
  });

  it('system: the published meeting was tallied by the real tally: results with Merkle roots over its final ballots, objection period running', async () => {
    const id = meetings.objection_period!.id;
    const m = (await q('SELECT result_published_at, objection_ends_at, tallied_at FROM meetings WHERE id = $1', [id]))[0];
    expect(m.tallied_at).not.toBeNull();
    expect(m.objection_ends_at.getTime()).toBeGreaterThan(Date.now());
    const results = await q(`SELECT r.item_id, r.merkle_root, r.ballot_count, r.result FROM meeting_item_results r
      JOIN meeting_items i ON i.id = r.item_id WHERE r.meeting_id = $1 ORDER BY i.position`, [id]);
    expect(results).toHaveLength(2);
    for (const r of results) expect(r.merkle_root).toBe(await currentRoot(t.pool, Number(r.item_id)));
    // the covenant passes (turnout and approval well above the thresholds); the lift item counts only building 3
    expect(results[0].result.participationMet).toBe(true);
    expect(results[0].result.passed).toBe(true);
    expect(results[1].result.headTotal).toBeLessThan(results[0].result.headTotal);
    const finalise = await q(`SELECT count(*)::int AS n FROM jobs WHERE kind = 'meeting.finalise' AND payload->>'meetingId' = $1`, [String(id)]);
    expect(finalise[0].n).toBe(1);
  });

  it('owner1: voted in the published meeting, so a receipt can be checked', async () => {
    const r = await q(`SELECT count(*)::int AS n FROM ballots b JOIN meeting_roster_units r ON r.meeting_id = b.meeting_id AND r.voter_key = b.voter_key
      WHERE b.meeting_id = $1 AND b.status = 'current' AND $2 = ANY(r.owner_ids)`, [meetings.objection_period!.id, await ownerOf('owner1')]);
    expect(r[0].n).toBeGreaterThan(0);
  });
});
