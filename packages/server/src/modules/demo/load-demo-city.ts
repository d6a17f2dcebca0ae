import { appendAudit } from '../../platform/audit.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { encryptIdNumber, idNumberHmac, type Secrets } from '../../platform/crypto.ts';
import { withTx, type Db, type Pool } from '../../platform/db.ts';
import { DEMO_PASSWORD } from './accounts.ts';
import type { DemoCity, DemoScope } from './demo-city-types.ts';
import { generateDemoCity } from './generate-demo-city.ts';
import { generateCases } from './generate-cases.ts';
import { generateDisclosure } from './generate-disclosure.ts';
import { generateFunds } from './generate-funds.ts';
import { generateMeetings } from './generate-meetings.ts';
import { insertColumns, reserveIds } from './insert-columns.ts';

// Writes the demo city in ONE transaction, table by table with set-based INSERTs, so a failed
// load leaves nothing behind and the whole city takes a few seconds.

export class DatabaseNotEmptyError extends Error {
  constructor() {
    super('数据库不是空的（已有小区、业主或账号），不能载入演示城市。 / The database is not empty; the demo city can only be loaded into an empty one.');
  }
}

export interface DemoLoadSummary {
  regions: number;
  estates: number;
  buildings: number;
  units: number;
  owners: number;
  ownerships: number;
  accounts: number;
  meetings: number;
  ballots: number;
  /** maintenance fund (issue 4): bookings and use applications */
  fundMovements: number;
  fundApplications: number;
  /** disclosure (issue 5): 翠竹苑's notices, revenue statements, filings and questions */
  notices: number;
  revenueStatements: number;
  filings: number;
  questions: number;
  /** cases (issue 6): 翠竹苑's complaints and repair requests in every state and on every rung */
  cases: number;
  ms: number;
}

const SEED_LOCK = 7261006;

export async function isDatabaseEmpty(db: Db | Pool): Promise<boolean> {
  const r = await db.query(
    `SELECT NOT (EXISTS (SELECT 1 FROM regions) OR EXISTS (SELECT 1 FROM estates)
              OR EXISTS (SELECT 1 FROM owners) OR EXISTS (SELECT 1 FROM accounts)) AS empty`,
  );
  return r.rows[0].empty === true;
}

/** `dataDir`: where the demo's scanned documents are stored (attachments); without it only their rows are written. */
export async function loadDemoCity(opts: { pool: Pool; secrets: Secrets; city?: DemoCity; dataDir?: string }): Promise<DemoLoadSummary> {
  const started = Date.now();
  const city = opts.city ?? generateDemoCity();
  // argon2 is deliberately slow: hash the shared demo password once for every account
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const summary = await withTx(opts.pool, async (db) => {
    // two servers starting together on one empty database: only one of them seeds
    await db.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    if (!(await isDatabaseEmpty(db))) throw new DatabaseNotEmptyError();
    await writeCity(db, city, opts.secrets, passwordHash);
    const meetings = await generateMeetings(db, { seed: city.seed, dataDir: opts.dataDir });
    // after the meetings: the lift application links to the published meeting's matter-5 item
    const funds = await generateFunds(db, { dataDir: opts.dataDir });
    // last: the statements and the meeting it discloses and asks about already exist
    const disclosure = await generateDisclosure(db);
    const cases = await generateCases(db, { dataDir: opts.dataDir });
    const summary: DemoLoadSummary = {
      regions: city.regions.length, estates: city.estates.length, buildings: city.buildings.length,
      units: city.units.length, owners: city.owners.length, ownerships: city.ownerships.length,
      accounts: city.accounts.length, meetings: meetings.meetings, ballots: meetings.ballots,
      fundMovements: funds.movements, fundApplications: funds.applications,
      notices: disclosure.notices, revenueStatements: disclosure.revenueStatements, filings: disclosure.filings, questions: disclosure.questions,
      cases: cases.cases, ms: 0,
    };
    await appendAudit(db, { accountId: null, role: 'system', ip: null }, {
      action: 'demo.seed', targetType: 'system', summary: { seed: city.seed, ...summary, ms: undefined },
    });
    return summary;
  });
  // fresh statistics (without them the planner guesses a handful of rows per estate) and a set
  // visibility map (index-only scans then skip the heap): both would otherwise wait for autovacuum
  await opts.pool.query('VACUUM ANALYZE');
  return { ...summary, ms: Date.now() - started };
}

