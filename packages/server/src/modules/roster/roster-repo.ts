import type { Db } from '../../platform/db.ts';

// SQL for the roster, set-based: a whole estate is read in a few queries and written in batches
// of a few thousand rows through unnest(), never one round trip per row.

export const BATCH = 5000;

export interface ExistingUnit {
  id: number;
  areaCenti: number;
  areaSource: string;
  kind: string;
  status: string;
}

export interface CurrentOwner {
  ownerId: number;
  kind: 'person' | 'organisation';
  name: string;
  last4: string | null;
  validFrom: string;
}

export interface RosterState {
  estate: { id: number; name: string };
  buildings: Map<string, number>;
  developer: { id: number; name: string; creditCode: string | null } | null;
  /** "building name\0unit number" → unit */
  units: Map<string, ExistingUnit>;
  /** unit id → its current owners */
  owners: Map<number, CurrentOwner[]>;
}

export const unitKey = (building: string, unit: string) => `${building}\u0000${unit}`;

export async function loadRosterState(db: Db, estateId: number): Promise<RosterState | null> {
  const e = await db.query(
    `SELECT e.id, e.name, d.id AS dev_id, d.name AS dev_name, d.credit_code AS dev_code
       FROM estates e LEFT JOIN owners d ON d.id = e.developer_id WHERE e.id = $1`,
    [estateId],
  );
  if (!e.rows.length) return null;
  const er = e.rows[0];
  const b = await db.query('SELECT id, name FROM buildings WHERE estate_id = $1', [estateId]);
  const buildings = new Map<string, number>(b.rows.map((r) => [r.name as string, Number(r.id)]));
  const u = await db.query(
    `SELECT u.id, b.name AS building, u.number, u.area_centi, u.area_source, u.kind, u.status
       FROM units u JOIN buildings b ON b.id = u.building_id WHERE u.estate_id = $1`,
    [estateId],
  );
  const units = new Map<string, ExistingUnit>();
  for (const r of u.rows) {
    units.set(unitKey(r.building, r.number), {
      id: Number(r.id), areaCenti: r.area_centi, areaSource: r.area_source, kind: r.kind, status: r.status,
    });
  }
  const o = await db.query(
    `SELECT s.unit_id, s.owner_id, s.valid_from, w.kind, w.name, w.id_number_last4
       FROM ownerships s JOIN owners w ON w.id = s.owner_id
      WHERE s.estate_id = $1 AND s.valid_to IS NULL ORDER BY s.unit_id, s.id`,
    [estateId],
  );
  const owners = new Map<number, CurrentOwner[]>();
  for (const r of o.rows) {
    const unitId = Number(r.unit_id);
    let list = owners.get(unitId);
    if (!list) owners.set(unitId, (list = []));
    list.push({ ownerId: Number(r.owner_id), kind: r.kind, name: r.name, last4: r.id_number_last4, validFrom: r.valid_from });
  }
  return {
    estate: { id: Number(er.id), name: er.name },
    buildings,
    developer: er.dev_id == null ? null : { id: Number(er.dev_id), name: er.dev_name, creditCode: er.dev_code },
    units,
    owners,
  };
}

export interface KnownOwner {
  id: number;
  name: string;
  phone: string | null;
}

/** Existing owners by ID-number HMAC (persons) and by credit code (organisations). */
export async function findOwners(db: Db, hmacs: string[], creditCodes: string[]) {
  const byHmac = new Map<string, KnownOwner>();
  const byCode = new Map<string, KnownOwner>();
  for (let i = 0; i < hmacs.length; i += BATCH * 4) {
    const r = await db.query('SELECT id, name, phone, id_number_hmac FROM owners WHERE id_number_hmac = ANY($1::text[])', [hmacs.slice(i, i + BATCH * 4)]);
    for (const x of r.rows) byHmac.set(x.id_number_hmac, { id: Number(x.id), name: x.name, phone: x.phone });
  }
  for (let i = 0; i < creditCodes.length; i += BATCH * 4) {
    const r = await db.query('SELECT id, name, phone, credit_code FROM owners WHERE credit_code = ANY($1::text[])', [creditCodes.slice(i, i + BATCH * 4)]);
    for (const x of r.rows) byCode.set(x.credit_code, { id: Number(x.id), name: x.name, phone: x.phone });
  }
  return { byHmac, byCode };
}

export interface NewOwnerRow {
  key: string;
  kind: 'person' | 'organisation';
  name: string;
  phone: string | null;
  idNumberEnc: string | null;
  last4: string | null;
  hmac: string | null;
  creditCode: string | null;
}

/** Inserts owners; returns key → id. Keys are "p:<hmac>" or "o:<credit code>". A concurrent insert
 *  of the same person (unique HMAC / credit code) is reused rather than failing the import. */
