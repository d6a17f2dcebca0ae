import { rows, type Db } from '../../platform/db.ts';

export interface OwnershipRow {
  id: number;
  unitId: number;
  ownerId: number;
  ownerName: string;
  ownerKind: 'person' | 'organisation';
  idNumberLast4: string | null;
  creditCode: string | null;
  validFrom: string;
  validTo: string | null;
}

/** A unit's whole ownership history, oldest first; co-owners of one period sit together. */
export function listUnitHistory(db: Db, unitId: number): Promise<OwnershipRow[]> {
  return rows<OwnershipRow>(
    db,
    `SELECT s.id, s.unit_id AS "unitId", s.owner_id AS "ownerId", o.name AS "ownerName", o.kind AS "ownerKind",
            o.id_number_last4 AS "idNumberLast4", o.credit_code AS "creditCode",
            s.valid_from AS "validFrom", s.valid_to AS "validTo"
       FROM ownerships s JOIN owners o ON o.id = s.owner_id
      WHERE s.unit_id = $1
      ORDER BY s.valid_from, s.valid_to NULLS LAST, s.id`,
    [unitId],
  );
}

/** An owner's ownerships inside the given estates, current first. */
export function listOwnerUnits(db: Db, ownerId: number, estateIds: number[]) {
  return rows<{
    ownershipId: number; unitId: number; estateId: number; estateName: string; buildingName: string;
    number: string; areaCenti: number; validFrom: string; validTo: string | null;
  }>(
    db,
    `SELECT s.id AS "ownershipId", u.id AS "unitId", u.estate_id AS "estateId", e.name AS "estateName",
            b.name AS "buildingName", u.number, u.area_centi AS "areaCenti",
            s.valid_from AS "validFrom", s.valid_to AS "validTo"
       FROM ownerships s JOIN units u ON u.id = s.unit_id JOIN buildings b ON b.id = u.building_id
       JOIN estates e ON e.id = u.estate_id
      WHERE s.owner_id = $1 AND s.estate_id = ANY($2::bigint[])
      ORDER BY (s.valid_to IS NULL) DESC, s.valid_from DESC, s.id`,
    [ownerId, estateIds],
  );
}

/** Ends every current ownership of the unit on `date`; returns the owners whose period ended. */
export async function closeCurrentOwnerships(db: Db, unitId: number, date: string): Promise<number[]> {
  const r = await db.query(
    'UPDATE ownerships SET valid_to = $2 WHERE unit_id = $1 AND valid_to IS NULL RETURNING owner_id',
    [unitId, date],
  );
  return r.rows.map((x) => Number(x.owner_id));
}

export async function latestCurrentStart(db: Db, unitId: number): Promise<string | null> {
  const r = await db.query('SELECT max(valid_from) AS d FROM ownerships WHERE unit_id = $1 AND valid_to IS NULL', [unitId]);
  return (r.rows[0]?.d as string | null) ?? null;
}

export async function openOwnerships(
  db: Db,
  o: { unitId: number; estateId: number; ownerIds: number[]; date: string },
): Promise<void> {
  await db.query(
    `INSERT INTO ownerships (unit_id, owner_id, estate_id, valid_from)
     SELECT $1, x, $2, $3 FROM unnest($4::bigint[]) AS x`,
    [o.unitId, o.estateId, o.date, o.ownerIds],
  );
}