async function writeCity(db: Db, city: DemoCity, secrets: Secrets, passwordHash: string): Promise<void> {
  const col = <T, V>(items: T[], f: (x: T) => V) => items.map(f);

  const regionIds = await reserveIds(db, 'regions', city.regions.length);
  const paths: string[] = [];
  city.regions.forEach((r, i) => paths.push(`${r.parentKey === null ? '/' : paths[r.parentKey]}${regionIds[i]}/`));
  await insertColumns(db, 'regions', {
    id: ['bigint', regionIds],
    parent_id: ['bigint', col(city.regions, (r) => (r.parentKey === null ? null : regionIds[r.parentKey]))],
    level: ['region_level', col(city.regions, (r) => r.level)],
    name: ['text', col(city.regions, (r) => r.name)],
    code: ['text', col(city.regions, (r) => r.code)],
    path: ['text', paths],
  });

  const ownerIds = await reserveIds(db, 'owners', city.owners.length);
  await insertColumns(db, 'owners', {
    id: ['bigint', ownerIds],
    kind: ['owner_kind', col(city.owners, (o) => o.kind)],
    name: ['text', col(city.owners, (o) => o.name)],
    phone: ['text', col(city.owners, (o) => o.phone)],
    id_number_enc: ['text', col(city.owners, (o) => (o.idNumber ? encryptIdNumber(secrets, o.idNumber) : null))],
    id_number_last4: ['text', col(city.owners, (o) => o.idNumber?.slice(-4) ?? null)],
    id_number_hmac: ['text', col(city.owners, (o) => (o.idNumber ? idNumberHmac(secrets, o.idNumber) : null))],
    credit_code: ['text', col(city.owners, (o) => o.creditCode)],
    is_developer: ['boolean', col(city.owners, (o) => o.isDeveloper)],
  });

  const estateIds = await reserveIds(db, 'estates', city.estates.length);
  await insertColumns(db, 'estates', {
    id: ['bigint', estateIds],
    community_id: ['bigint', col(city.estates, (e) => regionIds[e.communityKey])],
    name: ['text', col(city.estates, (e) => e.name)],
    code: ['text', col(city.estates, (e) => e.code)],
    address: ['text', col(city.estates, (e) => e.address)],
    developer_id: ['bigint', col(city.estates, (e) => ownerIds[e.developerKey])],
  });

  const buildingIds = await reserveIds(db, 'buildings', city.buildings.length);
  await insertColumns(db, 'buildings', {
    id: ['bigint', buildingIds],
    estate_id: ['bigint', col(city.buildings, (b) => estateIds[b.estateKey])],
    name: ['text', col(city.buildings, (b) => b.name)],
    floors: ['int', col(city.buildings, (b) => b.floors)],
  });

  const unitIds = await reserveIds(db, 'units', city.units.length);
  await insertColumns(db, 'units', {
    id: ['bigint', unitIds],
    estate_id: ['bigint', col(city.units, (u) => estateIds[u.estateKey])],
    building_id: ['bigint', col(city.units, (u) => buildingIds[u.buildingKey])],
    number: ['text', col(city.units, (u) => u.number)],
    area_centi: ['int', col(city.units, (u) => u.areaCenti)],
    area_source: ['area_source', col(city.units, (u) => u.areaSource)],
    kind: ['unit_kind', col(city.units, (u) => u.kind)],
    status: ['unit_status', col(city.units, (u) => u.status)],
  });

  await insertColumns(db, 'ownerships', {
    unit_id: ['bigint', col(city.ownerships, (o) => unitIds[o.unitKey])],
    owner_id: ['bigint', col(city.ownerships, (o) => ownerIds[o.ownerKey])],
    estate_id: ['bigint', col(city.ownerships, (o) => estateIds[city.units[o.unitKey].estateKey])],
    valid_from: ['date', col(city.ownerships, (o) => o.validFrom)],
    valid_to: ['date', col(city.ownerships, (o) => o.validTo)],
  });

  const companyIds = await reserveIds(db, 'companies', city.companies.length);
  await insertColumns(db, 'companies', {
    id: ['bigint', companyIds],
    name: ['text', col(city.companies, (c) => c.name)],
    credit_code: ['text', col(city.companies, (c) => c.creditCode)],
    phone: ['text', col(city.companies, (c) => c.phone)],
  });
  await insertColumns(db, 'service_contracts', {
    company_id: ['bigint', col(city.contracts, (c) => companyIds[c.companyKey])],
    estate_id: ['bigint', col(city.contracts, (c) => estateIds[c.estateKey])],
    starts_on: ['date', col(city.contracts, (c) => c.startsOn)],
    ends_on: ['date', col(city.contracts, (c) => c.endsOn)],
  });

  const committeeIds = await reserveIds(db, 'committees', city.committees.length);
  await insertColumns(db, 'committees', {
    id: ['bigint', committeeIds],
    estate_id: ['bigint', col(city.committees, (c) => estateIds[c.estateKey])],
    kind: ['text', col(city.committees, (c) => c.kind)],
    name: ['text', col(city.committees, (c) => c.name)],
    term_start: ['date', col(city.committees, (c) => c.termStart)],
    term_end: ['date', col(city.committees, (c) => c.termEnd)],
  });
  await insertColumns(db, 'committee_members', {
    committee_id: ['bigint', col(city.committeeMembers, (m) => committeeIds[m.committeeKey])],
    owner_id: ['bigint', col(city.committeeMembers, (m) => (m.ownerKey === null ? null : ownerIds[m.ownerKey]))],
    name: ['text', col(city.committeeMembers, (m) => m.name)],
    role: ['text', col(city.committeeMembers, (m) => m.role)],
    term_start: ['date', col(city.committeeMembers, (m) => m.termStart)],
    term_end: ['date', col(city.committeeMembers, (m) => m.termEnd)],
  });

  const accountIds = await reserveIds(db, 'accounts', city.accounts.length);
  await insertColumns(db, 'accounts', {
    id: ['bigint', accountIds],
    username: ['text', col(city.accounts, (a) => a.username)],
    phone: ['text', col(city.accounts, (a) => a.phone)],
    password_hash: ['text', col(city.accounts, () => passwordHash)],
    display_name: ['text', col(city.accounts, (a) => a.displayName)],
    owner_id: ['bigint', col(city.accounts, (a) => (a.ownerKey === null ? null : ownerIds[a.ownerKey]))],
  });
  const departmentIds = await reserveIds(db, 'departments', city.departments.length);
  await insertColumns(db, 'departments', {
    id: ['bigint', departmentIds],
    region_id: ['bigint', col(city.departments, (d) => regionIds[d.regionKey])],
    kind: ['text', col(city.departments, (d) => d.kind)],
    name: ['text', col(city.departments, (d) => d.name)],
  });
  const scopeId = (s: DemoScope) =>
    s.kind === 'region' ? regionIds[s.key] : s.kind === 'estate' ? estateIds[s.key] : s.kind === 'company' ? companyIds[s.key]
      : s.kind === 'department' ? departmentIds[s.key] : null;
  const grants = city.accounts.flatMap((a, i) => a.grants.map((g) => ({ account: accountIds[i], ...g })));
  await insertColumns(db, 'role_grants', {
    account_id: ['bigint', col(grants, (g) => g.account)],
    role: ['text', col(grants, (g) => g.role)],
    scope_kind: ['text', col(grants, (g) => g.scope.kind)],
    scope_id: ['bigint', col(grants, (g) => scopeId(g.scope))],
  });
  const bindings = city.accounts.flatMap((a, i) => a.bindings.map((b) => ({ account: accountIds[i], ...b })));
  await insertColumns(db, 'bindings', {
    account_id: ['bigint', col(bindings, (b) => b.account)],
    unit_id: ['bigint', col(bindings, (b) => unitIds[b.unitKey])],
    owner_id: ['bigint', col(bindings, (b) => ownerIds[b.ownerKey])],
    estate_id: ['bigint', col(bindings, (b) => estateIds[city.units[b.unitKey].estateKey])],
    method: ['text', col(bindings, () => 'invitation')],
    status: ['text', col(bindings, () => 'approved')],
  });
  const accountId = (username: string) => accountIds[city.accounts.findIndex((a) => a.username === username)];
  await insertColumns(db, 'invitations', {
    code: ['text', col(city.invitations, (v) => v.code)],
    estate_id: ['bigint', col(city.invitations, (v) => estateIds[city.units[v.unitKey].estateKey])],
    unit_id: ['bigint', col(city.invitations, (v) => unitIds[v.unitKey])],
    owner_id: ['bigint', col(city.invitations, (v) => ownerIds[v.ownerKey])],
    issued_by: ['bigint', col(city.invitations, (v) => accountId(v.issuedByUsername))],
    expires_at: ['timestamptz', col(city.invitations, (v) => `${v.expiresOn}T23:59:59+08:00`)],
  });
}
