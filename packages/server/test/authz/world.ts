import crypto from 'node:crypto';
import { ROLE_SCOPE, type Role } from '@gongzhi/contracts';
import { creditCodeCheckChar, idNumberCheckChar } from '@gongzhi/domain';
import { createSession, SESSION_COOKIE } from '../../src/platform/auth/session.ts';
import { withTx } from '../../src/platform/db.ts';
import {
  createBuilding, createCommittee, createCompany, createEstate, createOwner, createOwnership, createRegionTree,
  createServiceContract, createTestAccount, createUnit, uniq, uniquePhone,
} from '../support/factories.ts';
import { multipart } from '../support/multipart.ts';
import type { TestApp } from '../support/test-app.ts';

// The fixture world of the authorisation matrix: one city, three districts, four estates.
//   own (A)       district A > street A > community A > estate A, served by company A: where
//                 every role's grant points
//   neighbour (C) estate C in the SAME community A, served by company C: the caller's own
//                 region (community/street/district officers reach it), a foreign estate for
//                 the estate and unit roles, a foreign company for the property roles
//   company (D)   district D > … > estate D, served by company A too: the property roles' own
//                 company in a foreign region (only they and the city root reach it)
//   foreign (B)   district B > … > estate B, served by company B: foreign region and company
// Every name of a side carries its marker (XA7, XC7, XD7, XB7), so any answer that mentions a
// side to someone who may not see it is caught by a plain text search.

export const TARGETS = ['own', 'neighbour', 'company', 'foreign'] as const;
export type Target = (typeof TARGETS)[number];
export const MARKER: Record<Target, string> = { own: 'XA7', neighbour: 'XC7', company: 'XD7', foreign: 'XB7' };
/** The marker in the names of a target's region (estate C lies in region A) and company (estate D is company A's). */
export const REGION_MARKER: Record<Target, string> = { own: 'XA7', neighbour: 'XA7', company: 'XD7', foreign: 'XB7' };
export const COMPANY_MARKER: Record<Target, string> = { own: 'XA7', neighbour: 'XC7', company: 'XA7', foreign: 'XB7' };

export interface Side {
  marker: string;
  districtId: number;
  streetId: number;
  communityId: number;
  estateId: number;
  buildingId: number;
  buildingName: string;
  /** owned by `ownerId`; on side A the owner role is bound to it */
  unitId: number;
  /** also owned by `ownerId`: roster-match requests and area corrections use it */
  unit2Id: number;
  unit2Number: string;
  ownerId: number;
  ownerName: string;
  idNumber: string;
  /** the company serving this estate (side A: the property roles' company) */
  companyId: number;
  committeeId: number;
  /** a department (urban management) of this side's street: side A's holds department_officer */
  departmentId: number;
  attachmentId: number;
  /** planted for the forbidden-field scan: the side owner's full phone (owners.phone) */
  ownerPhone: string;
  /** another owner of the side (unit 103): a name and phone no owner but this one may see */
  otherOwnerId: number;
  otherOwnerName: string;
  otherOwnerPhone: string;
  otherIdNumber: string;
  /** the invitation code planted on the side's unit 101 */
  invitationCode: string;
}

export interface Fx {
  t: TestApp;
  cityId: number;
  side: Record<Target, Side>;
  /** an account with a password and no role (the login route signs in as it) */
  login: { id: number; username: string; password: string };
  /** somebody else: owns the foreign notification and the foreign role grant */
  stranger: { accountId: number; grantId: number };
}

/** Where each role's grant points: every role is granted on side A; only the city root reaches B. */
export const GRANT_AT: Record<Role, 'unit' | 'estate' | 'company' | 'community' | 'street' | 'district' | 'city' | 'department'> = {
  owner: 'unit',
  committee_member: 'estate',
  committee_chair: 'estate',
  committee_secretary: 'estate',
  property_staff: 'company',
  property_manager: 'company',
  community_officer: 'community',
  street_officer: 'street',
  district_officer: 'district',
  city_officer: 'city',
  department_officer: 'department',
  auditor: 'city',
  admin: 'city',
};

