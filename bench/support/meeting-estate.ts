import crypto from 'node:crypto';
import type { Db, Pool } from '@gongzhi/server';
import { insertColumns, reserveIds } from '@gongzhi/server/modules/demo/insert-columns.ts';
import { createRng } from '@gongzhi/server/modules/demo/prng.ts';
import { freezeRoster } from '@gongzhi/server/modules/meetings/index.ts';
import type { DecisionRecord, ElectionRecord, TallyUnit } from '@gongzhi/domain';

// A large estate for the meetings benchmarks (issue 3): 20,000 units with the shapes the tally
// has to get right (developer's unsold and undelivered units, co-owned flats, owners of a flat
// and a parking space), one bound owner account per head with a live session, a convener and a
// street officer, and meetings whose roster is frozen as at notice. Written with set-based
// INSERTs straight into the database: the benchmarks measure casting and tallying, not set-up.

export interface EstateUnit {
  building: string;
  number: string;
  kind: 'residential' | 'parking';
  status: 'sold' | 'unsold' | 'undelivered';
  areaCenti: number;
  /** indexes into `owners`; empty for the developer's units */
  owners: number[];
}

export interface EstatePlan {
  units: EstateUnit[];
  /** number of person owners */
  owners: number;
  /** the heads that can vote online: a sole owner, or the first co-owner of a co-owned unit */
  heads: { owners: number[]; account: number }[];
}

/** The estate as plain data, from a fixed seed (the same estate on every run). */
export function planEstate(unitCount = 20_000, seed = 20261122): EstatePlan {
  const rng = createRng(seed);
  const units: EstateUnit[] = [];
  let owners = 0;
  const soleFlatOwners: number[] = [];
  const perBuilding = 200;
  for (let i = 0; i < unitCount; i++) {
    const b = Math.floor(i / perBuilding) + 1;
    const k = i % perBuilding;
    const parking = k >= 170; // the last 30 places of each building are its parking spaces
    const number = parking ? `P${k - 169}` : `${Math.floor(k / 4) + 1}${String((k % 4) + 1).padStart(2, '0')}`;
    const r = rng.next();
    const status = r < 0.015 ? 'undelivered' : r < 0.02 ? 'unsold' : 'sold';
    const areaCenti = parking ? rng.int(1200, 1800) : rng.int(5000, 17800);
    const u: EstateUnit = { building: `${b}栋`, number, kind: parking ? 'parking' : 'residential', status, areaCenti, owners: [] };
    if (status === 'sold') {
      if (parking && soleFlatOwners.length > 0 && rng.chance(0.5)) {
        // a flat owner who also bought a parking space: one head with both areas
        u.owners = [soleFlatOwners.splice(rng.int(0, soleFlatOwners.length - 1), 1)[0]!];
      } else if (!parking && rng.chance(0.1)) {
        u.owners = [owners++, owners++];
      } else {
        u.owners = [owners++];
        if (!parking) soleFlatOwners.push(u.owners[0]!);
      }
    }
    units.push(u);
  }
  const heads = new Map<string, { owners: number[]; account: number }>();
  for (const u of units) {
    if (u.owners.length === 0) continue;
    const key = u.owners.join('&');
    if (!heads.has(key)) heads.set(key, { owners: u.owners, account: heads.size });
  }
  return { units, owners, heads: [...heads.values()] };
}

export interface Voter {
  accountId: number;
  ownerId: number;
  voterKey: string;
  /** the session cookie value, "gz_sid=…" */
  cookie: string;
}

export interface BenchEstate {
  estateId: number;
  developerOwnerId: number;
  voters: Voter[];
  convener: { accountId: number; cookie: string };
  officer: { accountId: number; cookie: string };
  plan: EstatePlan;
}

const token = () => crypto.randomBytes(32).toString('base64url');
const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const voterKeyOf = (ownerIds: number[]) => [...ownerIds].sort((a, b) => a - b).map((id) => `o${id}`).join('&');

async function session(db: Db, accountId: number, grantId: number): Promise<string> {
  const t = token();
  await db.query(`INSERT INTO sessions (id_hash, account_id, active_grant_id, mfa_passed, client_ip) VALUES ($1, $2, $3, true, '127.0.0.1')`, [
    sha256(t), accountId, grantId,
  ]);
  return `gz_sid=${t}`;
}

async function official(db: Db, username: string, role: string, scopeKind: string, scopeId: number) {
  const a = await db.query(`INSERT INTO accounts (username, display_name) VALUES ($1, $1) RETURNING id`, [username]);
  const accountId = Number(a.rows[0].id);
  const g = await db.query(`INSERT INTO role_grants (account_id, role, scope_kind, scope_id) VALUES ($1, $2, $3, $4) RETURNING id`, [
    accountId, role, scopeKind, scopeId,
  ]);
  return { accountId, cookie: await session(db, accountId, Number(g.rows[0].id)) };
}

