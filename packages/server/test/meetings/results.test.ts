import {
  electionResultToJson, merkleRoot, parseDecisionRecord, parseElectionRecord, resultToJson, tally, tallyElection,
} from '@gongzhi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { withTx } from '../../src/platform/db.ts';
import { tallyMeeting } from '../../src/modules/meetings/tally-meeting.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { verifyMeeting } from '../../../cli/src/commands/verify-meeting.ts';
import { castScene, gongzhi, tmpDir, writeJson } from './results-support.ts';
import { buildEstate, closeMeeting, openMeeting, type OpenedMeeting } from './support.ts';

// The tally and its results (issue 3): the 'meeting.tally' job right after close, results for
// officials after the tally and for owners after publication, the export that anyone checks with
// `gongzhi verify-meeting`.

let t: TestApp;
let m: OpenedMeeting;
let exported: { meeting: { id: number }; items: Array<Record<string, any>> };
const get = (url: string, cookie: string) => t.request({ method: 'GET', url: `/api/v1${url}`, cookie });

beforeAll(async () => {
  t = await createTestApp();
  m = await openMeeting(t);
  await castScene(t, m);
  expect(await closeMeeting(t, m.meetingId)).toBe('tallied');
}, 120_000);
afterAll(() => fs.rmSync(tmpDir, { recursive: true, force: true }));

