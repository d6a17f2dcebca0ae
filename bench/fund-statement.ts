// An estate statement over 1,000,000 movements (issue 4): target below 1 s.
// The estate: 3,000 units in 30 buildings of 100 (翠竹苑 at scale), twenty years of books: each
// building's initial deposit, then 9,970 bookings cycling interest, withdrawals for approved uses
// (one application and stage each), replenishments and refunds, every booking one line per unit
// of its building — 10,000 bookings (fund_movements), 1,000,000 lines on the unit accounts
// (fund_transfers, what "movements" counts here: the rows a statement has to add up).
// Seeding: set-based INSERT … SELECT generate_series. To seed in seconds rather than minutes the
// seeding transaction runs with session_replication_role = replica, which skips the triggers of
// 0014_funds.sql (the balance trigger, the deferred "transfers sum to the movement" check) and the
// foreign-key checks (six lookups per transfer); the rows are consistent by construction, and the
// balances and initial deposits are then recomputed from the transfers in one UPDATE (the
// no-overdraft CHECK still applies to it). The statement is then timed through
// buildEstateStatement, the function the
// API (GET /estates/:id/fund/statement-preview, POST …/statements) and the half-yearly job call:
// one cold run, then the median of BENCH_RUNS warm runs, for the last half-year (the period whose
// opening balance needs every earlier transfer) — and, beside it, the whole twenty years.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPool, migrate, startEmbeddedDb, withClient, withTx } from '@gongzhi/server';
import { buildEstateStatement } from '@gongzhi/server/modules/funds/index.ts';

