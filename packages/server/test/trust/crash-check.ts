import type { Pool } from '../../src/platform/db.ts';
import type { Ack } from './crash-load.ts';

// After the last restart: is every acknowledged write in the database exactly once? Each one is
// looked up by what its 2xx answer returned (an id or receipts) AND by its marker text: after a
// lost commit a sequence may hand the same id out again, so an id alone could find another row.
// "doubled" counts markers (or receipts) stored more than once: what a retry without the
// idempotency key would have caused.

export interface CheckResult {
  present: number;
  lost: Ack[];
  doubled: Ack[];
}

async function countOf(pool: Pool, sql: string, params: unknown[]): Promise<{ byId: number; byMarker: number }> {
  const r = await pool.query(sql, params);
  return { byId: Number(r.rows[0].by_id), byMarker: Number(r.rows[0].by_marker) };
}

/** [rows with this id carrying the marker, rows carrying the marker] for one acknowledged write. */
function lookup(pool: Pool, a: Ack): Promise<{ byId: number; byMarker: number }> {
  switch (a.kind) {
    case 'ballot':
      return countOf(pool,
        `SELECT (SELECT count(*) FROM ballots WHERE receipt = ANY($1)) AS by_id,
                (SELECT count(*) FROM ballot_requests WHERE idempotency_key = $2) AS by_marker`,
        [a.receipts, a.key]);
    case 'fund.deposit':
      return countOf(pool,
        `SELECT (SELECT count(*) FROM fund_movements WHERE id = $1 AND memo = $2) AS by_id,
                (SELECT count(*) FROM fund_movements WHERE memo = $2) AS by_marker`, [a.id, a.marker]);
    case 'case.file':
      return countOf(pool,
        `SELECT (SELECT count(*) FROM cases WHERE id = $1 AND title = $2) AS by_id,
                (SELECT count(*) FROM cases WHERE title = $2) AS by_marker`, [a.id, a.marker]);
    case 'case.respond': case 'case.note': case 'case.resolve':
      return countOf(pool,
        `SELECT (SELECT count(*) FROM case_events WHERE case_id = $1 AND text = $2) AS by_id,
                (SELECT count(*) FROM case_events WHERE text = $2) AS by_marker`, [a.id, a.marker]);
    case 'notice.create': case 'notice.correct':
      return countOf(pool,
        `SELECT (SELECT count(*) FROM notices WHERE id = $1 AND title = $2) AS by_id,
                (SELECT count(*) FROM notices WHERE title = $2) AS by_marker`, [a.id, a.marker]);
    case 'notice.publish':
      // the marker is the notice's title + '-publish': published once means one published row
      return countOf(pool,
        `SELECT (SELECT count(*) FROM notices WHERE id = $1 AND state <> 'draft' AND published_at IS NOT NULL) AS by_id,
                (SELECT count(*) FROM audit_events WHERE action = 'notice.publish' AND target_id = $1::text) AS by_marker`, [a.id]);
  }
}

export async function checkAcks(pool: Pool, acks: Ack[]): Promise<CheckResult> {
  const out: CheckResult = { present: 0, lost: [], doubled: [] };
  for (const a of acks) {
    const { byId, byMarker } = await lookup(pool, a);
    const expected = a.kind === 'ballot' ? a.receipts!.length : 1;
    if (byId >= expected) out.present++;
    else out.lost.push(a);
    if (byMarker > 1 || byId > expected) out.doubled.push(a);
  }
  return out;
}