/** Whether a role's scope also covers the foreign side (its grant sits at the city root). */
export const coversForeign = (role: Role) => GRANT_AT[role] === 'city';

/** Whether a role's grant (on side A) reaches the estate of `target`, by where the grant sits:
 *  the region roles reach the estates below their region, the property roles the estates their
 *  company serves, the estate and unit roles only estate A, a department no estate (its cases
 *  are judged by reachesOwn). */
export function reaches(role: Role, target: Target): boolean {
  const g = GRANT_AT[role];
  switch (target) {
    case 'own': return true;
    case 'neighbour': return g === 'community' || g === 'street' || g === 'district' || g === 'city';
    case 'company': return g === 'company' || g === 'city';
    case 'foreign': return g === 'city';
  }
}

/** Whether a route needing `permission` reaches side A's records for `role`. A department officer
 *  reaches no estate: only the cases its department is called in on (side A's department: the
 *  case routes), never estate A's other records (attachments, statements, rules of the city). */
export const reachesOwn = (role: Role, permission: string) => GRANT_AT[role] !== 'department' || permission.startsWith('case.');

function grantScopeId(fx: Fx, role: Role): number | null {
  const a = fx.side.own;
  switch (GRANT_AT[role]) {
    case 'unit': return null;
    case 'estate': return a.estateId;
    case 'company': return a.companyId;
    case 'community': return a.communityId;
    case 'street': return a.streetId;
    case 'district': return a.districtId;
    case 'city': return fx.cityId;
    case 'department': return a.departmentId;
  }
}

