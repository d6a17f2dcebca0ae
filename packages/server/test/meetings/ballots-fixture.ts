import crypto from 'node:crypto';
import type { Pool } from '../../src/platform/db.ts';
import {
  createBuilding, createEstate, createOwner, createOwnership, createRegionTree, createUnit, signedInAs,
} from '../support/factories.ts';
import type { TestApp } from '../support/test-app.ts';

// A meeting already in voting_open written straight to the database (roster frozen, salt set):
// the ballot tests need an open meeting and nothing of its lifecycle. The full journey through
// the API is H1's test/meetings/support.ts (openMeeting).

export interface BallotFixture {
  estateId: number;
  meetingId: number;
  matterItemId: number;
  electionItemId: number;
  candidateIds: number[];
  owners: Array<{ ownerId: number; voterKey: string; unitIds: number[] }>;
  developerOwnerId: number;
}

export async function createVotingMeeting(
  pool: Pool,
  opts: { communityId?: number; allowChange?: boolean; options?: Record<string, unknown>; seats?: number; owners?: number; opensInMs?: number; closesInMs?: number } = {},
): Promise<BallotFixture> {
  const communityId = opts.communityId ?? (await createRegionTree(pool)).communityId;
  const estateId = await createEstate(pool, { communityId });
  const buildingId = await createBuilding(pool, { estateId, name: '1栋' });
  const acc = await pool.query(`INSERT INTO accounts (username, display_name) VALUES ($1, '召集人') RETURNING id`, [`conv${crypto.randomBytes(4).toString('hex')}`]);
  const dev = await pool.query(
    `INSERT INTO owners (kind, name, credit_code, is_developer) VALUES ('organisation', '开发商', $1, true) RETURNING id`,
    [`DEV${crypto.randomBytes(4).toString('hex')}`],
  );
  const developerOwnerId = Number(dev.rows[0].id);
  const now = Date.now();
  const m = await pool.query(
    `INSERT INTO meetings (estate_id, title, convener_kind, convener_name, rules, options, household_count, state,
        voting_opens_at, voting_closes_at, allow_change, notice_published_at, notice_published_on, developer_owner_id,
        pseudonym_salt, created_by)
     VALUES ($1, '测试会议', 'committee', '业委会', 'civil-code-2021', $2, 10, 'voting_open', $3, $4, $5, now(), current_date,
        $6, $7, $8) RETURNING id`,
    [estateId, JSON.stringify(opts.options ?? {}), new Date(now + (opts.opensInMs ?? -3600_000)), new Date(now + (opts.closesInMs ?? 86400_000)),
      opts.allowChange ?? true, developerOwnerId, crypto.randomBytes(32).toString('hex'), Number(acc.rows[0].id)],
  );
  const meetingId = Number(m.rows[0].id);
  const mi = await pool.query(
    `INSERT INTO meeting_items (meeting_id, position, kind, matter, title) VALUES ($1, 1, 'matter', 4, '选聘物业') RETURNING id`, [meetingId]);
  const ei = await pool.query(
    `INSERT INTO meeting_items (meeting_id, position, kind, matter, title, seats) VALUES ($1, 2, 'election', 3, '选举业委会', $2) RETURNING id`,
    [meetingId, opts.seats ?? 2]);
  const electionItemId = Number(ei.rows[0].id);
  const candidateIds: number[] = [];
  for (let i = 1; i <= 4; i++) {
    const c = await pool.query(`INSERT INTO meeting_candidates (item_id, position, name) VALUES ($1, $2, $3) RETURNING id`, [electionItemId, i, `候选人${i}`]);
    candidateIds.push(Number(c.rows[0].id));
  }
  const owners: BallotFixture['owners'] = [];
  for (let i = 1; i <= (opts.owners ?? 3); i++) {
    const ownerId = await createOwner(pool);
    const unitId = await createUnit(pool, { estateId, buildingId, number: `${100 + i}`, areaCenti: 9000 + i });
    await createOwnership(pool, { unitId, ownerId });
    await pool.query(
      `INSERT INTO meeting_roster_units (meeting_id, unit_id, building, number, kind, status, area_centi, area_source, owner_ids, voter_key)
       VALUES ($1, $2, '1栋', $3, 'residential', 'sold', $4, 'registry', $5, $6)`,
      [meetingId, unitId, `${100 + i}`, 9000 + i, [ownerId], `o${ownerId}`],
    );
    owners.push({ ownerId, voterKey: `o${ownerId}`, unitIds: [unitId] });
  }
  return { estateId, meetingId, matterItemId: Number(mi.rows[0].id), electionItemId, candidateIds, owners, developerOwnerId };
}

/** An owner account with an approved binding to each of the owner's units, signed in. */
export async function ownerAccount(t: TestApp, f: BallotFixture, ownerId: number) {
  const acc = await signedInAs(t, { role: 'owner' }, { ownerId });
  const units = await t.pool.query(`SELECT unit_id FROM meeting_roster_units WHERE meeting_id = $1 AND $2 = ANY(owner_ids)`, [f.meetingId, ownerId]);
  for (const u of units.rows) {
    await t.pool.query(
      `INSERT INTO bindings (account_id, unit_id, owner_id, estate_id, method, status) VALUES ($1, $2, $3, $4, 'invitation', 'approved')`,
      [acc.accountId, u.unit_id, ownerId, f.estateId],
    );
  }
  return acc;
}
