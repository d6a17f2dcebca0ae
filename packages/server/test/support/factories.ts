import crypto from 'node:crypto';
import type { Role } from '@gongzhi/contracts';
import { ROLE_SCOPE } from '@gongzhi/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { hashPassword } from '../../src/platform/auth/password.ts';
import { encryptIdNumber, idNumberHmac, type Secrets } from '../../src/platform/crypto.ts';
import type { Db, Pool } from '../../src/platform/db.ts';
import type { TestApp } from './test-app.ts';

// Small factories writing straight to the test database. Several modules add functions here:
// add new exported functions only; do not rewrite existing ones.

let seq = 0;
/** A short value unique within this test process (codes, names, phones). */
export const uniq = (prefix = '') => `${prefix}${process.pid % 1000}${++seq}${crypto.randomBytes(2).toString('hex')}`;

export interface RegionTree {
  cityId: number;
  districtId: number;
  streetId: number;
  communityId: number;
}

async function insertRegion(pool: Pool, parent: { id: number; path: string } | null, level: string, name: string) {
  const r = await pool.query(
    `INSERT INTO regions (parent_id, level, name, code, path) VALUES ($1, $2, $3, $4, '') RETURNING id`,
    [parent?.id ?? null, level, name, uniq(level)],
  );
  const id = Number(r.rows[0].id);
  const path = `${parent?.path ?? '/'}${id}/`;
  await pool.query('UPDATE regions SET path = $2 WHERE id = $1', [id, path]);
  return { id, path };
}

/** A city > district > street > community chain; pass `under` to hang a new branch below an existing region. */
export async function createRegionTree(
  pool: Pool,
  opts: { cityId?: number; names?: Partial<Record<'city' | 'district' | 'street' | 'community', string>> } = {},
): Promise<RegionTree> {
  const n = opts.names ?? {};
  let city: { id: number; path: string };
  if (opts.cityId) {
    const r = await pool.query('SELECT id, path FROM regions WHERE id = $1', [opts.cityId]);
    city = { id: Number(r.rows[0].id), path: r.rows[0].path };
  } else {
    city = await insertRegion(pool, null, 'city', n.city ?? '测试市');
  }
  const district = await insertRegion(pool, city, 'district', n.district ?? '测试区');
  const street = await insertRegion(pool, district, 'street', n.street ?? '测试街道');
  const community = await insertRegion(pool, street, 'community', n.community ?? '测试社区');
  return { cityId: city.id, districtId: district.id, streetId: street.id, communityId: community.id };
}

export async function createEstate(pool: Pool, opts: { communityId: number; name?: string }): Promise<number> {
  const r = await pool.query(`INSERT INTO estates (community_id, name, code) VALUES ($1, $2, $3) RETURNING id`, [
    opts.communityId, opts.name ?? `测试小区${uniq()}`, uniq('E'),
  ]);
  return Number(r.rows[0].id);
}

export async function createBuilding(pool: Pool, opts: { estateId: number; name?: string; floors?: number }): Promise<number> {
  const r = await pool.query(`INSERT INTO buildings (estate_id, name, floors) VALUES ($1, $2, $3) RETURNING id`, [
    opts.estateId, opts.name ?? `${uniq()}栋`, opts.floors ?? 6,
  ]);
  return Number(r.rows[0].id);
}

export async function createUnit(
  pool: Pool,
  opts: { estateId: number; buildingId: number; number?: string; areaCenti?: number; kind?: string; status?: string },
): Promise<number> {
  const r = await pool.query(
    `INSERT INTO units (estate_id, building_id, number, area_centi, area_source, kind, status)
     VALUES ($1, $2, $3, $4, 'registry', $5, $6) RETURNING id`,
    [opts.estateId, opts.buildingId, opts.number ?? uniq(), opts.areaCenti ?? 8950, opts.kind ?? 'residential', opts.status ?? 'sold'],
  );
  return Number(r.rows[0].id);
}

/** A person owner. With `secrets` and `idNumber` the ID number is stored as the app stores it. */
export async function createOwner(
  pool: Pool,
  opts: { name?: string; phone?: string; idNumber?: string; secrets?: Secrets } = {},
): Promise<number> {
  const id = opts.idNumber;
  const r = await pool.query(
    `INSERT INTO owners (kind, name, phone, id_number_enc, id_number_last4, id_number_hmac)
     VALUES ('person', $1, $2, $3, $4, $5) RETURNING id`,
    [
      opts.name ?? `业主${uniq()}`,
      opts.phone ?? null,
      id && opts.secrets ? encryptIdNumber(opts.secrets, id) : null,
      id ? id.slice(-4).toUpperCase() : null,
      id && opts.secrets ? idNumberHmac(opts.secrets, id) : null,
    ],
  );
  return Number(r.rows[0].id);
}

