import type { Db } from '../../platform/db.ts';
import { fieldError } from '../../platform/errors.ts';
import { COMMITTEE_ROLES } from './disclosure-party.ts';

// Who a notice is for. Written once, as SQL, because publication freezes thousands of recipients
// in one statement and the owner's read checks the same rule for one account.
//
// estate: the owners bound to any unit of the estate and the committee members (its board);
// owners: the owners only; buildings / units: owners bound to a unit in those buildings / units;
// committee: the members of the estate's committee (live role grants).
// A recipient's building_ids are the buildings of all their approved units in the estate: coverage
// by building counts an owner under each building they own in.

/**
 * Inserts the recipients of notice `noticeId` (already carrying its audience) as frozen at
 * publication. Returns their account ids (for the inbox).
 */
export async function freezeRecipients(db: Db, noticeId: number): Promise<number[]> {
  const r = await db.query(
    `WITH n AS (SELECT id, estate_id, audience, building_ids, unit_ids FROM notices WHERE id = $1),
     owned AS (
       SELECT b.account_id,
              array_agg(DISTINCT u.building_id ORDER BY u.building_id) AS building_ids,
              bool_or(CASE n.audience WHEN 'buildings' THEN u.building_id = ANY(n.building_ids)
                                      WHEN 'units' THEN u.id = ANY(n.unit_ids)
                                      ELSE true END) AS in_audience
         FROM n JOIN bindings b ON b.estate_id = n.estate_id AND b.status = 'approved'
         JOIN units u ON u.id = b.unit_id
        GROUP BY b.account_id
     ),
     board AS (
       SELECT DISTINCT g.account_id FROM n JOIN role_grants g
           ON g.scope_kind = 'estate' AND g.scope_id = n.estate_id AND g.revoked_at IS NULL
          AND g.role = ANY($2::text[])
        WHERE n.audience IN ('estate', 'committee')
     ),
     who AS (
       SELECT o.account_id FROM owned o, n WHERE o.in_audience AND n.audience <> 'committee'
       UNION SELECT account_id FROM board
     )
     INSERT INTO notice_recipients (notice_id, account_id, building_ids)
     SELECT $1, w.account_id, COALESCE(o.building_ids, '{}')
       FROM who w JOIN accounts a ON a.id = w.account_id AND NOT a.disabled
       LEFT JOIN owned o ON o.account_id = w.account_id
     RETURNING account_id`,
    [noticeId, COMMITTEE_ROLES],
  );
  return r.rows.map((x) => Number(x.account_id));
}

/** Buildings / units named by a notice must belong to its estate (a field error otherwise). */
export async function checkAudienceTargets(db: Db, o: {
  estateId: number; audience: string; buildingIds?: readonly number[]; unitIds?: readonly number[];
}): Promise<{ buildingIds: number[]; unitIds: number[] }> {
  const buildingIds = o.audience === 'buildings' ? [...new Set(o.buildingIds ?? [])] : [];
  const unitIds = o.audience === 'units' ? [...new Set(o.unitIds ?? [])] : [];
  if (o.audience === 'buildings') {
    if (!buildingIds.length) throw fieldError('body.buildingIds', '请选择至少一栋楼');
    const r = await db.query(`SELECT count(*)::int AS n FROM buildings WHERE estate_id = $1 AND id = ANY($2::bigint[])`, [o.estateId, buildingIds]);
    if (r.rows[0].n !== buildingIds.length) throw fieldError('body.buildingIds', '所选楼栋不属于本小区');
  }
  if (o.audience === 'units') {
    if (!unitIds.length) throw fieldError('body.unitIds', '请选择至少一户');
    const r = await db.query(`SELECT count(*)::int AS n FROM units WHERE estate_id = $1 AND id = ANY($2::bigint[])`, [o.estateId, unitIds]);
    if (r.rows[0].n !== unitIds.length) throw fieldError('body.unitIds', '所选房屋不属于本小区');
  }
  return { buildingIds: buildingIds.sort((a, b) => a - b), unitIds: unitIds.sort((a, b) => a - b) };
}
