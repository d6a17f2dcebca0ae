import crypto from 'node:crypto';
import { chainBallots } from '../../../src/modules/meetings/ballot-writer.ts';
import { freezeRoster } from '../../../src/modules/meetings/freeze-roster.ts';
import { tallyMeeting } from '../../../src/modules/meetings/tally-meeting.ts';
import { withTx } from '../../../src/platform/db.ts';
import type { Fx } from '../world.ts';
import type { CaseArgs, RouteCase } from '../route-cases.ts';
import { bindCaller } from './bind-caller.ts';

// Authorisation-matrix cases for the results routes of the meetings module (issue 3).
// Each side has one meeting whose result is published (these routes only read, so it is made
// once per side): roster frozen from the side's estate, the side's owner voted on a matter item
// and an election item (ballots chained by the ballot writer), tallied by tallyMeeting. Item and
// candidate names carry the side's marker, so an allowed answer shows its target.
//
// The owner's routes (/my/...) answer whoever may vote in the meeting, whatever role is active:
// for the own side the case first binds the caller to owner A's unit (the owner role already is);
// nobody is bound on side B, so the foreign meeting is absent for every role ('self').

const meetings = new WeakMap<Fx, Map<string, Promise<{ meetingId: number; itemId: number }>>>();

function publishedMeeting(a: CaseArgs): Promise<{ meetingId: number; itemId: number }> {
  let bySide = meetings.get(a.fx);
  if (!bySide) meetings.set(a.fx, (bySide = new Map()));
  let p = bySide.get(a.side.marker);
  if (!p) bySide.set(a.side.marker, (p = makePublishedMeeting(a)));
  return p;
}

async function makePublishedMeeting(a: CaseArgs): Promise<{ meetingId: number; itemId: number }> {
  const s = a.side;
  const DAY = 86_400_000;
  return withTx(a.fx.t.pool, async (db) => {
    const r = await db.query(
      `INSERT INTO meetings (estate_id, title, convener_kind, convener_name, rules, household_count, state,
         voting_opens_at, voting_closes_at, notice_published_at, notice_published_on, pseudonym_salt, created_by)
       VALUES ($1, $2, 'committee', $3, 'civil-code-2021', 3, 'voting_open', $4, $5, $6, $7, $8, $9) RETURNING id`,
      [s.estateId, `${s.marker}业主大会会议`, `${s.marker}业委会`, new Date(Date.now() - 2 * DAY), new Date(Date.now() + DAY),
        new Date(Date.now() - 20 * DAY), new Date(Date.now() - 20 * DAY).toISOString().slice(0, 10),
        crypto.randomBytes(32).toString('hex'), a.fx.login.id],
    );
    const meetingId = Number(r.rows[0].id);
    const item = await db.query(
      `INSERT INTO meeting_items (meeting_id, position, kind, matter, title) VALUES ($1, 1, 'matter', 1, $2) RETURNING id`,
      [meetingId, `${s.marker}修订议事规则`]);
    const election = await db.query(
      `INSERT INTO meeting_items (meeting_id, position, kind, matter, title, seats) VALUES ($1, 2, 'election', 3, $2, 1) RETURNING id`,
      [meetingId, `${s.marker}选举委员`]);
    const cand = await db.query(`INSERT INTO meeting_candidates (item_id, position, name) VALUES ($1, 1, $2) RETURNING id`,
      [election.rows[0].id, `${s.marker}候选人`]);
    await freezeRoster(db, { meetingId, estateId: s.estateId, developerOwnerId: null });
    const voterKey = `o${s.ownerId}`;
    await chainBallots(db, meetingId, [
      { itemId: Number(item.rows[0].id), voterKey, channel: 'online', choice: 'yes', castByOwnerId: s.ownerId },
      { itemId: Number(election.rows[0].id), voterKey, channel: 'online', approvals: [Number(cand.rows[0].id)], castByOwnerId: s.ownerId },
    ]);
    await db.query(`UPDATE meetings SET state = 'closed', closed_at = now(), voting_closes_at = now() - interval '1 minute' WHERE id = $1`, [meetingId]);
    await tallyMeeting(db, meetingId);
    await db.query(`UPDATE meetings SET state = 'result_published', result_published_at = now() WHERE id = $1`, [meetingId]);
    return { meetingId, itemId: Number(item.rows[0].id) };
  });
}

/** Gives the caller a vote in the own side's meeting: an approved binding to owner A's unit. */
const isPdf = (res: { rawPayload: Buffer }) => (res.rawPayload.subarray(0, 5).toString('latin1') === '%PDF-' ? null : 'not a PDF');

export const RESULTS_CASES: Record<string, RouteCase> = {
  'GET /meetings/:id/turnout': {
    scope: 'estate', shows: 'target',
    build: async (a) => ({ url: `/meetings/${(await publishedMeeting(a)).meetingId}/turnout` }),
    check: (res) => (res.json().items[0].headParticipating === 1 ? null : 'turnout does not count the ballot'),
  },
  'GET /my/meetings/:id/turnout': {
    scope: 'self', shows: 'target',
    build: async (a) => {
      const { meetingId } = await publishedMeeting(a);
      await bindCaller(a);
      return { url: `/my/meetings/${meetingId}/turnout` };
    },
  },
  'GET /meetings/:id/results': {
    scope: 'estate', shows: 'target',
    build: async (a) => ({ url: `/meetings/${(await publishedMeeting(a)).meetingId}/results` }),
    check: (res) => (res.json().items[1].candidates[0].approvalHeads === 1 ? null : 'the election result lacks the approval'),
  },
  'GET /my/meetings/:id/results': {
    scope: 'self', shows: 'target',
    build: async (a) => {
      const { meetingId } = await publishedMeeting(a);
      await bindCaller(a);
      return { url: `/my/meetings/${meetingId}/results` };
    },
  },
  'GET /meetings/:id/result.pdf': {
    scope: 'estate',
    build: async (a) => ({ url: `/meetings/${(await publishedMeeting(a)).meetingId}/result.pdf` }),
    check: isPdf,
  },
  'GET /meetings/:id/items/:itemId/decision-record': {
    scope: 'estate',
    build: async (a) => {
      const { meetingId, itemId } = await publishedMeeting(a);
      return { url: `/meetings/${meetingId}/items/${itemId}/decision-record` };
    },
    check: (res) => (res.json().format === 'gongzhi.decision-record/v1' && res.json().ballots.length === 1 ? null : 'not the decision record'),
  },
  'GET /meetings/:id/export': {
    scope: 'estate', shows: 'target',
    build: async (a) => ({ url: `/meetings/${(await publishedMeeting(a)).meetingId}/export` }),
  },
};