let n = 0;
/** Every ID number the matrix made: none may come back in full outside the audited reveal. */
export const ISSUED_ID_NUMBERS = new Set<string>();
/** A valid mainland ID number, different on every call. */
export function validIdNumber(): string {
  n++;
  const body = `1101051985${String((n % 12) + 1).padStart(2, '0')}${String((n % 28) + 1).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  const id = body + idNumberCheckChar(body);
  ISSUED_ID_NUMBERS.add(id);
  return id;
}
/** A valid unified social credit code, different on every call. */
export function validCreditCode(): string {
  const body = `91330100${String(process.pid % 1000).padStart(3, '0')}${String(++n).padStart(6, '0')}`;
  return body + creditCodeCheckChar(body);
}

export interface Principal {
  accountId: number;
  grantId: number;
  cookie: string;
  phone: string;
  /** owner role: the person the account is (owner A) */
  ownerId: number | null;
}

/** A fresh account holding `role` on side A, signed in with that role active. Every case gets its
 *  own, so that logging out, switching role or binding never changes another case's caller.
 *  `mfaPending`: the session still waits for its second factor. Made in batches (one transaction
 *  of set-based statements for PRINCIPAL_BATCH of them): the matrix asks for ~11,000, and
 *  one transaction each was half its time. Each one is still handed out once. */
export async function principal(fx: Fx, role: Role, opts: { mfaPending?: boolean } = {}): Promise<Principal> {
  let spare = SPARE.get(fx);
  if (!spare) SPARE.set(fx, (spare = new Map()));
  const key = `${role}:${opts.mfaPending ? 'mfa' : 'in'}`;
  let queue = spare.get(key);
  if (!queue?.length) spare.set(key, (queue = await principals(fx, role, !opts.mfaPending, PRINCIPAL_BATCH)));
  return queue.shift()!;
}

const PRINCIPAL_BATCH = 24;
const SPARE = new WeakMap<Fx, Map<string, Principal[]>>();

async function principals(fx: Fx, role: Role, mfaPassed: boolean, count: number): Promise<Principal[]> {
  const a = fx.side.own;
  const ownerId = role === 'owner' ? a.ownerId : null;
  const names = Array.from({ length: count }, () => uniq('mx'));
  const phones = names.map(() => uniquePhone());
  return withTx(fx.t.pool, async (db) => {
    const acc = await db.query(
      `INSERT INTO accounts (username, phone, display_name, owner_id)
       SELECT u, p, u, $3::bigint FROM unnest($1::text[], $2::text[]) AS x(u, p) RETURNING id, username`,
      [names, phones, ownerId],
    );
    const idOf = new Map(acc.rows.map((r) => [String(r.username), Number(r.id)]));
    const accountIds = names.map((u) => idOf.get(u)!);
    const g = await db.query(
      `INSERT INTO role_grants (account_id, role, scope_kind, scope_id)
       SELECT x, $2, $3, $4::bigint FROM unnest($1::bigint[]) AS x RETURNING id, account_id`,
      [accountIds, role, ROLE_SCOPE[role], grantScopeId(fx, role)],
    );
    const grantOf = new Map(g.rows.map((r) => [Number(r.account_id), Number(r.id)]));
    if (role === 'owner') {
      await db.query(
        `INSERT INTO bindings (account_id, unit_id, owner_id, estate_id, method, status, reviewed_at)
         SELECT x, $2, $3, $4, 'invitation', 'approved', now() FROM unnest($1::bigint[]) AS x`,
        [accountIds, a.unitId, a.ownerId, a.estateId],
      );
    }
    // sessions through the platform's own createSession, whatever a session comes to hold
    const tokens: string[] = [];
    for (const accountId of accountIds) {
      tokens.push((await createSession(db, { accountId, activeGrantId: grantOf.get(accountId)!, mfaPassed, ip: '127.0.0.1' })).token);
    }
    return accountIds.map((accountId, i) => ({
      accountId, grantId: grantOf.get(accountId)!, cookie: `${SESSION_COOKIE}=${tokens[i]}`, phone: phones[i]!, ownerId,
    }));
  });
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(64)]);
export const pngFile = (name: string) => ({ name, type: 'image/png', data: PNG });

export async function buildFixture(t: TestApp): Promise<Fx> {
  const pool = t.pool;
  const names = (m: string, w: string) => ({ district: `${w}区${m}`, street: `${w}街道${m}`, community: `${w}社区${m}` });
  const ra = await createRegionTree(pool, { names: { city: '矩阵市', ...names('XA7', '东') } });
  const rb = await createRegionTree(pool, { cityId: ra.cityId, names: names('XB7', '西') });
  const rd = await createRegionTree(pool, { cityId: ra.cityId, names: names('XD7', '北') });
  const login = await createTestAccount(pool, {});
  const stranger = await createTestAccount(pool, { grants: [{ role: 'owner' }] });

  type Plain = Omit<Side, 'attachmentId'>;
  const side = async (marker: string, r: typeof ra, opts: { companyId?: number; department?: { kind: string; name: string } } = {}): Promise<Plain> => {
    const estateId = await createEstate(pool, { communityId: r.communityId, name: `${marker}花园` });
    const buildingName = `${marker}-1栋`;
    const buildingId = await createBuilding(pool, { estateId, name: buildingName });
    const unitId = await createUnit(pool, { estateId, buildingId, number: '101' });
    const unit2Id = await createUnit(pool, { estateId, buildingId, number: '102' });
    const unit3Id = await createUnit(pool, { estateId, buildingId, number: '103' });
    const idNumber = validIdNumber();
    const ownerName = `业主${marker}`;
    const ownerPhone = uniquePhone();
    const ownerId = await createOwner(pool, { name: ownerName, idNumber, phone: ownerPhone, secrets: t.secrets });
    await createOwnership(pool, { unitId, ownerId });
    await createOwnership(pool, { unitId: unit2Id, ownerId });
    // a neighbour in the same building: their name and phone are planted for the forbidden-field scan
    const otherIdNumber = validIdNumber();
    const otherOwnerName = `邻户${marker}`;
    const otherOwnerPhone = uniquePhone();
    const otherOwnerId = await createOwner(pool, { name: otherOwnerName, idNumber: otherIdNumber, phone: otherOwnerPhone, secrets: t.secrets });
    await createOwnership(pool, { unitId: unit3Id, ownerId: otherOwnerId });
    const companyId = opts.companyId ?? (await createCompany(pool, { name: `物业${marker}` }));
    await createServiceContract(pool, { companyId, estateId });
    const committeeId = await createCommittee(pool, { estateId, name: `业委会${marker}` });
    const dept = await pool.query(
      `INSERT INTO departments (region_id, kind, name) VALUES ($1, $2, $3) RETURNING id`,
      [r.streetId, opts.department?.kind ?? 'urban_management', opts.department?.name ?? `城管中队${marker}`],
    );
    const departmentId = Number(dept.rows[0].id);
    // an invitation and a pending request already on file, so the lists have something to show
    const code = invitationCode();
    await pool.query(
      `INSERT INTO invitations (code, estate_id, unit_id, owner_id, issued_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + interval '30 days')`,
      [code, estateId, unitId, ownerId, login.id],
    );
    await pool.query(
      `INSERT INTO bindings (account_id, unit_id, owner_id, estate_id, method, status) VALUES ($1, $2, $3, $4, 'roster_match', 'pending')`,
      [stranger.id, unit2Id, ownerId, estateId],
    );
    return {
      marker, districtId: r.districtId, streetId: r.streetId, communityId: r.communityId, estateId, buildingId, buildingName,
      unitId, unit2Id, unit2Number: '102', ownerId, ownerName, idNumber, companyId, committeeId, departmentId,
      ownerPhone, otherOwnerId, otherOwnerName, otherOwnerPhone, otherIdNumber, invitationCode: code,
    };
  };
  const a = await side('XA7', ra);
  // estate C: in community A (the caller's own region), another company. Its department is one
  // of street A (region A's name), of another kind, so that "the street's urban-management
  // department" stays department A
  const c = await side('XC7', ra, { department: { kind: 'market_supervision', name: '市场监管所XA7' } });
  // estate D: served by company A (a second contract), in a region of its own
  const d = await side('XD7', rd, { companyId: a.companyId });
  const b = await side('XB7', rb);
  // owner A also holds a unit in estate B: side A's view of this person must stop at side A
  const elsewhere = await createUnit(pool, { estateId: b.estateId, buildingId: b.buildingId, number: '104' });
  await createOwnership(pool, { unitId: elsewhere, ownerId: a.ownerId });
  const fx: Fx = {
    t, cityId: ra.cityId,
    side: { own: { ...a, attachmentId: 0 }, neighbour: { ...c, attachmentId: 0 }, company: { ...d, attachmentId: 0 }, foreign: { ...b, attachmentId: 0 } },
    login: { id: login.id, username: login.username, password: login.password },
    stranger: { accountId: stranger.id, grantId: stranger.grantIds[0] },
  };
  // attachments go through the API, so that their files exist and their uploads are audited
  const city = await principal(fx, 'city_officer');
  for (const target of TARGETS) {
    const s = fx.side[target];
    const m = multipart({ recordType: 'estate', recordId: String(s.estateId), estateId: String(s.estateId) }, pngFile(`${s.marker}-plan.png`));
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/attachments', payload: m.payload, headers: { ...m.headers, cookie: city.cookie } });
    if (res.statusCode !== 200) throw new Error(`fixture upload failed ${res.statusCode}: ${res.body}`);
    s.attachmentId = res.json().id;
  }
  return fx;
}

/** An 8-character invitation code from the code alphabet. */
export function invitationCode(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 8 }, () => alphabet[crypto.randomInt(alphabet.length)]).join('');
}

