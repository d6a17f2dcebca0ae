import crypto from 'node:crypto';
import { chainBallots } from '../../src/modules/meetings/ballot-writer.ts';
import { withTx } from '../../src/platform/db.ts';
import type { TestApp } from '../support/test-app.ts';

// Facts for the monitoring tests, written with set-based SQL so that a test controls exactly the
// addresses, devices and times the flags read (an HTTP cast stamps the real clock and address).
// The helper's estate has 9 heads; several rules need more voters, so `addHeads` extends the
// meeting's frozen roster with extra owners and units "as if they had been there at notice".

/** n extra owners with one unit each in `buildingId`, added to the meeting's roster. Returns their voter keys. */
export async function addHeads(t: TestApp, opts: { meetingId: number; estateId: number; buildingId: number; building: string; n: number; prefix?: string }): Promise<string[]> {
  const tag = opts.prefix ?? crypto.randomBytes(3).toString('hex');
  const r = await t.pool.query(
    `WITH o AS (
       INSERT INTO owners (kind, name) SELECT 'person', '加户' || $5 || '-' || g FROM generate_series(1, $4::int) g RETURNING id),
     numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM o),
     u AS (
       INSERT INTO units (estate_id, building_id, number, area_centi, area_source, kind, status)
       SELECT $1, $2, 'X' || $5 || '-' || n, 9000, 'registry', 'residential', 'sold' FROM numbered ORDER BY n
       RETURNING id, number),
     pairs AS (SELECT u.id AS unit_id, u.number, numbered.id AS owner_id FROM u JOIN numbered ON u.number = 'X' || $5 || '-' || numbered.n)
     INSERT INTO meeting_roster_units (meeting_id, unit_id, building, number, kind, status, area_centi, area_source, owner_ids, voter_key)
     SELECT $3, unit_id, $6, number, 'residential', 'sold', 9000, 'registry', ARRAY[owner_id], 'o' || owner_id FROM pairs
     RETURNING voter_key`,
    [opts.estateId, opts.buildingId, opts.meetingId, opts.n, tag, opts.building],
  );
  return r.rows.map((x) => String(x.voter_key)).sort();
}

export interface BallotRow {
  itemId: number;
  voterKey: string;
  channel?: 'online' | 'paper';
  castAt: Date;
  ip?: string | null;
  device?: string | null;
  proxyId?: number | null;
  accountId?: number | null;
  /** an election item: the approved candidate ids (default: a matter item, 'yes') */
  approvals?: number[];
}

/** Chains ballots through H2's ballot writer (the same code as every real cast), in the given
 *  order: a later ballot of a head on an item supersedes its earlier one. */
export async function castBallots(t: TestApp, meetingId: number, rows: BallotRow[]): Promise<number[]> {
  const written = await withTx(t.pool, (db) => chainBallots(db, meetingId, rows.map((r) => ({
    itemId: r.itemId, voterKey: r.voterKey, channel: r.channel ?? 'online',
    ...(r.approvals ? { approvals: r.approvals } : { choice: 'yes' as const }), castAt: r.castAt,
    clientIp: r.ip ?? null, device: r.device ?? null, proxyId: r.proxyId ?? null, castByAccountId: r.accountId ?? null,
  }))));
  return written.map((w) => w.id!);
}

export const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