describe('tally after close', () => {
  it('convener: results equal the domain engine run on the exported records, with thresholds and Merkle roots', async () => {
    const res = await get(`/meetings/${m.meetingId}/results`, m.convener.cookie);
    expect(res.statusCode).toBe(200);
    const results = res.json();
    const ex = await get(`/meetings/${m.meetingId}/export`, m.convener.cookie);
    expect(ex.statusCode).toBe(200);
    exported = ex.json();
    expect(exported.items).toHaveLength(2);

    const [matter, election] = exported.items;
    const p = parseDecisionRecord(matter!.record);
    if (!p.ok) throw new Error(`${p.field}: ${p.message}`);
    const engine = resultToJson(tally(p.record));
    expect(matter!.result).toEqual(engine);
    // 9 heads (B's two units one head, C&D one, the developer's three units one); 7 voted
    expect(engine).toMatchObject({ headTotal: 9, headParticipating: 7, headYes: 5, headNo: 1, headAbstain: 1 });
    const r0 = results.items[0];
    expect(r0).toMatchObject({
      kind: 'matter', matter: 1, participationMet: true, passed: true, headTotal: 9, headParticipating: 7, headYes: 5,
      areaParticipatingCenti: 86625, areaYesCenti: 50125,
      thresholds: { participation: 'two-thirds', approval: 'majority' }, ballotCount: 7,
    });
    expect(r0.areaTotalCenti).toBe(m.units.reduce((s, _u, i) => s + 8000 + i * 125, 0));
    // the root is over the final ballots only, in chain order (A's first ballot is superseded)
    const finals = matter!.chain.filter((l: { status: string }) => l.status === 'current');
    expect(matter!.chain).toHaveLength(8);
    expect(r0.merkleRoot).toBe(merkleRoot(finals.map((l: { receipt: string }) => l.receipt)));

    const e = parseElectionRecord(election!.record);
    if (!e.ok) throw new Error(`${e.field}: ${e.message}`);
    expect(election!.result).toEqual(electionResultToJson(tallyElection(e.record), e.names));
    const r1 = results.items[1];
    const [c1, c2, c3] = m.candidateIds;
    // c1 and c2 both have 5 heads: c2 ranks first on area
    expect(r1).toMatchObject({ kind: 'election', seats: 2, passed: null, elected: [c2, c1], tieForLastSeat: null });
    expect(r1.candidates.map((c: { candidateId: number; name: string; approvalHeads: number; approvalAreaCenti: number; rank: number | null }) =>
      [c.candidateId, c.name, c.approvalHeads, c.approvalAreaCenti, c.rank]))
      .toEqual([[c1, '王一', 5, 69375, 2], [c2, '李二', 5, 69750, 1], [c3, '赵三', 1, 8875, null]]);
  });

  it('anyone: the exported records name nobody — pseudonyms only, never names or owner ids', async () => {
    const text = JSON.stringify(exported);
    for (const o of [...m.owners, ...m.unboundOwners]) {
      expect(text).not.toContain(`"o${o.ownerId}"`);
      expect(text).not.toContain(o.voterKey);
    }
    expect(text).not.toMatch(/业主[A-I]/);
    const units = exported.items[0]!.record.units as Array<{ owner?: string; coOwners?: string[] }>;
    expect(units.find((u) => u.coOwners)?.coOwners).toHaveLength(2);
    expect(units.every((u) => u.owner === undefined || /^[0-9a-f]{64}$/.test(u.owner))).toBe(true);
  });

  it('system: the tally job run twice changes nothing the second time', async () => {
    const before = await t.pool.query('SELECT item_id, result, merkle_root, tallied_at FROM meeting_item_results WHERE meeting_id = $1 ORDER BY item_id', [m.meetingId]);
    const audit = await t.pool.query('SELECT count(*)::int AS n FROM audit_events');
    const again = await withTx(t.pool, (db) => tallyMeeting(db, m.meetingId));
    expect(again).toEqual({ tallied: false, reason: 'already_tallied' });
    const after = await t.pool.query('SELECT item_id, result, merkle_root, tallied_at FROM meeting_item_results WHERE meeting_id = $1 ORDER BY item_id', [m.meetingId]);
    expect(after.rows).toEqual(before.rows);
    expect((await t.pool.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n).toBe(audit.rows[0].n);
    const events = await t.pool.query(`SELECT action FROM audit_events WHERE action IN ('meeting.tally', 'meeting.item_tallied') ORDER BY seq`);
    expect(events.rows.map((r) => r.action)).toEqual(['meeting.item_tallied', 'meeting.item_tallied', 'meeting.tally']);
  });

  it('convener: downloads one item as a decision record file that gongzhi retally recounts to the published result', async () => {
    const res = await get(`/meetings/${m.meetingId}/items/${m.itemIds[0]}/decision-record`, m.convener.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const record = res.json();
    expect(record.format).toBe('gongzhi.decision-record/v1');
    const r = await gongzhi(['retally', writeJson('record.json', record)]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(exported.items[0]!.result);
  }, 180_000);
});

describe('who sees the result, and when', () => {
  it('owner: cannot see the result before the convener publishes it, then can', async () => {
    const a = m.owner('A');
    const before = await get(`/my/meetings/${m.meetingId}/results`, a.cookie);
    expect(before.statusCode).toBe(409);
    expect(before.json().code).toBe('RESULT_NOT_AVAILABLE');
    const pub = await t.request({ method: 'POST', url: `/api/v1/meetings/${m.meetingId}/publish-result`, cookie: m.convener.cookie, body: {} });
    expect(pub.statusCode).toBe(200);
    const after = await get(`/my/meetings/${m.meetingId}/results`, a.cookie);
    expect(after.statusCode).toBe(200);
    expect(after.json().items[0]).toMatchObject({ passed: true, merkleRoot: exported.items[0]!.merkleRoot });
  });

  it("convener and owner of another estate: the meeting's results, turnout, PDF and export are absent (404)", async () => {
    const other = await buildEstate(t);
    for (const url of ['results', 'turnout', 'result.pdf', 'export', `items/${m.itemIds[0]}/decision-record`]) {
      const res = await get(`/meetings/${m.meetingId}/${url}`, other.convener.cookie);
      expect(res.statusCode, url).toBe(404);
    }
    for (const url of ['results', 'turnout']) {
      const res = await get(`/my/meetings/${m.meetingId}/${url}`, other.owners[0]!.cookie);
      expect(res.statusCode, url).toBe(404);
    }
  }, 180_000);
});

describe('result notice PDF', () => {
  it('street officer: a real PDF with the Chinese title of the notice', async () => {
    const res = await get(`/meetings/${m.meetingId}/result.pdf`, m.street.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5_000);
    expect(pdf.length).toBeLessThan(300_000);
    // the title is in the document information as UTF-16BE (the page text is glyph ids)
    const utf16be = Buffer.from('业主大会会议表决结果公告', 'utf16le').swap16();
    expect(pdf.indexOf(utf16be)).toBeGreaterThan(0);
    expect(pdf.toString('latin1')).toContain('NotoSansCJK');
  });
});

describe('gongzhi verify-meeting', () => {
  it('anyone: the export verifies (exit 0) with a summary per item', async () => {
    const r = await gongzhi(['verify-meeting', writeJson('export.json', exported)]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('核验通过');
    expect(r.out).toContain('recount matches');
  }, 180_000);

  it('anyone: one tampered choice in the chain is detected (exit 2 naming the link)', async () => {
    const bad = structuredClone(exported);
    const link = bad.items[0]!.chain[2];
    link.choice = link.choice === 'yes' ? 'no' : 'yes';
    const r = await gongzhi(['verify-meeting', writeJson('tampered-chain.json', bad)]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('items[0].chain[2]');
    expect(r.err).toContain('receipt');
  }, 180_000);

  it('anyone: a choice changed in the record, a wrong root or a doctored result is detected (naming the field)', async () => {
    // the same command in this process (the spawned runs above show the exit codes)
    const failure = async (doc: unknown) => {
      try {
        await verifyMeeting([writeJson('tampered.json', doc)]);
      } catch (e) {
        return { code: (e as { exitCode?: number }).exitCode, message: (e as Error).message };
      }
      return { code: 0, message: '' };
    };
    const rec = structuredClone(exported);
    const ballot = rec.items[0]!.record.ballots[1];
    ballot.choice = ballot.choice === 'no' ? 'yes' : 'no';
    const r1 = await failure(rec);
    expect(r1.code).toBe(2);
    expect(r1.message).toContain('items[0].record.ballots[1].choice');

    const root = structuredClone(exported);
    root.items[1]!.merkleRoot = '0'.repeat(64);
    const r2 = await failure(root);
    expect(r2.code).toBe(2);
    expect(r2.message).toContain('items[1].merkleRoot');

    const res = structuredClone(exported);
    res.items[0]!.result.passed = !res.items[0]!.result.passed;
    const r3 = await failure(res);
    expect(r3.code).toBe(2);
    expect(r3.message).toContain('items[0].result.passed');
  });
});
