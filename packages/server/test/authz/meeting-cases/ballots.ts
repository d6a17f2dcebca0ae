import crypto from 'node:crypto';
import { chainBallots } from '../../../src/modules/meetings/ballot-writer.ts';
import { withTx } from '../../../src/platform/db.ts';
import type { CaseArgs, RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the ballots routes of the meetings module (issue 3).
// Casting and "my" routes are open to any signed-in account, but only for heads it may vote for:
// on the own side the caller holds an approved proxy for side A's owner (so every role can cast
// and an allowed call is a real 2xx); on the foreign side it holds nothing and must learn nothing.

const HOUR = 3_600_000;

/** A meeting in voting_open on the target side with side's owner in its roster; `proxyForMe`
 *  gives the caller an approved proxy for that owner. */
async function votingMeeting(a: CaseArgs, opts: { proxyForMe: boolean }) {
  const s = a.side;
  return withTx(a.fx.t.pool, async (db) => {
    const m = await db.query(
      `INSERT INTO meetings (estate_id, title, convener_kind, convener_name, rules, household_count, state,
         voting_opens_at, voting_closes_at, notice_published_at, notice_published_on, pseudonym_salt, created_by)
       VALUES ($1, $2, 'committee', $3, 'civil-code-2021', 1, 'voting_open', $4, $5, now(), current_date, $6, $7) RETURNING id`,
      [s.estateId, `${s.marker}投票会议`, `${s.marker}业委会`, new Date(Date.now() - HOUR), new Date(Date.now() + 24 * HOUR),
        crypto.randomBytes(16).toString('hex'), a.fx.login.id],
    );
    const meetingId = Number(m.rows[0].id);
    const i = await db.query(
      `INSERT INTO meeting_items (meeting_id, position, kind, matter, title) VALUES ($1, 1, 'matter', 4, $2) RETURNING id`,
      [meetingId, `${s.marker}选聘物业`],
    );
    const voterKey = `o${s.ownerId}`;
    await db.query(
      `INSERT INTO meeting_roster_units (meeting_id, unit_id, building, number, kind, status, area_centi, area_source, owner_ids, voter_key)
       VALUES ($1, $2, $3, '101', 'residential', 'sold', 8950, 'registry', $4, $5)`,
      [meetingId, s.unitId, s.buildingName, [s.ownerId], voterKey],
    );
    if (opts.proxyForMe) {
      await db.query(
        `INSERT INTO meeting_proxies (meeting_id, voter_key, owner_id, holder_account_id, holder_name, status, requested_by)
         VALUES ($1, $2, $3, $4, '代理人', 'approved', $4)`,
        [meetingId, voterKey, s.ownerId, a.me.accountId],
      );
    }
    return { meetingId, itemId: Number(i.rows[0].id), voterKey };
  });
}

/** A chained ballot on the target side; cast by the caller on the own side, by nobody known on the foreign side. */
async function ballotWithReceipt(a: CaseArgs): Promise<string> {
  const own = a.target === 'own';
  const m = await votingMeeting(a, { proxyForMe: own });
  const [w] = await withTx(a.fx.t.pool, (db) => chainBallots(db, m.meetingId, [{
    itemId: m.itemId, voterKey: m.voterKey, channel: 'online', choice: 'yes', castByAccountId: own ? a.me.accountId : null,
  }]));
  return w!.receipt!;
}

export const BALLOTS_CASES: Record<string, RouteCase> = {
  'POST /meetings/:id/ballots': {
    scope: 'self',
    build: async (a) => {
      const m = await votingMeeting(a, { proxyForMe: a.target === 'own' });
      return {
        url: `/meetings/${m.meetingId}/ballots`,
        body: { voterKey: m.voterKey, votes: [{ itemId: m.itemId, choice: 'yes' }] },
        headers: { 'idempotency-key': crypto.randomUUID() },
      };
    },
    check: (res) => (res.json().receipts?.length === 1 ? null : `no receipt in ${res.body.slice(0, 120)}`),
  },
  'GET /my/meetings/:id/ballots': {
    // a role whose scope holds the foreign estate sees an empty list there (nothing of side B)
    scope: 'self', list: true,
    build: async (a) => {
      const m = await votingMeeting(a, { proxyForMe: a.target === 'own' });
      return { url: `/my/meetings/${m.meetingId}/ballots` };
    },
  },
  'GET /public/receipts/:receipt': {
    // public by design: the receipt code is the capability; it names meeting and item, never the owner
    scope: 'none',
    build: async (a) => ({ url: `/public/receipts/${await ballotWithReceipt(a)}` }),
    check: (res) => (res.json().included === true && !('voterKey' in res.json()) ? null : `unexpected ${res.body.slice(0, 120)}`),
  },
  'GET /my/receipts/:receipt': {
    scope: 'self',
    build: async (a) => ({ url: `/my/receipts/${await ballotWithReceipt(a)}` }),
    check: (res) => (res.json().choice === 'yes' ? null : `no choice in ${res.body.slice(0, 120)}`),
  },
};
