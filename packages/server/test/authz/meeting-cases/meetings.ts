import type { Role } from '@gongzhi/contracts';
import { withTx } from '../../../src/platform/db.ts';
import { freezeRoster, rosterHouseholdCount } from '../../../src/modules/meetings/freeze-roster.ts';
import type { CaseArgs, RouteCase } from '../route-cases.ts';
import { bindCaller } from './bind-caller.ts';

// Authorisation-matrix cases for the meetings routes of the meetings module (issue 3).
// Each case makes a fresh meeting on the target side, in the state its step starts from and
// convened by the body the caller's role stands for, so that an allowed call is a real 2xx.

const DAY = 86_400_000;

/** The convener kind a role acts for (see modules/meetings/meeting-actor.ts). */
function convenerKindFor(role: Role): string {
  if (role === 'street_officer') return 'street_office';
  if (role === 'community_officer') return 'acting_body';
  return 'committee';
}

const roleOf = async (a: CaseArgs): Promise<Role> => {
  const r = await a.fx.t.pool.query('SELECT role FROM role_grants WHERE id = $1', [a.me.grantId]);
  return r.rows[0].role as Role;
};

/** A meeting on the target side, stored directly in `state`; from the notice on, with its roster frozen. */
async function meetingIn(a: CaseArgs, state: string, opts: { convenerKind?: string } = {}): Promise<number> {
  const s = a.side;
  const convenerKind = opts.convenerKind ?? convenerKindFor(await roleOf(a));
  return withTx(a.fx.t.pool, async (db) => {
    const households = Math.max(1, await rosterHouseholdCount(db, s.estateId));
    const noticed = !['draft', 'submitted', 'approved'].includes(state);
    const r = await db.query(
      `INSERT INTO meetings (estate_id, title, convener_kind, convener_name, rules, household_count, state,
         voting_opens_at, voting_closes_at, notice_published_at, notice_published_on, pseudonym_salt, created_by)
       VALUES ($1, $2, $3, $4, 'civil-code-2021', $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [s.estateId, `${s.marker}业主大会会议`, convenerKind, `${s.marker}召集人`, households, state,
        new Date(Date.now() + (noticed ? -DAY : 20 * DAY)), new Date(Date.now() + (noticed ? 6 * DAY : 27 * DAY)),
        noticed ? new Date(Date.now() - 20 * DAY) : null, noticed ? new Date(Date.now() - 20 * DAY).toISOString().slice(0, 10) : null,
        noticed ? 'ab'.repeat(32) : null, a.fx.login.id],
    );
    const id = Number(r.rows[0].id);
    await db.query(
      `INSERT INTO meeting_items (meeting_id, position, kind, matter, title) VALUES ($1, 1, 'matter', 1, $2)`,
      [id, `${s.marker}修订议事规则`],
    );
    if (noticed) await freezeRoster(db, { meetingId: id, estateId: s.estateId, developerOwnerId: null });
    return id;
  });
}

async function meetingBody(a: CaseArgs, withEstate: boolean) {
  return {
    ...(withEstate ? { estateId: a.side.estateId } : {}),
    title: `${a.side.marker}业主大会会议`,
    convenerKind: convenerKindFor(await roleOf(a)),
    convenerName: '召集人',
    rules: 'civil-code-2021',
    householdCount: 2,
    votingOpensAt: new Date(Date.now() + 20 * DAY).toISOString(),
    votingClosesAt: new Date(Date.now() + 27 * DAY).toISOString(),
    items: [{ kind: 'matter', matter: 1, title: '修订议事规则' }],
  };
}

export const MEETINGS_CASES: Record<string, RouteCase> = {
  'GET /meetings': {
    scope: 'estate', list: true, shows: 'target',
    build: async (a) => { await meetingIn(a, 'draft'); return { url: `/meetings?estateId=${a.side.estateId}` }; },
  },
  'POST /meetings': { scope: 'estate', build: async (a) => ({ url: '/meetings', body: await meetingBody(a, true) }) },
  'GET /meetings/:id': { scope: 'estate', shows: 'target', build: async (a) => ({ url: `/meetings/${await meetingIn(a, 'draft')}` }) },
  'PUT /meetings/:id': {
    scope: 'estate',
    build: async (a) => ({ url: `/meetings/${await meetingIn(a, 'draft')}`, body: await meetingBody(a, false) }),
  },
  'POST /meetings/:id/submit': { scope: 'estate', build: async (a) => ({ url: `/meetings/${await meetingIn(a, 'draft')}/submit` }) },
  // a committee convenes (both sides have one in office), so the approval checks pass
  'POST /meetings/:id/approve': {
    scope: 'estate', build: async (a) => ({ url: `/meetings/${await meetingIn(a, 'submitted', { convenerKind: 'committee' })}/approve` }),
  },
  'POST /meetings/:id/reject': {
    scope: 'estate',
    build: async (a) => ({ url: `/meetings/${await meetingIn(a, 'submitted', { convenerKind: 'committee' })}/reject`, body: { reason: '材料不全' } }),
  },
  'POST /meetings/:id/publish-notice': {
    scope: 'estate', build: async (a) => ({ url: `/meetings/${await meetingIn(a, 'approved')}/publish-notice` }),
  },
  'POST /meetings/:id/cancel': {
    scope: 'estate', build: async (a) => ({ url: `/meetings/${await meetingIn(a, 'draft')}/cancel`, body: { reason: '召集人撤回' } }),
  },
  'POST /meetings/:id/publish-result': {
    scope: 'estate', build: async (a) => ({ url: `/meetings/${await meetingIn(a, 'tallied')}/publish-result` }),
  },
  'GET /meetings/:id/roster': {
    scope: 'estate', shows: 'target', build: async (a) => ({ url: `/meetings/${await meetingIn(a, 'notice_published')}/roster` }),
  },
  // the owner's side is open to any signed-in account (proxy holders need not be owners); what it
  // shows depends on the caller's approved binding in the estate, made here on the own side only
  'GET /my/meetings': {
    scope: 'self', list: true, shows: 'target',
    build: async (a) => { await meetingIn(a, 'notice_published'); await bindCaller(a); return { url: '/my/meetings?pageSize=200' }; },
  },
  'GET /my/meetings/:id': {
    scope: 'self', shows: 'target',
    build: async (a) => { const id = await meetingIn(a, 'voting_open'); await bindCaller(a); return { url: `/my/meetings/${id}` }; },
  },
  'GET /my/meetings/:id/roster': {
    scope: 'self',
    build: async (a) => { const id = await meetingIn(a, 'voting_open'); await bindCaller(a); return { url: `/my/meetings/${id}/roster` }; },
    check: (res) => (res.json().unitCount > 0 && !/owner|voter/i.test(res.body) ? null : 'the owner roster is empty or names owners'),
  },
};
