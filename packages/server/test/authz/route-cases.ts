import { ROSTER_COLUMNS, type Role } from '@gongzhi/contracts';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { issueCode } from '../../src/platform/auth/one-time-code.ts';
import { withTx } from '../../src/platform/db.ts';
import { createCompany, createOwner, createOwnership, createUnit, uniq, uniquePhone } from '../support/factories.ts';
import { CASE_ROUTE_CASES } from './case-cases/index.ts';
import { DISCLOSURE_ROUTE_CASES } from './disclosure-cases/index.ts';
import { FUND_ROUTE_CASES } from './fund-cases/index.ts';
import { MEETING_ROUTE_CASES } from './meeting-cases/index.ts';
import { invitationCode, pngFile, validCreditCode, validIdNumber, type Fx, type Principal, type Side, type Target } from './world.ts';

// One request builder per route of the route table, keyed "METHOD /url". The matrix test fails
// when a route has no entry here (or an entry has no route), so a new route cannot go untested.
// Builders make a valid request (most allowed cases are a real 2xx); records a call consumes or
// changes (a binding to approve, a unit to transfer) are made fresh for each case.

export interface Req {
  url: string; // relative to /api/v1, query string included
  body?: unknown;
  multipart?: { fields: Record<string, string>; file?: { name: string; type: string; data: Buffer } };
  /** extra request headers (e.g. Idempotency-Key) */
  headers?: Record<string, string>;
}

export interface CaseArgs {
  fx: Fx;
  target: Target;
  /** the side the target lives on: own = estate A (in every role's scope), foreign = estate B */
  side: Side;
  me: Principal;
  /** the client address of this case (per-address sign-in throttling stays out of the way) */
  ip: string;
}

export interface RouteCase {
  /** what a target means: 'estate' = a record or a filter on the target's estate (in scope by where
   *  the role's grant reaches, see reaches() in world.ts); 'self' = on the foreign side, somebody
   *  else's thing (never allowed); 'none' = no scope at all */
  scope: 'estate' | 'self' | 'none';
  /** a list filtered by scope: out of scope it may answer 2xx, but must show nothing of side B */
  list?: boolean;
  /** an allowed 2xx names the target's records ('target'), the caller's own side ('own'), the
   *  target's region ('region': estate C lies in region A) or its company ('company': estate D's
   *  company is company A) */
  shows?: 'target' | 'own' | 'region' | 'company';
  /** the record is a company's, not an estate's: in reach of whoever reaches an estate it serves
   *  (estate D's company is company A, in reach of everyone who reaches estate A) */
  reach?: 'company';
  /** roles that also reach a target on this route by design, each with its reason at the case */
  alsoReach?: Partial<Record<Target, readonly Role[]>>;
  /** lists every estate by design (the binding directory): side B's names are no leak */
  directory?: boolean;
  /** the caller's session still waits for its second factor */
  mfaPending?: boolean;
  /** a step of signing in: answers a session still waiting for its second factor (others must not) */
  midSignIn?: boolean;
  /** the use case acts only for these roles: the permission's other holders are refused (403),
   *  e.g. acceptance of works is the committee's although street officers hold fund.confirm */
  roles?: readonly Role[];
  /** more to verify on an allowed 2xx: returns what is wrong, or null */
  check?(res: LightMyRequestResponse, a: CaseArgs): string | null | Promise<string | null>;
  build(a: CaseArgs): Req | Promise<Req>;
}

const page = (path: string, s: Side) => `${path}?estateId=${s.estateId}`;

/** A fresh unit on the target side, currently owned by `ownerId` (or by a fresh owner). */
async function freshOwnedUnit(a: CaseArgs, ownerId?: number | null) {
  const pool = a.fx.t.pool;
  const unitId = await createUnit(pool, { estateId: a.side.estateId, buildingId: a.side.buildingId, number: uniq('U') });
  const owner = ownerId ?? (await createOwner(pool, { name: `新业主${a.side.marker}${uniq()}` }));
  await createOwnership(pool, { unitId, ownerId: owner });
  return { unitId, ownerId: owner };
}

/** The code the console sender last sent to `phone`. */
function lastCode(a: CaseArgs, phone: string): string {
  const m = a.fx.t.sender.lastTo(phone)?.body.match(/\d{6}/);
  if (!m) throw new Error(`no code sent to ${phone}`);
  return m[0];
}