export async function createOwnership(
  pool: Pool,
  opts: { unitId: number; ownerId: number; validFrom?: string; validTo?: string | null },
): Promise<number> {
  const r = await pool.query(
    `INSERT INTO ownerships (unit_id, owner_id, estate_id, valid_from, valid_to)
     SELECT $1, $2, estate_id, $3, $4 FROM units WHERE id = $1 RETURNING id`,
    [opts.unitId, opts.ownerId, opts.validFrom ?? '2020-01-01', opts.validTo ?? null],
  );
  return Number(r.rows[0].id);
}

export interface TestAccount {
  id: number;
  username: string;
  password: string;
  phone: string | null;
  grantIds: number[];
}

/** An account with a password and role grants. `scopeId` is the estate, company or region id (null for owner). */
export async function createTestAccount(
  pool: Pool,
  opts: { username?: string; password?: string; phone?: string | null; displayName?: string; grants?: { role: Role; scopeId?: number | null }[]; ownerId?: number } = {},
): Promise<TestAccount> {
  const username = opts.username ?? uniq('user');
  const password = opts.password ?? 'correct-horse-42';
  const r = await pool.query(
    `INSERT INTO accounts (username, phone, password_hash, display_name, owner_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [username, opts.phone ?? null, await hashPassword(password), opts.displayName ?? username, opts.ownerId ?? null],
  );
  const id = Number(r.rows[0].id);
  const grantIds: number[] = [];
  for (const g of opts.grants ?? []) {
    const gr = await pool.query(
      `INSERT INTO role_grants (account_id, role, scope_kind, scope_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [id, g.role, ROLE_SCOPE[g.role], g.scopeId ?? null],
    );
    grantIds.push(Number(gr.rows[0].id));
  }
  return { id, username, password, phone: opts.phone ?? null, grantIds };
}

/** A mobile number unique within the test run. */
export const uniquePhone = () => `139${String(process.pid % 100).padStart(2, '0')}${String(++seq).padStart(6, '0')}`;

/** The session cookie ("gz_sid=...") a response set, ready to send back. */
export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'gz_sid');
  if (!c) throw new Error(`no session cookie in response ${res.statusCode}: ${res.body}`);
  return `gz_sid=${c.value}`;
}

/** Password login through the API; returns the cookie. Fails the test if login does not succeed. */
export async function loginAs(t: TestApp, acc: { username: string; password: string }): Promise<string> {
  const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { login: acc.username, password: acc.password } });
  if (res.statusCode !== 200) throw new Error(`login failed ${res.statusCode}: ${res.body}`);
  return sessionCookie(res);
}

/** One estate with a building, a unit and its current owner, in a fresh region branch. */
export async function createEstateWithOwner(
  pool: Pool,
  opts: { communityId?: number; ownerName?: string; idNumber?: string; secrets?: Secrets } = {},
) {
  const communityId = opts.communityId ?? (await createRegionTree(pool)).communityId;
  const estateId = await createEstate(pool, { communityId });
  const buildingId = await createBuilding(pool, { estateId, name: '1栋' });
  const unitId = await createUnit(pool, { estateId, buildingId, number: '101' });
  const ownerId = await createOwner(pool, { name: opts.ownerName ?? '张三', idNumber: opts.idNumber ?? '11010519491231002X', secrets: opts.secrets });
  await createOwnership(pool, { unitId, ownerId });
  return { communityId, estateId, buildingId, unitId, ownerId };
}

// --- registry factories (added by the registry module) ------------------------------------------

/** An organisation owner (a company holding units, or the developer when `isDeveloper`). */
export async function createOrganisationOwner(
  pool: Pool,
  opts: { name?: string; creditCode: string; isDeveloper?: boolean },
): Promise<number> {
  const r = await pool.query(
    `INSERT INTO owners (kind, name, credit_code, is_developer) VALUES ('organisation', $1, $2, $3) RETURNING id`,
    [opts.name ?? `单位${uniq()}`, opts.creditCode, opts.isDeveloper ?? false],
  );
  return Number(r.rows[0].id);
}

