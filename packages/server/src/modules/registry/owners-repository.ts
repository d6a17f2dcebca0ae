import { one, rows, type Db } from '../../platform/db.ts';
import { containsPattern, offsetOf, Where, type Page, type Paging } from './query-helpers.ts';

// Owners are not estate records themselves: a caller reaches an owner through the ownerships
// (current or past) that fall inside the caller's estates.

export interface OwnerRow {
  id: number;
  kind: 'person' | 'organisation';
  name: string;
  phone: string | null;
  idNumberLast4: string | null;
  creditCode: string | null;
  isDeveloper: boolean;
  unitCount: number;
}

const OWNER_COLUMNS = `o.id, o.kind, o.name, o.phone, o.id_number_last4 AS "idNumberLast4",
  o.credit_code AS "creditCode", o.is_developer AS "isDeveloper"`;

export interface OwnerFilter extends Paging {
  estateIds: number[];
  estateId?: number;
  kind?: string;
  q?: string;
}

export async function listOwners(db: Db, f: OwnerFilter): Promise<Page<OwnerRow>> {
  const w = new Where();
  const scope = w.param(f.estateIds);
  const estate = f.estateId ? ` AND s.estate_id = ${w.param(f.estateId)}` : '';
  w.add(`EXISTS (SELECT 1 FROM ownerships s WHERE s.owner_id = o.id AND s.estate_id = ANY(${scope}::bigint[])${estate})`);
  if (f.kind) w.add('o.kind = ?::owner_kind', f.kind);
  if (f.q) {
    const p = w.param(containsPattern(f.q));
    const exact = w.param(f.q.toUpperCase());
    w.add(`(o.name ILIKE ${p} OR o.phone LIKE ${p} OR o.id_number_last4 = ${exact} OR o.credit_code = ${exact})`);
  }
  const total = await one<{ n: number }>(db, `SELECT count(*)::int AS n FROM owners o ${w.sql()}`, w.params);
  const limit = w.param(f.pageSize);
  const offset = w.param(offsetOf(f));
  const items = await rows<OwnerRow>(
    db,
    `WITH page AS (SELECT o.id FROM owners o ${w.sql()} ORDER BY o.name, o.id LIMIT ${limit} OFFSET ${offset})
     SELECT ${OWNER_COLUMNS},
            (SELECT count(DISTINCT s.unit_id) FROM ownerships s
              WHERE s.owner_id = o.id AND s.valid_to IS NULL AND s.estate_id = ANY(${scope}::bigint[]))::int AS "unitCount"
       FROM page JOIN owners o ON o.id = page.id
      ORDER BY o.name, o.id`,
    w.params,
  );
  return { items, total: total?.n ?? 0, page: f.page, pageSize: f.pageSize };
}

/** The owner, if any ownership of theirs (current, or also past with `includePast`) lies in scope. */
export function findOwnerInScope(db: Db, id: number, estateIds: number[], opts: { includePast: boolean }) {
  return one<OwnerRow>(
    db,
    `SELECT ${OWNER_COLUMNS},
            (SELECT count(DISTINCT s.unit_id) FROM ownerships s
              WHERE s.owner_id = o.id AND s.valid_to IS NULL AND s.estate_id = ANY($2::bigint[]))::int AS "unitCount"
       FROM owners o
      WHERE o.id = $1 AND EXISTS (SELECT 1 FROM ownerships s WHERE s.owner_id = o.id
                                   AND s.estate_id = ANY($2::bigint[]) AND ($3 OR s.valid_to IS NULL))`,
    [id, estateIds, opts.includePast],
  );
}

export function findOwnersUnsafe(db: Db, ids: number[]) {
  return rows<{ id: number; name: string }>(db, 'SELECT id, name FROM owners WHERE id = ANY($1::bigint[])', [ids]);
}

export async function findEncryptedIdNumberUnsafe(db: Db, id: number): Promise<string | null> {
  const r = await one<{ enc: string | null }>(db, 'SELECT id_number_enc AS enc FROM owners WHERE id = $1', [id]);
  return r?.enc ?? null;
}

export function findOwnerIdByHmacUnsafe(db: Db, hmac: string) {
  return one<{ id: number }>(db, 'SELECT id FROM owners WHERE id_number_hmac = $1', [hmac]);
}

export function findOrganisationByCreditCodeUnsafe(db: Db, creditCode: string) {
  return one<{ id: number; name: string }>(db, 'SELECT id, name FROM owners WHERE credit_code = $1', [creditCode]);
}

export async function insertOwner(
  db: Db,
  o: {
    kind: 'person' | 'organisation';
    name: string;
    phone: string | null;
    idNumberEnc?: string | null;
    idNumberLast4?: string | null;
    idNumberHmac?: string | null;
    creditCode?: string | null;
    isDeveloper?: boolean;
  },
): Promise<number> {
  const r = await one<{ id: number }>(
    db,
    `INSERT INTO owners (kind, name, phone, id_number_enc, id_number_last4, id_number_hmac, credit_code, is_developer)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [o.kind, o.name, o.phone, o.idNumberEnc ?? null, o.idNumberLast4 ?? null, o.idNumberHmac ?? null,
      o.creditCode ?? null, o.isDeveloper ?? false],
  );
  return r!.id;
}

export async function markDeveloper(db: Db, ownerId: number): Promise<void> {
  await db.query('UPDATE owners SET is_developer = true WHERE id = $1', [ownerId]);
}
