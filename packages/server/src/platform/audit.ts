import { sha256Hex } from './crypto.ts';
import type { Db, Pool } from './db.ts';

// Append-only, hash-chained audit log. Each event's hash covers its own fields and the previous
// hash, so editing or deleting any row breaks every later link. Appends are serialised by a
// transaction-scoped advisory lock: the chain has exactly one order, that of commit.

export interface AuditActor {
  accountId: number | null;
  role: string | null;
  ip: string | null;
}

export interface AuditInput {
  action: string; // e.g. 'unit.create', 'auth.login'
  targetType: string;
  targetId?: string | number | null;
  estateId?: number | null;
  summary?: Record<string, unknown>; // what changed; never a raw ID number
}

export const GENESIS_HASH = '0'.repeat(64);
const AUDIT_LOCK = 7261002;

/** Stable JSON: object keys sorted at every level, so jsonb's reordering does not change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

interface AuditRow {
  seq: number;
  at: Date;
  actor_account_id: number | null;
  actor_role: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  estate_id: number | null;
  summary: unknown;
  client_ip: string | null;
  prev_hash: string;
}

export function hashAuditRow(r: AuditRow): string {
  return sha256Hex(
    canonicalJson([
      r.seq, r.at.toISOString(), r.actor_account_id, r.actor_role, r.action, r.target_type,
      r.target_id, r.estate_id, r.summary, r.client_ip, r.prev_hash,
    ]),
  );
}

/** Writes one audit event. Must be called with the mutation's own transaction. */
export async function appendAudit(db: Db, actor: AuditActor, input: AuditInput): Promise<number> {
  const [seq] = await appendAuditMany(db, [{ actor, input }]);
  return seq!;
}

/**
 * Writes several audit events (one per mutation of a batched write, e.g. ballots cast together)
 * with one lock, one read of the chain head and one INSERT: the same chain as N appendAudit calls.
 */
export async function appendAuditMany(db: Db, events: ReadonlyArray<{ actor: AuditActor; input: AuditInput }>): Promise<number[]> {
  if (events.length === 0) return [];
  await db.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
  const last = await db.query(AUDIT_HEAD_SQL);
  const rows = buildAuditRows(auditHead(last.rows), events);
  await db.query(`INSERT INTO audit_events ${AUDIT_INSERT_SELECT('$1', '$2', '$3', '$4', '$5', '$6', '$7', '$8', '$9', '$10', '$11', '$12')}`, rows.cols);
  return rows.seqs;
}

// The same append in pieces, for a writer that folds it into its own statements (casting sends
// the lock and the head read with its other reads, and the INSERT as a CTE of its write: three
// round trips less per batch). Take the lock AFTER any row locks, as appendAuditMany's callers
// do (every writer takes it last, so no two wait on each other in opposite order).

/** Simple-query text: the chain's lock (held until commit) and the head read, in that order. */
export const AUDIT_LOCK_SQL = `SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`;
export const AUDIT_HEAD_SQL = 'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1';

export interface AuditHead { seq: number; hash: string }
export const auditHead = (rows: Record<string, unknown>[]): AuditHead =>
  rows.length ? { seq: Number(rows[0]!.seq), hash: String(rows[0]!.hash) } : { seq: 0, hash: GENESIS_HASH };

/** The rows that continue the chain from `head`, as the twelve column arrays of AUDIT_INSERT_SELECT. */
export function buildAuditRows(head: AuditHead, events: ReadonlyArray<{ actor: AuditActor; input: AuditInput }>): { cols: unknown[][]; seqs: number[] } {
  let seq = head.seq;
  let prev = head.hash;
  const at = new Date();
  const cols: unknown[][] = [[], [], [], [], [], [], [], [], [], [], [], []];
  const seqs: number[] = [];
  for (const { actor, input } of events) {
    seq += 1;
    const row: AuditRow = {
      seq,
      at,
      actor_account_id: actor.accountId,
      actor_role: actor.role,
      action: input.action,
      target_type: input.targetType,
      target_id: input.targetId == null ? null : String(input.targetId),
      estate_id: input.estateId ?? null,
      summary: JSON.parse(canonicalJson(input.summary ?? {})),
      client_ip: actor.ip,
      prev_hash: prev,
    };
    const hash = hashAuditRow(row);
    const values = [row.seq, row.at, row.actor_account_id, row.actor_role, row.action, row.target_type, row.target_id,
      row.estate_id, JSON.stringify(row.summary), row.client_ip, row.prev_hash, hash];
    values.forEach((v, i) => cols[i]!.push(v));
    seqs.push(seq);
    prev = hash;
  }
  return { cols, seqs };
}

/** `(columns) SELECT ... FROM unnest(...)` over twelve array placeholders, e.g. '$1' … '$12'. */
export function AUDIT_INSERT_SELECT(...p: string[]): string {
  return `(seq, at, actor_account_id, actor_role, action, target_type, target_id, estate_id, summary, client_ip, prev_hash, hash)
     SELECT * FROM unnest(${p[0]}::bigint[], ${p[1]}::timestamptz[], ${p[2]}::bigint[], ${p[3]}::text[], ${p[4]}::text[], ${p[5]}::text[],
       ${p[6]}::text[], ${p[7]}::bigint[], ${p[8]}::jsonb[], ${p[9]}::text[], ${p[10]}::text[], ${p[11]}::text[])`;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** the first broken link: the seq whose stored hash or back-link does not match */
  firstBroken?: { seq: number; reason: 'hash_mismatch' | 'prev_link_mismatch' | 'sequence_gap' };
}

/** Recomputes the whole chain in seq order, streaming in pages. */
export async function verifyAuditChain(pool: Pool | Db, pageSize = 5000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const page = await pool.query(
      `SELECT seq, at, actor_account_id, actor_role, action, target_type, target_id, estate_id, summary,
              client_ip, prev_hash, hash FROM audit_events WHERE seq >= $1 ORDER BY seq LIMIT $2`,
      [expectedSeq, pageSize],
    );
    if (page.rows.length === 0) return { ok: true, checked };
    for (const r of page.rows) {
      const row = { ...r, seq: Number(r.seq) } as AuditRow & { hash: string };
      if (row.seq !== expectedSeq) return { ok: false, checked, firstBroken: { seq: expectedSeq, reason: 'sequence_gap' } };
      if (row.prev_hash !== prevHash) return { ok: false, checked, firstBroken: { seq: row.seq, reason: 'prev_link_mismatch' } };
      if (hashAuditRow(row) !== row.hash) return { ok: false, checked, firstBroken: { seq: row.seq, reason: 'hash_mismatch' } };
      prevHash = row.hash;
      expectedSeq++;
      checked++;
    }
  }
}
