import type { Db } from '../../platform/db.ts';

// The voting roster (投票列表登记) as the registry has it now, and its freeze into
// meeting_roster_units when the notice is published. Later ownership changes do not reach a
// frozen roster (issue 3).
//
// Voter key (one head, TALLY-SPEC §3): 'o<id>' for a sole owner; co-owners sorted by id joined
// with '&'; unsold and undelivered units belong to the developer's single head
// 'o<developer id>'. NULL only for a sold unit without a current owner.

/** The estate's units with their current owners and voter keys. $1 = estate id, $2 = developer owner id. */
const CURRENT_ROSTER_SQL = `
  WITH cur AS (
    SELECT u.id AS unit_id, b.name AS building, u.number, u.kind::text AS kind, u.status::text AS status,
           u.area_centi, u.area_source::text AS area_source,
           ARRAY(SELECT o.owner_id FROM ownerships o
                  WHERE o.unit_id = u.id AND o.valid_to IS NULL ORDER BY o.owner_id) AS owners
      FROM units u JOIN buildings b ON b.id = u.building_id
     WHERE u.estate_id = $1
  )
  SELECT unit_id, building, number, kind, status, area_centi, area_source,
         -- the developer's unsold units carry its id, so that its account's binding reaches them
         CASE WHEN status <> 'sold' AND cardinality(owners) = 0 AND $2::bigint IS NOT NULL
              THEN ARRAY[$2::bigint] ELSE owners END AS owner_ids,
         CASE WHEN status <> 'sold' AND $2::bigint IS NOT NULL THEN 'o' || $2::bigint
              WHEN cardinality(owners) = 0 THEN NULL
              ELSE (SELECT string_agg('o' || x, '&' ORDER BY x) FROM unnest(owners) AS x) END AS voter_key
    FROM cur`;

/** The number of heads (户) the roster would have today: distinct voter keys. The street office
 *  compares it with the household count the convener declared (checkMeetingForApproval). */
export async function rosterHouseholdCount(db: Db, estateId: number): Promise<number> {
  const r = await db.query(
    `SELECT count(DISTINCT voter_key)::int AS n FROM (${CURRENT_ROSTER_SQL}) roster`,
    [estateId, await developerOf(db, estateId)],
  );
  return Number(r.rows[0].n);
}

export async function developerOf(db: Db, estateId: number): Promise<number | null> {
  const r = await db.query('SELECT developer_id FROM estates WHERE id = $1', [estateId]);
  return r.rows[0]?.developer_id == null ? null : Number(r.rows[0].developer_id);
}

/** Copies the roster into the meeting; returns the number of units frozen. */
export async function freezeRoster(db: Db, opts: { meetingId: number; estateId: number; developerOwnerId: number | null }): Promise<number> {
  const r = await db.query(
    `INSERT INTO meeting_roster_units (meeting_id, unit_id, building, number, kind, status, area_centi, area_source, owner_ids, voter_key)
     SELECT $3, unit_id, building, number, kind, status, area_centi, area_source, owner_ids, voter_key
       FROM (${CURRENT_ROSTER_SQL}) roster`,
    [opts.estateId, opts.developerOwnerId, opts.meetingId],
  );
  return r.rowCount ?? 0;
}
