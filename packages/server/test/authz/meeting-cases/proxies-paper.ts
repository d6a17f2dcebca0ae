import crypto from 'node:crypto';
import { withTx } from '../../../src/platform/db.ts';
import { uniq, uniquePhone } from '../../support/factories.ts';
import type { CaseArgs, RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the proxies and paper-ballot routes of the meetings module
// (issue 3). Each case gets a fresh meeting, voting open, on the target side (its roster: the
// side's owner with units 101 and 102, one head), so that one live proxy or one pending sheet
// per head never turns an allowed call into a 409.

const DAY = 86_400_000;

async function votingMeeting(a: CaseArgs): Promise<{ meetingId: number; itemId: number; voterKey: string }> {
  const s = a.side;
  const voterKey = `o${s.ownerId}`;
  return withTx(a.fx.t.pool, async (db) => {
    const r = await db.query(
      `INSERT INTO meetings (estate_id, title, convener_kind, convener_name, rules, household_count, state, voting_opens_at,
         voting_closes_at, notice_published_at, notice_published_on, pseudonym_salt, created_by)
       VALUES ($1, $2, 'committee', $3, 'civil-code-2021', 1, 'voting_open', $4, $5, $6, $7, $8, $9) RETURNING id`,
      [s.estateId, `${s.marker}委托与纸质票会议`, `${s.marker}业委会`, new Date(Date.now() - DAY), new Date(Date.now() + 6 * DAY),
        new Date(Date.now() - 20 * DAY), new Date(Date.now() - 20 * DAY).toISOString().slice(0, 10), crypto.randomBytes(32).toString('hex'),
        a.fx.login.id],
    );
    const meetingId = Number(r.rows[0].id);
    const i = await db.query(`INSERT INTO meeting_items (meeting_id, position, kind, matter, title) VALUES ($1, 1, 'matter', 1, $2) RETURNING id`, [meetingId, `${s.marker}修订议事规则`]);
    await db.query(
      `INSERT INTO meeting_roster_units (meeting_id, unit_id, building, number, kind, status, area_centi, area_source, owner_ids, voter_key)
       SELECT $1, u.id, b.name, u.number, u.kind::text, u.status::text, u.area_centi, u.area_source::text, ARRAY[$2::bigint], $3
         FROM units u JOIN buildings b ON b.id = u.building_id WHERE u.id = ANY($4::bigint[])`,
      [meetingId, s.ownerId, voterKey, [s.unitId, s.unit2Id]],
    );
    return { meetingId, itemId: Number(i.rows[0].id), voterKey };
  });
}

/** An attachment of the side's estate as if uploaded by `accountId` (the row is what is checked). */
async function attachment(a: CaseArgs, accountId: number): Promise<number> {
  const r = await a.fx.t.pool.query(
    `INSERT INTO attachments (record_type, record_id, estate_id, filename, mime, size_bytes, sha256, storage_key, uploaded_by)
     VALUES ('meeting', 'matrix', $1, $2, 'image/png', 64, $3, $4, $5) RETURNING id`,
    [a.side.estateId, `${a.side.marker}-委托书.png`, 'a'.repeat(64), `2026/11/${crypto.randomBytes(12).toString('hex')}`, accountId],
  );
  return Number(r.rows[0].id);
}

/** A registered account with a phone: somebody to name as proxy holder. */
async function holder(a: CaseArgs): Promise<{ id: number; phone: string }> {
  const phone = uniquePhone();
  const r = await a.fx.t.pool.query(`INSERT INTO accounts (username, phone, display_name) VALUES ($1, $2, $1) RETURNING id`, [uniq('holder'), phone]);
  return { id: Number(r.rows[0].id), phone };
}

/** A fresh meeting with a pending proxy for the side's owner, held by `holderId` (default: a new account). */
async function pendingProxy(a: CaseArgs, holderId?: number) {
  const m = await votingMeeting(a);
  const h = holderId ?? (await holder(a)).id;
  const r = await a.fx.t.pool.query(
    `INSERT INTO meeting_proxies (meeting_id, voter_key, owner_id, holder_account_id, holder_name, attachment_id, status, requested_by)
     VALUES ($1, $2, $3, $4, '代理人', $5, 'pending', $6) RETURNING id`,
    [m.meetingId, m.voterKey, a.side.ownerId, h, await attachment(a, a.fx.login.id), a.fx.login.id],
  );
  return { ...m, proxyId: Number(r.rows[0].id) };
}

/** A fresh meeting with a pending paper sheet entered by somebody else than the caller. */
async function pendingSheet(a: CaseArgs) {
  const m = await votingMeeting(a);
  const scan = await attachment(a, a.fx.login.id);
  const pool = a.fx.t.pool;
  const r = await pool.query(
    `INSERT INTO meeting_paper_sheets (meeting_id, voter_key, owner_id, attachment_id, received_at, entered_by)
     VALUES ($1, $2, $3, $4, now(), $5) RETURNING id`,
    [m.meetingId, m.voterKey, a.side.ownerId, scan, a.fx.login.id],
  );
  const sheetId = Number(r.rows[0].id);
  await pool.query(
    `INSERT INTO ballots (meeting_id, item_id, voter_key, cast_by_owner_id, channel, choice, status, cast_at, attachment_id, entered_by, paper_sheet_id)
     VALUES ($1, $2, $3, $4, 'paper', 'yes', 'pending', now(), $5, $6, $7)`,
    [m.meetingId, m.itemId, m.voterKey, a.side.ownerId, scan, a.fx.login.id, sheetId],
  );
  return { ...m, sheetId };
}

export const PROXIESPAPER_CASES: Record<string, RouteCase> = {
  // --- proxies ---------------------------------------------------------------------------------
  // the owner role is bound to side A's unit 101: it votes for side A's head, never for B's
  'POST /my/meetings/:id/proxies': {
    scope: 'estate', shows: 'target',
    build: async (a) => {
      const m = await votingMeeting(a);
      return { url: `/my/meetings/${m.meetingId}/proxies`, body: { holderPhone: (await holder(a)).phone, attachmentId: await attachment(a, a.me.accountId) } };
    },
  },
  'POST /meetings/:id/proxies': {
    scope: 'estate', shows: 'target',
    build: async (a) => {
      const m = await votingMeeting(a);
      return {
        url: `/meetings/${m.meetingId}/proxies`,
        body: { voterKey: m.voterKey, holderPhone: (await holder(a)).phone, attachmentId: await attachment(a, a.me.accountId) },
      };
    },
  },
  'GET /meetings/:id/proxies': {
    scope: 'estate', shows: 'target',
    build: async (a) => ({ url: `/meetings/${(await pendingProxy(a)).meetingId}/proxies?status=pending` }),
  },
  'POST /meetings/:id/proxies/:proxyId/approve': {
    scope: 'estate', shows: 'target',
    build: async (a) => {
      const p = await pendingProxy(a);
      return { url: `/meetings/${p.meetingId}/proxies/${p.proxyId}/approve` };
    },
  },
  'POST /meetings/:id/proxies/:proxyId/reject': {
    scope: 'estate', shows: 'target',
    build: async (a) => {
      const p = await pendingProxy(a);
      return { url: `/meetings/${p.meetingId}/proxies/${p.proxyId}/reject`, body: { reason: '委托书未签名' } };
    },
  },
  // the owner role votes for side A's head (bound to unit 101), so it may withdraw that head's proxy
  'POST /my/meetings/:id/proxies/:proxyId/revoke': {
    scope: 'estate', shows: 'target',
    build: async (a) => {
      const p = await pendingProxy(a);
      return { url: `/my/meetings/${p.meetingId}/proxies/${p.proxyId}/revoke`, body: {} };
    },
  },
  'POST /meetings/:id/proxies/:proxyId/revoke': {
    scope: 'estate', shows: 'target',
    build: async (a) => {
      const p = await pendingProxy(a);
      await a.fx.t.pool.query(`UPDATE meeting_proxies SET status = 'approved', reviewed_at = now() WHERE id = $1`, [p.proxyId]);
      return { url: `/meetings/${p.meetingId}/proxies/${p.proxyId}/revoke`, body: { reason: '业主到场撤销' } };
    },
  },
  // holding a proxy is not a role: whatever the caller's role, it sees the proxies it holds
  'GET /my/proxies': {
    scope: 'none', shows: 'own',
    build: async (a) => {
      const own = { ...a, side: a.fx.side.own };
      await pendingProxy(own, a.me.accountId);
      return { url: '/my/proxies' };
    },
    check: (res, a) => {
      const held = res.json().held as { holderAccountId: number }[];
      return held.length === 1 && held[0]!.holderAccountId === a.me.accountId ? null : `held: ${JSON.stringify(held)}`;
    },
  },

  // --- paper ballots ---------------------------------------------------------------------------
  'POST /meetings/:id/paper-ballots': {
    scope: 'estate', shows: 'target',
    build: async (a) => {
      const m = await votingMeeting(a);
      return {
        url: `/meetings/${m.meetingId}/paper-ballots`,
        body: { voterKey: m.voterKey, votes: [{ itemId: m.itemId, choice: 'yes' }], attachmentId: await attachment(a, a.me.accountId) },
      };
    },
  },
  'GET /meetings/:id/paper-ballots': {
    scope: 'estate', shows: 'target',
    build: async (a) => ({ url: `/meetings/${(await pendingSheet(a)).meetingId}/paper-ballots?status=pending` }),
  },
  // the sheet was entered by somebody else, so an allowed caller is the second person
  'POST /meetings/:id/paper-ballots/:sheetId/confirm': {
    scope: 'estate', shows: 'target',
    build: async (a) => {
      const s = await pendingSheet(a);
      return { url: `/meetings/${s.meetingId}/paper-ballots/${s.sheetId}/confirm` };
    },
  },
  'POST /meetings/:id/paper-ballots/:sheetId/reject': {
    scope: 'estate', shows: 'target',
    build: async (a) => {
      const s = await pendingSheet(a);
      return { url: `/meetings/${s.meetingId}/paper-ballots/${s.sheetId}/reject`, body: { reason: '扫描件不清晰' } };
    },
  },
};
