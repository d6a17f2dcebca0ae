import type { Pool } from '../../src/platform/db.ts';

// Shared checks of the fund's books for the invariant and race tests (issue 7, part D).

/** Every account whose stored figures differ from the sum of its transfers (0024's function). */
export async function ledgerMismatches(pool: Pool): Promise<unknown[]> {
  const r = await pool.query(`SELECT * FROM fund_ledger_mismatches((SELECT array_agg(id) FROM fund_accounts))`);
  return r.rows;
}

/** The same, recomputed here without the database's own function (so a wrong function cannot hide a mismatch). */
export async function ledgerMismatchesRecomputed(pool: Pool): Promise<unknown[]> {
  const r = await pool.query(
    `SELECT a.id, a.debits_fen, a.credits_fen, coalesce(d.s, 0) AS ledger_debits, coalesce(c.s, 0) AS ledger_credits
       FROM fund_accounts a
       LEFT JOIN (SELECT debit_account_id AS id, sum(amount_fen) AS s FROM fund_transfers GROUP BY 1) d ON d.id = a.id
       LEFT JOIN (SELECT credit_account_id AS id, sum(amount_fen) AS s FROM fund_transfers GROUP BY 1) c ON c.id = a.id
      WHERE a.debits_fen <> coalesce(d.s, 0) OR a.credits_fen <> coalesce(c.s, 0)`,
  );
  return r.rows;
}

/** Everything the books hold, to compare before and after a refused write. */
export async function booksSnapshot(pool: Pool) {
  const a = await pool.query(`SELECT id, debits_fen, credits_fen, initial_fen FROM fund_accounts ORDER BY id`);
  const n = await pool.query(
    `SELECT (SELECT count(*) FROM fund_movements)::int AS movements, (SELECT count(*) FROM fund_transfers)::int AS transfers,
            (SELECT count(*) FROM audit_events)::int AS audits`,
  );
  return { accounts: a.rows, ...n.rows[0] };
}