/** Writes the planned estate in one transaction (a few seconds for 20,000 units). */
export async function writeEstate(db: Db, plan: EstatePlan): Promise<BenchEstate> {
  const tag = crypto.randomBytes(4).toString('hex');
  const regionIds: number[] = [];
  let path = '/';
  for (const level of ['city', 'district', 'street', 'community']) {
    const r = await db.query(`INSERT INTO regions (parent_id, level, name, code, path) VALUES ($1, $2, $3, $4, '') RETURNING id`, [
      regionIds.at(-1) ?? null, level, `基准${level}`, `bench-${level}-${tag}`,
    ]);
    const id = Number(r.rows[0].id);
    path += `${id}/`;
    await db.query('UPDATE regions SET path = $2 WHERE id = $1', [id, path]);
    regionIds.push(id);
  }
  const dev = await db.query(
    `INSERT INTO owners (kind, name, credit_code, is_developer) VALUES ('organisation', '基准置业有限公司', $1, true) RETURNING id`,
    [`91BENCH${tag}`.toUpperCase()],
  );
  const developerOwnerId = Number(dev.rows[0].id);
  const e = await db.query(`INSERT INTO estates (community_id, name, code, developer_id) VALUES ($1, '基准小区', $2, $3) RETURNING id`, [
    regionIds[3], `bench-${tag}`, developerOwnerId,
  ]);
  const estateId = Number(e.rows[0].id);

  const buildingNames = [...new Set(plan.units.map((u) => u.building))];
  const buildingIds = await reserveIds(db, 'buildings', buildingNames.length);
  await insertColumns(db, 'buildings', {
    id: ['bigint', buildingIds], estate_id: ['bigint', buildingNames.map(() => estateId)], name: ['text', buildingNames],
    floors: ['int', buildingNames.map(() => 43)],
  });
  const buildingId = new Map(buildingNames.map((n, i) => [n, buildingIds[i]!]));
  const unitIds = await reserveIds(db, 'units', plan.units.length);
  await insertColumns(db, 'units', {
    id: ['bigint', unitIds],
    estate_id: ['bigint', plan.units.map(() => estateId)],
    building_id: ['bigint', plan.units.map((u) => buildingId.get(u.building))],
    number: ['text', plan.units.map((u) => u.number)],
    area_centi: ['int', plan.units.map((u) => u.areaCenti)],
    area_source: ['area_source', plan.units.map(() => 'registry')],
    kind: ['unit_kind', plan.units.map((u) => u.kind)],
    status: ['unit_status', plan.units.map((u) => u.status)],
  });
  const ownerIds = await reserveIds(db, 'owners', plan.owners);
  await insertColumns(db, 'owners', {
    id: ['bigint', ownerIds], kind: ['owner_kind', ownerIds.map(() => 'person')], name: ['text', ownerIds.map((_, i) => `业主${i + 1}`)],
  });
  const own = plan.units.flatMap((u, i) => u.owners.map((o) => ({ unit: unitIds[i]!, owner: ownerIds[o]! })));
  await insertColumns(db, 'ownerships', {
    unit_id: ['bigint', own.map((x) => x.unit)], owner_id: ['bigint', own.map((x) => x.owner)],
    estate_id: ['bigint', own.map(() => estateId)], valid_from: ['date', own.map(() => '2020-01-01')],
  });

  // one account per head, bound (approved) to every unit of that head, signed in as owner
  const accountIds = await reserveIds(db, 'accounts', plan.heads.length);
  const voterOwner = plan.heads.map((h) => ownerIds[h.owners[0]!]!);
  await insertColumns(db, 'accounts', {
    id: ['bigint', accountIds], username: ['text', accountIds.map((id) => `bench-${tag}-${id}`)],
    display_name: ['text', accountIds.map((_, i) => `业主${i + 1}`)], owner_id: ['bigint', voterOwner],
  });
  const grantIds = await reserveIds(db, 'role_grants', accountIds.length);
  await insertColumns(db, 'role_grants', {
    id: ['bigint', grantIds], account_id: ['bigint', accountIds], role: ['text', accountIds.map(() => 'owner')],
    scope_kind: ['text', accountIds.map(() => 'owner')],
  });
  const headIndex = new Map(plan.heads.map((h, i) => [h.owners.join('&'), i]));
  const binds = plan.units.flatMap((u, i) => (u.owners.length ? [{ unit: unitIds[i]!, head: headIndex.get(u.owners.join('&'))! }] : []));
  await insertColumns(db, 'bindings', {
    account_id: ['bigint', binds.map((b) => accountIds[b.head])], unit_id: ['bigint', binds.map((b) => b.unit)],
    owner_id: ['bigint', binds.map((b) => voterOwner[b.head])], estate_id: ['bigint', binds.map(() => estateId)],
    method: ['text', binds.map(() => 'invitation')], status: ['text', binds.map(() => 'approved')],
  });
  const tokens = accountIds.map(() => token());
  await insertColumns(db, 'sessions', {
    id_hash: ['text', tokens.map(sha256)], account_id: ['bigint', accountIds], active_grant_id: ['bigint', grantIds],
    mfa_passed: ['boolean', tokens.map(() => true)], client_ip: ['text', tokens.map(() => '127.0.0.1')],
  });
  const voters: Voter[] = plan.heads.map((h, i) => ({
    accountId: accountIds[i]!, ownerId: voterOwner[i]!, voterKey: voterKeyOf(h.owners.map((o) => ownerIds[o]!)), cookie: `gz_sid=${tokens[i]}`,
  }));
  const convener = await official(db, `bench-chair-${tag}`, 'committee_chair', 'estate', estateId);
  const officer = await official(db, `bench-street-${tag}`, 'street_officer', 'region', regionIds[2]!);
  return { estateId, developerOwnerId, voters, convener, officer, plan };
}

