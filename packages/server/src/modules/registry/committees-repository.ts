import type { CommitteeView } from '@gongzhi/contracts';
import { one, rows, type Db } from '../../platform/db.ts';
import { containsPattern, offsetOf, Where, type Page, type Paging } from './query-helpers.ts';

const COMMITTEE_COLUMNS = `k.id, k.estate_id AS "estateId", e.name AS "estateName", k.kind, k.name,
  k.term_start AS "termStart", k.term_end AS "termEnd",
  (SELECT count(*) FROM committee_members m WHERE m.committee_id = k.id)::int AS "memberCount"`;

export interface CommitteeFilter extends Paging {
  estateIds: number[];
  estateId?: number;
  kind?: string;
  q?: string;
}

export async function listCommittees(db: Db, f: CommitteeFilter): Promise<Page<CommitteeView>> {
  const w = new Where().add('k.estate_id = ANY(?::bigint[])', f.estateIds);
  if (f.estateId) w.add('k.estate_id = ?', f.estateId);
  if (f.kind) w.add('k.kind = ?', f.kind);
  if (f.q) w.add('k.name ILIKE ?', containsPattern(f.q));
  const total = await one<{ n: number }>(db, `SELECT count(*)::int AS n FROM committees k ${w.sql()}`, w.params);
  const limit = w.param(f.pageSize);
  const offset = w.param(offsetOf(f));
  const items = await rows<CommitteeView>(
    db,
    `SELECT ${COMMITTEE_COLUMNS} FROM committees k JOIN estates e ON e.id = k.estate_id ${w.sql()}
      ORDER BY k.term_start DESC, k.id DESC LIMIT ${limit} OFFSET ${offset}`,
    w.params,
  );
  return { items, total: total?.n ?? 0, page: f.page, pageSize: f.pageSize };
}

/** Not scoped: the caller checks the returned estateId with ctx.assertEstate. */
export function findCommitteeUnsafe(db: Db, id: number) {
  return one<CommitteeView>(
    db, `SELECT ${COMMITTEE_COLUMNS} FROM committees k JOIN estates e ON e.id = k.estate_id WHERE k.id = $1`, [id],
  );
}

export function listMembers(db: Db, committeeId: number) {
  return rows<{ id: number; name: string; role: 'chair' | 'vice_chair' | 'member' | 'secretary'; ownerId: number | null; termStart: string; termEnd: string }>(
    db,
    `SELECT id, name, role, owner_id AS "ownerId", term_start AS "termStart", term_end AS "termEnd"
       FROM committee_members WHERE committee_id = $1
      ORDER BY array_position(ARRAY['chair','vice_chair','member','secretary'], role), term_start, id`,
    [committeeId],
  );
}

export async function insertCommittee(
  db: Db,
  c: { estateId: number; kind: string; name: string; termStart: string; termEnd: string },
): Promise<number> {
  const r = await one<{ id: number }>(
    db,
    'INSERT INTO committees (estate_id, kind, name, term_start, term_end) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [c.estateId, c.kind, c.name, c.termStart, c.termEnd],
  );
  return r!.id;
}

export async function insertMember(
  db: Db,
  m: { committeeId: number; ownerId: number | null; name: string; role: string; termStart: string; termEnd: string },
): Promise<number> {
  const r = await one<{ id: number }>(
    db,
    `INSERT INTO committee_members (committee_id, owner_id, name, role, term_start, term_end)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [m.committeeId, m.ownerId, m.name, m.role, m.termStart, m.termEnd],
  );
  return r!.id;
}