async function rosterFile(s: Side): Promise<Buffer> {
  const row: Record<string, string | number> = {
    building: s.buildingName, unit: uniq('R'), kind: '住宅', status: '已售', area: 88.5, areaSource: '不动产登记',
    ownerKind: '个人', ownerName: `名册${s.marker}`, idNumber: validIdNumber(), phone: uniquePhone(), since: '2021-05-01',
  };
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('业主名册');
  ws.addRow(ROSTER_COLUMNS.map((c) => c.header));
  ws.addRow(ROSTER_COLUMNS.map((c) => row[c.key] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const ROUTE_CASES: Record<string, RouteCase> = {
  ...MEETING_ROUTE_CASES,
  ...FUND_ROUTE_CASES,
  ...DISCLOSURE_ROUTE_CASES,
  ...CASE_ROUTE_CASES,
  // --- system, demo ---------------------------------------------------------------------------
  'GET /health': { scope: 'none', build: () => ({ url: '/health' }) },
  'GET /demo/accounts': { scope: 'none', build: () => ({ url: '/demo/accounts' }) },

  // --- identity: signing in and out -------------------------------------------------------------
  'POST /auth/login': {
    scope: 'none',
    build: ({ fx }) => ({ url: '/auth/login', body: { login: fx.login.username, password: fx.login.password } }),
  },
  'POST /auth/mfa/verify': {
    scope: 'none', mfaPending: true, midSignIn: true,
    build: async (a) => {
      await withTx(a.fx.t.pool, (db) => issueCode(db, a.fx.t.sender, { phone: a.me.phone, purpose: 'mfa', accountId: a.me.accountId }));
      return { url: '/auth/mfa/verify', body: { code: lastCode(a, a.me.phone) } };
    },
  },
  'POST /auth/otp/request': { scope: 'none', build: () => ({ url: '/auth/otp/request', body: { phone: uniquePhone(), purpose: 'login' } }) },
  'POST /auth/otp/login': {
    scope: 'none',
    build: async (a) => {
      const phone = uniquePhone();
      const res = await a.fx.t.request({ method: 'POST', url: '/api/v1/auth/otp/request', body: { phone, purpose: 'login' }, headers: { 'x-forwarded-for': a.ip } });
      if (res.statusCode !== 200) throw new Error(`otp request failed ${res.statusCode}: ${res.body}`);
      return { url: '/auth/otp/login', body: { phone, code: lastCode(a, phone) } };
    },
  },
  'POST /auth/logout': {
    scope: 'none', midSignIn: true,
    build: () => ({ url: '/auth/logout' }),
    // the session is over on the server, not just the cookie dropped
    check: async (_res, a) => {
      const me = await a.fx.t.request({ method: 'GET', url: '/api/v1/auth/me', cookie: a.me.cookie });
      return me.statusCode === 401 ? null : `session still usable after logout (${me.statusCode})`;
    },
  },
  'GET /auth/me': { scope: 'none', midSignIn: true, build: () => ({ url: '/auth/me' }) },
  'POST /auth/switch-role': {
    scope: 'self',
    build: ({ fx, target, me }) => ({ url: '/auth/switch-role', body: { grantId: target === 'own' ? me.grantId : fx.stranger.grantId } }),
  },

  // --- identity: invitations and bindings -------------------------------------------------------
  'POST /invitations': {
    scope: 'estate', shows: 'target',
    build: ({ side }) => ({ url: '/invitations', body: { unitId: side.unitId, ownerId: side.ownerId } }),
  },
  'GET /invitations': { scope: 'estate', list: true, shows: 'target', build: ({ side }) => ({ url: page('/invitations', side) }) },
  // anyone signed in may redeem a code anywhere: the code is the credential
  'POST /bindings/invitation': {
    scope: 'none', shows: 'target',
    build: async (a) => {
      const { unitId, ownerId } = await freshOwnedUnit(a, a.me.ownerId);
      const code = invitationCode();
      await a.fx.t.pool.query(
        `INSERT INTO invitations (code, estate_id, unit_id, owner_id, issued_by, expires_at)
         VALUES ($1, $2, $3, $4, $5, now() + interval '30 days')`,
        [code, a.side.estateId, unitId, ownerId, a.fx.login.id],
      );
      return { url: '/bindings/invitation', body: { code } };
    },
  },
  'POST /bindings/roster-match': {
    scope: 'none', shows: 'target',
    build: async (a) => {
      // a live binding code for the caller's own phone (sent directly: a session still waiting for
      // its second factor may not ask for one, yet its request must be refused for that reason)
      await withTx(a.fx.t.pool, (db) => issueCode(db, a.fx.t.sender, { phone: a.me.phone, purpose: 'binding', accountId: a.me.accountId }));
      const { side } = a;
      return {
        url: '/bindings/roster-match',
        body: {
          estateId: side.estateId, building: side.buildingName, unit: side.unit2Number, name: side.ownerName, idLast4: side.idNumber.slice(-4),
          code: lastCode(a, a.me.phone),
        },
      };
    },
  },
  'GET /bindings': { scope: 'estate', list: true, shows: 'target', build: ({ side }) => ({ url: page('/bindings', side) }) },
  'POST /bindings/:id/approve': { scope: 'estate', shows: 'target', build: async (a) => ({ url: `/bindings/${await pendingBinding(a)}/approve` }) },
  'POST /bindings/:id/reject': {
    scope: 'estate', shows: 'target',
    build: async (a) => ({ url: `/bindings/${await pendingBinding(a)}/reject`, body: { note: '证件信息与名册不符' } }),
  },
  'GET /my/units': {
    scope: 'none', shows: 'own',
    build: () => ({ url: '/my/units' }),
    // exactly the caller's own bound unit, nothing else of estate A
    check: (res, { fx }) => {
      const units = (res.json().units as { unitId: number }[]).map((u) => u.unitId);
      return units.length === 1 && units[0] === fx.side.own.unitId ? null : `my units were ${JSON.stringify(units)}`;
    },
  },
  'GET /my/estates-for-binding': { scope: 'none', directory: true, build: () => ({ url: '/my/estates-for-binding' }) },

  // --- registry: regions, estates, buildings ----------------------------------------------------
  'GET /regions': { scope: 'estate', list: true, shows: 'region', build: () => ({ url: '/regions' }) },
  'GET /estates': { scope: 'estate', list: true, shows: 'target', build: ({ side }) => ({ url: `/estates?regionId=${side.districtId}` }) },
  'GET /estates/:id': { scope: 'estate', shows: 'target', build: ({ side }) => ({ url: `/estates/${side.estateId}` }) },
  'GET /estates/:id/buildings': { scope: 'estate', shows: 'target', build: ({ side }) => ({ url: `/estates/${side.estateId}/buildings` }) },
  'POST /estates': {
    scope: 'estate',
    build: ({ side }) => ({ url: '/estates', body: { communityId: side.communityId, name: `${side.marker}新苑${uniq()}`, code: uniq('EMX') } }),
  },
  'POST /estates/:id/buildings': {
    scope: 'estate', shows: 'target',
    build: ({ side }) => ({ url: `/estates/${side.estateId}/buildings`, body: { name: `${side.marker}-${uniq()}栋`, floors: 6 } }),
  },

  // --- registry: units --------------------------------------------------------------------------
  'GET /units': { scope: 'estate', list: true, shows: 'target', build: ({ side }) => ({ url: page('/units', side) }) },
  'GET /units/:id': { scope: 'estate', shows: 'target', build: ({ side }) => ({ url: `/units/${side.unitId}` }) },
  'POST /units': {
    scope: 'estate',
    build: ({ side }) => ({
      url: '/units',
      body: { buildingId: side.buildingId, number: uniq('N'), areaCenti: 9000, areaSource: 'registry', kind: 'residential', status: 'sold' },
    }),
  },
  'PATCH /units/:id': { scope: 'estate', shows: 'target', build: ({ side }) => ({ url: `/units/${side.unit2Id}`, body: { areaCenti: 9001 } }) },
  'POST /units/:id/transfer': {
    scope: 'estate',
    build: async (a) => {
      const { unitId } = await freshOwnedUnit(a);
      const buyer = await createOwner(a.fx.t.pool, { name: `买受人${a.side.marker}${uniq()}` });
      return { url: `/units/${unitId}/transfer`, body: { owners: [{ ownerId: buyer }], date: '2024-06-01' } };
    },
  },

  // --- registry: owners -------------------------------------------------------------------------
  'GET /owners': { scope: 'estate', list: true, shows: 'target', build: ({ side }) => ({ url: page('/owners', side) }) },
  'GET /owners/:id': { scope: 'estate', shows: 'target', build: ({ side }) => ({ url: `/owners/${side.ownerId}` }) },
  // owners are people, not estate records: registering one needs only the permission
  'POST /owners': {
    scope: 'none', shows: 'target',
    build: ({ side }) => ({ url: '/owners', body: { kind: 'person', name: `登记${side.marker}${uniq()}`, idNumber: validIdNumber() } }),
  },
  'POST /owners/:id/reveal-id': {
    scope: 'estate',
    build: ({ side }) => ({ url: `/owners/${side.ownerId}/reveal-id` }),
    check: (res, { side }) => (res.json().idNumber === side.idNumber ? null : 'revealed a different ID number'),
  },

  // --- registry: companies, contracts, committees -----------------------------------------------
  'GET /companies': { scope: 'estate', list: true, shows: 'company', build: () => ({ url: '/companies' }) },
  'GET /companies/:id': { scope: 'estate', reach: 'company', shows: 'company', build: ({ side }) => ({ url: `/companies/${side.companyId}` }) },
  'POST /companies': {
    scope: 'none', shows: 'target',
    build: ({ side }) => ({ url: '/companies', body: { name: `物业${side.marker}${uniq()}`, creditCode: validCreditCode() } }),
  },
  'GET /service-contracts': { scope: 'estate', list: true, shows: 'target', build: ({ side }) => ({ url: page('/service-contracts', side) }) },
  // a fresh company each time: a contract for side A's company would widen the property roles' scope
  'POST /service-contracts': {
    scope: 'estate', shows: 'target',
    build: async ({ fx, side }) => {
      const companyId = await createCompany(fx.t.pool, { name: `新物业${side.marker}${uniq()}` });
      return { url: '/service-contracts', body: { companyId, estateId: side.estateId, startsOn: '2030-01-01', endsOn: '2032-12-31' } };
    },
  },
  'GET /committees': { scope: 'estate', list: true, shows: 'target', build: ({ side }) => ({ url: page('/committees', side) }) },
  'GET /committees/:id': { scope: 'estate', shows: 'target', build: ({ side }) => ({ url: `/committees/${side.committeeId}` }) },
  'POST /committees': {
    scope: 'estate', shows: 'target',
    build: ({ side }) => ({
      url: '/committees',
      body: { estateId: side.estateId, kind: 'committee', name: `第二届${side.marker}`, termStart: '2030-01-01', termEnd: '2034-12-31' },
    }),
  },
  'POST /committees/:id/members': {
    scope: 'estate', shows: 'target',
    build: ({ side }) => ({
      url: `/committees/${side.committeeId}/members`,
      body: { name: `委员${side.marker}`, role: 'member', termStart: '2025-01-01', termEnd: '2029-12-31' },
    }),
  },

  // --- roster -----------------------------------------------------------------------------------
  'POST /estates/:id/roster/import': {
    scope: 'estate',
    build: async ({ side }) => ({
      url: `/estates/${side.estateId}/roster/import?dryRun=1`,
      multipart: { fields: {}, file: { name: 'roster.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: await rosterFile(side) } },
    }),
  },
  'GET /estates/:id/roster/export': { scope: 'estate', build: ({ side }) => ({ url: `/estates/${side.estateId}/roster/export` }) },
  'GET /roster/template': { scope: 'none', build: () => ({ url: '/roster/template' }) },

  // --- notifications ----------------------------------------------------------------------------
  'GET /notifications': { scope: 'none', build: () => ({ url: '/notifications' }) },
  'POST /notifications/:id/read': {
    scope: 'self',
    build: async ({ fx, target, me }) => {
      const to = target === 'own' ? me.accountId : fx.stranger.accountId;
      const r = await fx.t.pool.query(
        `INSERT INTO notifications (account_id, channel, recipient, subject, body, status, sent_at)
         VALUES ($1, 'inbox', $2, '测试消息', '内容', 'sent', now()) RETURNING id`,
        [to, String(to)],
      );
      return { url: `/notifications/${r.rows[0].id}/read` };
    },
  },
  'POST /notifications/read-all': { scope: 'none', build: () => ({ url: '/notifications/read-all' }) },
  'POST /notifications/send': {
    scope: 'estate',
    build: ({ side }) => ({ url: '/notifications/send', body: { estateId: side.estateId, subject: '停水通知', body: '明日停水', audience: 'committee' } }),
  },

  // --- attachments ------------------------------------------------------------------------------
  'POST /attachments': {
    scope: 'estate', shows: 'target',
    build: ({ side }) => ({
      url: '/attachments',
      multipart: { fields: { recordType: 'estate', recordId: String(side.estateId), estateId: String(side.estateId) }, file: pngFile(`${side.marker}-case.png`) },
    }),
  },
  'GET /attachments': {
    scope: 'estate', list: true, shows: 'target',
    build: ({ side }) => ({ url: `/attachments?recordType=estate&recordId=${side.estateId}` }),
  },
  'GET /attachments/:id': { scope: 'estate', build: ({ side }) => ({ url: `/attachments/${side.attachmentId}` }) },

  // --- accounts (admin) -------------------------------------------------------------------------
  // each case manages a fresh official on the target side (a street officer of its street)
  'GET /accounts': {
    scope: 'estate', list: true, shows: 'target',
    build: async (a) => ({ url: `/accounts?q=${(await freshOfficial(a)).username}` }),
  },
  'POST /accounts': {
    scope: 'estate', shows: 'target',
    build: ({ side }) => ({
      url: '/accounts',
      body: { username: uniq('new'), displayName: `干部${side.marker}`, password: 'street-pass-88', grants: [{ role: 'street_officer', scopeKind: 'region', scopeId: side.streetId }] },
    }),
  },
  'POST /accounts/:id/grants': {
    scope: 'estate', shows: 'target',
    build: async (a) => ({ url: `/accounts/${(await freshOfficial(a)).id}/grants`, body: { role: 'committee_member', scopeKind: 'estate', scopeId: a.side.estateId } }),
  },
  'POST /accounts/:id/grants/:grantId/revoke': {
    scope: 'estate', shows: 'target',
    build: async (a) => {
      const o = await freshOfficial(a, true);
      return { url: `/accounts/${o.id}/grants/${o.grantId}/revoke` };
    },
  },
  'POST /accounts/:id/disable': { scope: 'estate', shows: 'target', build: async (a) => ({ url: `/accounts/${(await freshOfficial(a)).id}/disable` }) },
  'POST /accounts/:id/enable': { scope: 'estate', shows: 'target', build: async (a) => ({ url: `/accounts/${(await freshOfficial(a)).id}/enable` }) },
  // --- audit ------------------------------------------------------------------------------------
  'GET /audit-events': {
    scope: 'estate', list: true, shows: 'target',
    build: ({ side }) => ({ url: `/audit-events?estateId=${side.estateId}&action=attachment.upload` }),
  },
  'POST /audit/verify': { scope: 'none', build: () => ({ url: '/audit/verify' }) },
};

/** A fresh pending roster-match request on the target side, by a fresh account. */
async function pendingBinding(a: CaseArgs): Promise<number> {
  const pool = a.fx.t.pool;
  const acc = await pool.query(`INSERT INTO accounts (username, display_name) VALUES ($1, $1) RETURNING id`, [uniq('req')]);
  const r = await pool.query(
    `INSERT INTO bindings (account_id, unit_id, owner_id, estate_id, method, status)
     VALUES ($1, $2, $3, $4, 'roster_match', 'pending') RETURNING id`,
    [acc.rows[0].id, a.side.unit2Id, a.side.ownerId, a.side.estateId],
  );
  return Number(r.rows[0].id);
}

/** A fresh official on the target side: a street officer of its street (and, with `second`, a
 *  committee member of its estate too, so that revoking one grant leaves the account in scope). */
async function freshOfficial(a: CaseArgs, second = false): Promise<{ id: number; username: string; grantId: number }> {
  const pool = a.fx.t.pool;
  const username = uniq('off');
  const acc = await pool.query(`INSERT INTO accounts (username, display_name) VALUES ($1, $2) RETURNING id`, [username, `干部${a.side.marker}`]);
  const id = Number(acc.rows[0].id);
  const g = await pool.query(
    `INSERT INTO role_grants (account_id, role, scope_kind, scope_id) VALUES ($1, 'street_officer', 'region', $2) RETURNING id`,
    [id, a.side.streetId],
  );
  if (second) {
    await pool.query(`INSERT INTO role_grants (account_id, role, scope_kind, scope_id) VALUES ($1, 'committee_member', 'estate', $2)`, [id, a.side.estateId]);
  }
  return { id, username, grantId: Number(g.rows[0].id) };
}