const BUILDINGS = Number(process.env.BENCH_BUILDINGS ?? 30);
const PER_BUILDING = Number(process.env.BENCH_UNITS_PER_BUILDING ?? 100);
const TRANSFERS = Number(process.env.BENCH_TRANSFERS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TARGET_MS = 1000;
const MOVEMENTS = Math.ceil(TRANSFERS / PER_BUILDING);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => Number(x.toFixed(1));

/** kind of booking i (0-based): the first one per building is its initial deposit */
const KIND_SQL = `CASE WHEN i < ${BUILDINGS} THEN 'deposit'
  ELSE (ARRAY['interest','interest','interest','interest','interest','withdrawal','withdrawal','replenishment','replenishment','refund'])[i % 10 + 1] END`;
const PER_UNIT_SQL = `CASE kind WHEN 'deposit' THEN 2000000 WHEN 'interest' THEN 500 WHEN 'withdrawal' THEN 3000
  WHEN 'replenishment' THEN 1000 ELSE 200 END`;

async function seed(pool: ReturnType<typeof createPool>): Promise<number> {
  return withTx(pool, async (db) => {
    await db.query(`SET LOCAL session_replication_role = replica`);
    const city = await db.query(`INSERT INTO regions (level, name, code, path) VALUES ('city', '基准市', 'BENCH-C', '') RETURNING id`);
    const cityId = Number(city.rows[0].id);
    await db.query(`UPDATE regions SET path = '/' || id || '/' WHERE id = $1`, [cityId]);
    const comm = await db.query(
      `INSERT INTO regions (parent_id, level, name, code, path) VALUES ($1, 'community', '基准社区', 'BENCH-M', '') RETURNING id`, [cityId],
    );
    const commId = Number(comm.rows[0].id);
    await db.query(`UPDATE regions SET path = '/' || $2::bigint || '/' || id || '/' WHERE id = $1`, [commId, cityId]);
    const e = await db.query(`INSERT INTO estates (community_id, name, code) VALUES ($1, '翠竹苑（基准）', 'BENCH-E') RETURNING id`, [commId]);
    const estateId = Number(e.rows[0].id);
    await db.query(`INSERT INTO buildings (estate_id, name, floors) SELECT $1, b || '栋', 25 FROM generate_series(1, $2) b`, [estateId, BUILDINGS]);
    await db.query(
      `INSERT INTO units (estate_id, building_id, number, area_centi, area_source, kind, status)
       SELECT $1, b.id, (100 * (1 + (n - 1) / 4) + 1 + (n - 1) % 4)::text, 6000 + (n * 137) % 9000, 'registry', 'residential', 'sold'
         FROM buildings b, generate_series(1, $2) n WHERE b.estate_id = $1`,
      [estateId, PER_BUILDING],
    );
    const acc = await db.query(`INSERT INTO accounts (username, display_name) VALUES ('bench', 'bench') RETURNING id`);
    const accountId = Number(acc.rows[0].id);
    // accounts: the estate's counter accounts and one per unit (what ensureFundAccounts opens)
    await db.query(`INSERT INTO fund_accounts (estate_id, kind) SELECT $1, k FROM unnest(ARRAY['deposits','interest','payouts','refunds']) k`, [estateId]);
    await db.query(`INSERT INTO fund_accounts (estate_id, kind, unit_id, building_id) SELECT estate_id, 'unit', id, building_id FROM units WHERE estate_id = $1`, [estateId]);
    // bookings: i-th over twenty years, building i mod BUILDINGS; each withdrawal its own application
    await db.query(
      `CREATE TEMP TABLE plan ON COMMIT DROP AS
       SELECT i, kind, (SELECT id FROM buildings WHERE estate_id = $1 ORDER BY id OFFSET i % $2 LIMIT 1) AS building_id,
              DATE '2006-01-01' + (i * 7300 / $3)::int AS booked_on
         FROM (SELECT i, ${KIND_SQL} AS kind FROM generate_series(0, $3 - 1) i) s`,
      [estateId, BUILDINGS, MOVEMENTS],
    );
    await db.query(
      `INSERT INTO fund_applications (id, estate_id, applicant_kind, title, category, path, scope_kind, scope_building_ids, budget_fen, state, created_by)
       SELECT 1000000 + i, $1, 'committee', '基准维修 #' || i, 'elevator', 'ordinary', 'buildings', ARRAY[building_id], 3000 * $2, 'settled', $3
         FROM plan WHERE kind = 'withdrawal'`,
      [estateId, PER_BUILDING, accountId],
    );
    await db.query(
      `INSERT INTO fund_movements (id, estate_id, kind, total_fen, memo, application_id, stage_no, booked_on, created_by)
       SELECT 1000000 + i, $1, kind, ${PER_UNIT_SQL} * $2, '基准', CASE WHEN kind = 'withdrawal' THEN 1000000 + i END,
              CASE WHEN kind = 'withdrawal' THEN 1 END, booked_on, $3
         FROM plan`,
      [estateId, PER_BUILDING, accountId],
    );
    await db.query(
      `INSERT INTO fund_transfers (movement_id, estate_id, debit_account_id, credit_account_id, amount_fen, kind, unit_id, building_id, booked_on)
       SELECT 1000000 + p.i, $1,
              CASE WHEN p.kind IN ('deposit','replenishment','interest','reversal') THEN c.id ELSE a.id END,
              CASE WHEN p.kind IN ('deposit','replenishment','interest','reversal') THEN a.id ELSE c.id END,
              ${PER_UNIT_SQL.replaceAll('kind', 'p.kind')}, p.kind, a.unit_id, a.building_id, p.booked_on
         FROM plan p
         JOIN fund_accounts a ON a.building_id = p.building_id AND a.kind = 'unit'
         JOIN fund_accounts c ON c.estate_id = $1 AND c.kind = CASE p.kind WHEN 'deposit' THEN 'deposits' WHEN 'replenishment' THEN 'deposits'
              WHEN 'interest' THEN 'interest' WHEN 'withdrawal' THEN 'payouts' ELSE 'refunds' END
        ORDER BY p.i, a.id`,
      [estateId],
    );
    // what the balance trigger would have kept, from the transfers
    await db.query(
      `UPDATE fund_accounts f SET debits_fen = coalesce(d.s, 0), credits_fen = coalesce(c.s, 0), initial_fen = coalesce(i.s, 0)
         FROM fund_accounts a
         LEFT JOIN (SELECT debit_account_id AS id, sum(amount_fen) s FROM fund_transfers WHERE estate_id = $1 GROUP BY 1) d ON d.id = a.id
         LEFT JOIN (SELECT credit_account_id AS id, sum(amount_fen) s FROM fund_transfers WHERE estate_id = $1 GROUP BY 1) c ON c.id = a.id
         LEFT JOIN (SELECT credit_account_id AS id, sum(amount_fen) s FROM fund_transfers WHERE estate_id = $1 AND kind = 'deposit' GROUP BY 1) i
                ON i.id = a.id AND a.kind = 'unit'
        WHERE f.id = a.id AND a.estate_id = $1`,
      [estateId],
    );
    return estateId;
  });
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-bench-fund-'));
  fs.chmodSync(tmp, 0o777);
  const db = await startEmbeddedDb({ dataDir: tmp, port: 56000 + Math.floor(Math.random() * 1000), quiet: true });
  const pool = createPool(db.url, 4);
  try {
    await migrate(pool);
    const t0 = performance.now();
    const estateId = await seed(pool);
    const seedMs = performance.now() - t0;
    await pool.query('VACUUM ANALYZE');
    const counts = (await pool.query(
      `SELECT (SELECT count(*) FROM fund_transfers WHERE estate_id = $1)::int AS transfers,
              (SELECT count(*) FROM fund_movements WHERE estate_id = $1)::int AS bookings,
              (SELECT count(*) FROM units WHERE estate_id = $1)::int AS units,
              (SELECT max(booked_on)::text FROM fund_movements WHERE estate_id = $1) AS last_day,
              (SELECT sum(credits_fen - debits_fen) FROM fund_accounts WHERE estate_id = $1 AND kind = 'unit')::bigint AS balance,
              (SELECT sum(credits_fen - debits_fen) FROM fund_accounts WHERE estate_id = $1)::bigint AS total`,
      [estateId],
    )).rows[0];
    const period = { estateId, periodStart: '2025-07-01', periodEnd: '2025-12-31' };
    const run = async (p: typeof period) => withClient(pool, async (c) => {
      const s = performance.now();
      const body = await buildEstateStatement(c, p);
      return { ms: performance.now() - s, body };
    });
    const cold = await run(period);
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) warm.push((await run(period)).ms);
    const whole = await run({ estateId, periodStart: '2006-01-01', periodEnd: '2025-12-31' });
    // double entry holds (all accounts sum to 0) and the statement agrees with the unit balances
    const consistent = Number(counts.total) === 0 && cold.body.estate.closingFen === Number(counts.balance) && whole.body.estate.closingFen === Number(counts.balance);
    const statementMs = median(warm);
    console.log(JSON.stringify({
      bench: 'fund-statement', movements: counts.transfers, bookings: counts.bookings, units: counts.units, buildings: BUILDINGS,
      period: `${period.periodStart}..${period.periodEnd}`, statementMs: ms(statementMs), coldMs: ms(cold.ms),
      wholeHistoryMs: ms(whole.ms), runs: RUNS, consistent, seedMs: Math.round(seedMs), targetMs: TARGET_MS,
      pass: statementMs < TARGET_MS && consistent, cpus: os.cpus().length,
    }));
  } finally {
    await pool.end();
    await db.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