/** A property company; `creditCode` defaults to a unique (not check-digit-valid) placeholder. */
export async function createCompany(pool: Pool, opts: { name?: string; creditCode?: string; phone?: string } = {}): Promise<number> {
  const r = await pool.query(`INSERT INTO companies (name, credit_code, phone) VALUES ($1, $2, $3) RETURNING id`, [
    opts.name ?? `物业公司${uniq()}`, opts.creditCode ?? uniq('CC'), opts.phone ?? null,
  ]);
  return Number(r.rows[0].id);
}

/** A service contract; by default in force from a year ago to a year ahead. */
export async function createServiceContract(
  pool: Pool,
  opts: { companyId: number; estateId: number; startsOn?: string; endsOn?: string },
): Promise<number> {
  const r = await pool.query(
    `INSERT INTO service_contracts (company_id, estate_id, starts_on, ends_on)
     VALUES ($1, $2, COALESCE($3::date, current_date - 365), COALESCE($4::date, current_date + 365)) RETURNING id`,
    [opts.companyId, opts.estateId, opts.startsOn ?? null, opts.endsOn ?? null],
  );
  return Number(r.rows[0].id);
}

/** A committee (or acting body) in office today unless terms are given. */
export async function createCommittee(
  pool: Pool,
  opts: { estateId: number; kind?: 'committee' | 'residents_committee' | 'property_management_committee'; name?: string; termStart?: string; termEnd?: string },
): Promise<number> {
  const r = await pool.query(
    `INSERT INTO committees (estate_id, kind, name, term_start, term_end)
     VALUES ($1, $2, $3, COALESCE($4::date, current_date - 365), COALESCE($5::date, current_date + 365)) RETURNING id`,
    [opts.estateId, opts.kind ?? 'committee', opts.name ?? '第一届业主委员会', opts.termStart ?? null, opts.termEnd ?? null],
  );
  return Number(r.rows[0].id);
}

/** An account holding one role grant, signed in with that role active: returns its cookie.
 *  Creates the session directly (no password round trip, no login throttling in big test files). */
export async function signedInAs(
  t: TestApp,
  grant: { role: Role; scopeId?: number | null },
  opts: { ownerId?: number } = {},
): Promise<{ cookie: string; accountId: number; grantId: number }> {
  const { createSession } = await import('../../src/platform/auth/session.ts');
  const username = uniq('acct');
  const r = await t.pool.query(
    `INSERT INTO accounts (username, display_name, owner_id) VALUES ($1, $1, $2) RETURNING id`,
    [username, opts.ownerId ?? null],
  );
  const accountId = Number(r.rows[0].id);
  const g = await t.pool.query(
    `INSERT INTO role_grants (account_id, role, scope_kind, scope_id) VALUES ($1, $2, $3, $4) RETURNING id`,
    [accountId, grant.role, ROLE_SCOPE[grant.role], grant.scopeId ?? null],
  );
  const grantId = Number(g.rows[0].id);
  const client = await t.pool.connect();
  try {
    const s = await createSession(client, { accountId, activeGrantId: grantId, mfaPassed: true, ip: '127.0.0.1' });
    return { cookie: `gz_sid=${s.token}`, accountId, grantId };
  } finally {
    client.release();
  }
}

// --- owner bindings (added in the disclosure clean-up) -------------------------------------------

/** Approved bindings (by invitation, reviewed now) of an account to each of `unitIds`, as the
 *  owner `ownerId`: what an owner account needs to be addressed by the estate's notices, meetings
 *  and shares. Accepts the pool or a transaction's client. */
export async function bindApproved(
  db: Pool | Db,
  opts: { accountId: number; ownerId: number; estateId: number; unitIds: number[] },
): Promise<void> {
  for (const unitId of opts.unitIds) {
    await db.query(
      `INSERT INTO bindings (account_id, unit_id, owner_id, estate_id, method, status, reviewed_at)
       VALUES ($1, $2, $3, $4, 'invitation', 'approved', now())`,
      [opts.accountId, unitId, opts.ownerId, opts.estateId],
    );
  }
}

/** A new person owner holding `unitIds` of the estate, with an owner account of their own signed
 *  in and bound (approved) to each of those units. */
export async function boundOwner(
  t: TestApp,
  opts: { estateId: number; unitIds: number[]; name?: string },
): Promise<{ cookie: string; accountId: number; grantId: number; ownerId: number }> {
  const ownerId = await createOwner(t.pool, { name: opts.name });
  for (const unitId of opts.unitIds) await createOwnership(t.pool, { unitId, ownerId });
  const s = await signedInAs(t, { role: 'owner' }, { ownerId });
  await bindApproved(t.pool, { accountId: s.accountId, ownerId, estateId: opts.estateId, unitIds: opts.unitIds });
  return { ...s, ownerId };
}