export async function insertOwners(db: Db, list: NewOwnerRow[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < list.length; i += BATCH) {
    const part = list.slice(i, i + BATCH);
    const r = await db.query(
      `INSERT INTO owners (kind, name, phone, id_number_enc, id_number_last4, id_number_hmac, credit_code)
       SELECT * FROM unnest($1::owner_kind[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
       ON CONFLICT DO NOTHING
       RETURNING id, id_number_hmac, credit_code`,
      [
        part.map((o) => o.kind), part.map((o) => o.name), part.map((o) => o.phone), part.map((o) => o.idNumberEnc),
        part.map((o) => o.last4), part.map((o) => o.hmac), part.map((o) => o.creditCode),
      ],
    );
    for (const x of r.rows) ids.set(x.id_number_hmac ? `p:${x.id_number_hmac}` : `o:${x.credit_code}`, Number(x.id));
  }
  const missing = list.filter((o) => !ids.has(o.key));
  if (missing.length) {
    const found = await findOwners(db, missing.flatMap((o) => (o.hmac ? [o.hmac] : [])), missing.flatMap((o) => (o.creditCode ? [o.creditCode] : [])));
    for (const [h, o] of found.byHmac) ids.set(`p:${h}`, o.id);
    for (const [c, o] of found.byCode) ids.set(`o:${c}`, o.id);
  }
  return ids;
}

export async function updateOwnerPhones(db: Db, list: { ownerId: number; phone: string }[]): Promise<void> {
  for (let i = 0; i < list.length; i += BATCH) {
    const part = list.slice(i, i + BATCH);
    await db.query(
      `UPDATE owners o SET phone = x.phone FROM unnest($1::bigint[], $2::text[]) x(id, phone) WHERE o.id = x.id`,
      [part.map((p) => p.ownerId), part.map((p) => p.phone)],
    );
  }
}

/** identifies a unit inside the database: building id + number */
export const unitIdKey = (buildingId: number, number: string) => `${buildingId}\u0000${number}`;

export interface UnitWrite {
  buildingId: number;
  number: string;
  areaCenti: number;
  areaSource: string;
  kind: string;
  status: string;
}

/** Inserts new units and updates changed ones (by building + number); returns unitIdKey → unit id. */
export async function upsertUnits(db: Db, estateId: number, list: UnitWrite[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < list.length; i += BATCH) {
    const part = list.slice(i, i + BATCH);
    const r = await db.query(
      `INSERT INTO units (estate_id, building_id, number, area_centi, area_source, kind, status)
       SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::int[], $5::area_source[], $6::unit_kind[], $7::unit_status[])
       ON CONFLICT (building_id, number) DO UPDATE
         SET area_centi = EXCLUDED.area_centi, area_source = EXCLUDED.area_source, kind = EXCLUDED.kind, status = EXCLUDED.status
       RETURNING id, building_id, number`,
      [
        estateId, part.map((u) => u.buildingId), part.map((u) => u.number), part.map((u) => u.areaCenti),
        part.map((u) => u.areaSource), part.map((u) => u.kind), part.map((u) => u.status),
      ],
    );
    for (const x of r.rows) ids.set(unitIdKey(Number(x.building_id), x.number), Number(x.id));
  }
  return ids;
}

/** Closes the listed current ownerships on their dates and opens the new ones. */
export async function changeOwnerships(
  db: Db,
  estateId: number,
  close: { unitId: number; ownerId: number; date: string }[],
  open: { unitId: number; ownerId: number; date: string }[],
): Promise<void> {
  for (let i = 0; i < close.length; i += BATCH) {
    const part = close.slice(i, i + BATCH);
    await db.query(
      `UPDATE ownerships o SET valid_to = GREATEST(x.d, o.valid_from)
         FROM unnest($1::bigint[], $2::bigint[], $3::date[]) x(unit_id, owner_id, d)
        WHERE o.unit_id = x.unit_id AND o.owner_id = x.owner_id AND o.valid_to IS NULL`,
      [part.map((c) => c.unitId), part.map((c) => c.ownerId), part.map((c) => c.date)],
    );
  }
  for (let i = 0; i < open.length; i += BATCH) {
    const part = open.slice(i, i + BATCH);
    await db.query(
      `INSERT INTO ownerships (unit_id, owner_id, estate_id, valid_from)
       SELECT x.unit_id, x.owner_id, $1, x.d FROM unnest($2::bigint[], $3::bigint[], $4::date[]) x(unit_id, owner_id, d)`,
      [estateId, part.map((c) => c.unitId), part.map((c) => c.ownerId), part.map((c) => c.date)],
    );
  }
}
