import type { Db } from '../../platform/db.ts';

// Who may vote for whom (design, "conventions"): an account may vote for voter key K in meeting M
// if (a) it has an APPROVED binding to an owner id contained in K's units' owner_ids in M's
// frozen roster (a co-owner votes for the co-owned head), or (b) it holds an APPROVED proxy for
// (M, K). Ownership changes after the notice do not matter: only the frozen roster is read.

export interface VoterKeyGrant {
  voterKey: string;
  via: 'owner' | 'proxy';
  /** the owner the caller acts as (own binding), or for whom the proxy speaks */
  ownerId: number;
  proxyId: number | null;
}

export interface VoterKeyWithUnits extends VoterKeyGrant {
  units: Array<{ unitId: number; building: string; number: string; areaCenti: number }>;
}

/** The grants as SQL over a meeting id and an account id parameter (e.g. '$1', '$2'), for use
 *  inside larger statements. An account's own heads come first; a proxy for a head the account
 *  also owns adds nothing. `@>` lets the roster's GIN index on owner_ids find the units. */
export function grantsSql(meetingParam: string, accountParam: string): string {
  return `
  SELECT DISTINCT ON (voter_key) voter_key, via, owner_id, proxy_id FROM (
    SELECT r.voter_key, 'owner' AS via, b.owner_id, NULL::bigint AS proxy_id, 0 AS rank
      FROM bindings b
      -- '+ 0': the meeting filter must not use the roster's primary key; combined with the GIN
      -- lookup it would read the meeting's whole roster (20,000 entries) on every cast. The GIN
      -- lookup alone yields the owner's few units across meetings.
      JOIN meeting_roster_units r ON r.owner_ids @> ARRAY[b.owner_id] AND r.meeting_id + 0 = ${meetingParam}
     WHERE b.account_id = ${accountParam} AND b.status = 'approved' AND r.voter_key IS NOT NULL
       -- a binding counts in the estate it was approved for (as the owner's meeting views)
       AND b.estate_id = (SELECT estate_id FROM meetings WHERE id = ${meetingParam})
    UNION ALL
    SELECT p.voter_key, 'proxy', p.owner_id, p.id, 1
      FROM meeting_proxies p
     WHERE p.meeting_id = ${meetingParam} AND p.holder_account_id = ${accountParam} AND p.status = 'approved'
  ) g ORDER BY voter_key, rank, owner_id`;
}
const GRANTS_SQL = grantsSql('$1', '$2');

export const toGrant = (r: Record<string, unknown>): VoterKeyGrant => ({
  voterKey: String(r.voter_key), via: r.via as VoterKeyGrant['via'], ownerId: Number(r.owner_id),
  proxyId: r.proxy_id == null ? null : Number(r.proxy_id),
});

/** Every head the account may vote for in the meeting (sorted by voter key). */
export async function voterKeysFor(db: Db, meetingId: number, accountId: number): Promise<VoterKeyGrant[]> {
  const r = await db.query({ name: 'meeting_voter_keys', text: GRANTS_SQL, values: [meetingId, accountId] });
  return r.rows.map(toGrant);
}

/** The same with each head's units in the frozen roster (for the owner's meeting page). */
export async function voterKeysWithUnits(db: Db, meetingId: number, accountId: number): Promise<VoterKeyWithUnits[]> {
  const grants = await voterKeysFor(db, meetingId, accountId);
  if (grants.length === 0) return [];
  const u = await db.query(
    `SELECT voter_key, unit_id, building, number, area_centi FROM meeting_roster_units
      WHERE meeting_id = $1 AND voter_key = ANY($2::text[]) ORDER BY building, number`,
    [meetingId, grants.map((g) => g.voterKey)],
  );
  return grants.map((g) => ({
    ...g,
    units: u.rows.filter((r) => r.voter_key === g.voterKey).map((r) => ({
      unitId: Number(r.unit_id), building: String(r.building), number: String(r.number), areaCenti: Number(r.area_centi),
    })),
  }));
}