export interface BenchMeeting {
  meetingId: number;
  matterItemId: number;
  electionItemId: number | null;
  candidateIds: number[];
}

/**
 * A meeting in voting_open with its roster frozen as at notice by the lifecycle's own
 * freezeRoster. The meeting row is written directly: the lifecycle is not what is measured.
 */
export async function openBenchMeeting(
  db: Db,
  estate: BenchEstate,
  opts: { title?: string; election?: boolean } = {},
): Promise<BenchMeeting> {
  const m = await db.query(
    `INSERT INTO meetings (estate_id, title, convener_kind, convener_name, rules, household_count, state, voting_opens_at,
       voting_closes_at, notice_published_at, notice_published_on, developer_owner_id, pseudonym_salt, created_by)
     VALUES ($1, $2, 'committee', '基准小区业主委员会', 'civil-code-2021', $3, 'voting_open', now() - interval '1 hour',
       now() + interval '7 days', now() - interval '16 days', (now() - interval '16 days')::date, $4, $5, $6) RETURNING id`,
    [estate.estateId, opts.title ?? '基准业主大会', estate.plan.units.length, estate.developerOwnerId, crypto.randomBytes(32).toString('hex'), estate.convener.accountId],
  );
  const meetingId = Number(m.rows[0].id);
  const item = await db.query(
    `INSERT INTO meeting_items (meeting_id, position, kind, matter, title) VALUES ($1, 1, 'matter', 4, '续聘物业服务企业') RETURNING id`,
    [meetingId],
  );
  let electionItemId: number | null = null;
  const candidateIds: number[] = [];
  if (opts.election) {
    const el = await db.query(
      `INSERT INTO meeting_items (meeting_id, position, kind, matter, title, seats) VALUES ($1, 2, 'election', 3, '选举业主委员会委员', 5) RETURNING id`,
      [meetingId],
    );
    electionItemId = Number(el.rows[0].id);
    const c = await db.query(
      `INSERT INTO meeting_candidates (item_id, position, name) SELECT $1, n, '候选人' || n FROM generate_series(1, 7) n RETURNING id`,
      [electionItemId],
    );
    candidateIds.push(...c.rows.map((r) => Number(r.id)).sort((a, b) => a - b));
  }
  await freezeRoster(db, { meetingId, estateId: estate.estateId, developerOwnerId: estate.developerOwnerId });
  return { meetingId, matterItemId: Number(item.rows[0].id), electionItemId, candidateIds };
}

/** The same estate as a decision record for the engine alone (TALLY-SPEC §7), with `ballots`
 *  heads voting (deterministic choices: about 70 % yes, 20 % no, 10 % abstain). */
export function engineRecords(plan: EstatePlan, ballots: number, seed = 7): { matter: DecisionRecord; election: ElectionRecord } {
  const rng = createRng(seed);
  const units: TallyUnit[] = plan.units.map((u) => {
    const t: TallyUnit = { unit: `${u.building}-${u.number}`, building: u.building, kind: u.kind, status: u.status, areaCenti: u.areaCenti, areaSource: 'registry' };
    if (u.owners.length) t.owner = u.owners.map((o) => `o${o}`).join('&');
    if (u.owners.length > 1) t.coOwners = u.owners.map((o) => `o${o}`);
    return t;
  });
  const heads = plan.heads.slice(0, ballots);
  const matterBallots = heads.map((h, i) => {
    const r = rng.next();
    return { owner: h.owners.map((o) => `o${o}`).join('&'), castBy: `o${h.owners[0]}`, choice: r < 0.7 ? 'yes' : r < 0.9 ? 'no' : 'abstain', seq: i + 1 } as const;
  });
  const candidates = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];
  const electionBallots = heads.map((h, i) => ({
    owner: h.owners.map((o) => `o${o}`).join('&'), castBy: `o${h.owners[0]}`, seq: i + 1,
    approvals: candidates.filter(() => rng.chance(0.6)).slice(0, 5),
  }));
  return {
    matter: { format: 'gongzhi.decision-record/v1', rules: 'civil-code-2021', options: {}, matter: 4, developer: 'DEV', units, ballots: matterBallots },
    election: { rules: 'civil-code-2021', options: {}, developer: 'DEV', units, seats: 5, candidates, ballots: electionBallots },
  };
}

/** Fresh statistics after the bulk load (the planner otherwise guesses a handful of rows). */
export async function analyze(pool: Pool): Promise<void> {
  await pool.query('VACUUM ANALYZE');
}
