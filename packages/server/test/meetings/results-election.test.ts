import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainBallots } from '../../src/modules/meetings/ballot-writer.ts';
import { freezeRoster } from '../../src/modules/meetings/freeze-roster.ts';
import { enqueueJob } from '../../src/platform/jobs/index.ts';
import { withTx } from '../../src/platform/db.ts';
import {
  createBuilding, createEstate, createOwner, createOwnership, createRegionTree, createUnit, signedInAs,
} from '../support/factories.ts';
import { createTestApp } from '../support/test-app.ts';
import { runDueJobs } from './support.ts';

// A committee election whose three qualifiers tie for two seats (same heads, same area): the
// result reports the tie and elects nobody (the engine never breaks it; a person decides under
// the rules of procedure). The meeting is written with SQL at close; the 'meeting.tally' job
// counts it, and a second run of the job changes nothing.

describe('election result with a tie at the last seat', () => {
  it('street officer: sees the tie reported, nobody elected, the seats unfilled', async () => {
    const t = await createTestApp();
    const pool = t.pool;
    const region = await createRegionTree(pool);
    const estateId = await createEstate(pool, { communityId: region.communityId });
    const buildingId = await createBuilding(pool, { estateId, name: '1栋' });
    const owners: number[] = [];
    for (let i = 1; i <= 4; i++) {
      const unitId = await createUnit(pool, { estateId, buildingId, number: `10${i}`, areaCenti: 9000 });
      const ownerId = await createOwner(pool);
      await createOwnership(pool, { unitId, ownerId });
      owners.push(ownerId);
    }
    const street = await signedInAs(t, { role: 'street_officer', scopeId: region.streetId });
    const { meetingId, itemId, cands } = await withTx(pool, async (db) => {
      const m = await db.query(
        `INSERT INTO meetings (estate_id, title, convener_kind, convener_name, rules, household_count, state, voting_opens_at,
           voting_closes_at, notice_published_at, notice_published_on, pseudonym_salt, created_by)
         VALUES ($1, '换届选举', 'committee', '业委会', 'civil-code-2021', 4, 'voting_open', now() - interval '2 days',
           now() + interval '1 day', now() - interval '20 days', current_date - 20, $2, $3) RETURNING id`,
        [estateId, crypto.randomBytes(32).toString('hex'), street.accountId]);
      const id = Number(m.rows[0].id);
      const item = await db.query(
        `INSERT INTO meeting_items (meeting_id, position, kind, matter, title, seats) VALUES ($1, 1, 'election', 3, '选举委员', 2) RETURNING id`, [id]);
      const c: number[] = [];
      for (const [i, name] of ['甲', '乙', '丙'].entries()) {
        const r = await db.query(`INSERT INTO meeting_candidates (item_id, position, name) VALUES ($1, $2, $3) RETURNING id`, [item.rows[0].id, i + 1, name]);
        c.push(Number(r.rows[0].id));
      }
      await freezeRoster(db, { meetingId: id, estateId, developerOwnerId: null });
      return { meetingId: id, itemId: Number(item.rows[0].id), cands: c };
    });
    const [x, y, z] = cands as [number, number, number];
    // three of four owners vote (participation 3/4); each candidate gets 2 of 3: all qualify, tied
    await withTx(pool, (db) => chainBallots(db, meetingId, [[x, y], [x, z], [y, z]].map((approvals, i) => ({
      itemId, voterKey: `o${owners[i]}`, channel: 'online' as const, approvals, castByOwnerId: owners[i],
    }))));
    await pool.query(`UPDATE meetings SET state = 'closed', closed_at = now(), voting_closes_at = now() - interval '1 second' WHERE id = $1`, [meetingId]);
    // the close job enqueues the tally once (dedupe key); a duplicate run must change nothing
    for (let run = 0; run < 2; run++) await withTx(pool, (db) => enqueueJob(db, { kind: 'meeting.tally', payload: { meetingId } }));
    const ran = await runDueJobs(t);
    expect(ran.map((r) => [r.kind, r.outcome])).toEqual([['meeting.tally', 'done'], ['meeting.tally', 'done']]);

    const res = await t.request({ method: 'GET', url: `/api/v1/meetings/${meetingId}/results`, cookie: street.cookie });
    expect(res.statusCode).toBe(200);
    const item = res.json().items[0];
    expect(item).toMatchObject({
      kind: 'election', seats: 2, participationMet: true, headParticipating: 3, elected: [], tieForLastSeat: [x, y, z], seatsUnfilled: 2, ballotCount: 3,
    });
    expect(item.candidates.map((c: { name: string; approvalHeads: number; passesThresholds: boolean; rank: number; elected: boolean }) =>
      [c.name, c.approvalHeads, c.passesThresholds, c.rank, c.elected]))
      .toEqual([['甲', 2, true, 1, false], ['乙', 2, true, 1, false], ['丙', 2, true, 1, false]]);
    expect(item.flags.map((f: { kind: string }) => f.kind)).toEqual(['tie_for_last_seat']);
    // without the CJK font the PDF route says which package to install (nothing is cached)
    process.env.GONGZHI_CJK_FONT = '/nonexistent/NotoSansCJK-Regular.ttc';
    const missing = await t.request({ method: 'GET', url: `/api/v1/meetings/${meetingId}/result.pdf`, cookie: street.cookie });
    delete process.env.GONGZHI_CJK_FONT;
    expect(missing.statusCode).toBe(500);
    expect(missing.json().message).toContain('fonts-noto-cjk');
    const pdf = await t.request({ method: 'GET', url: `/api/v1/meetings/${meetingId}/result.pdf`, cookie: street.cookie });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 120_000);
});
