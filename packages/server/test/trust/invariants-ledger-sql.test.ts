import { beforeAll, describe, expect, it } from 'vitest';
import { ensureFundAccounts, postMovement } from '../../src/modules/funds/ledger-writer.ts';
import { SYSTEM_ACTOR } from '../../src/modules/meetings/index.ts';
import { withTx, type Db } from '../../src/platform/db.ts';
import { createBuilding, createEstate, createRegionTree, createUnit } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { booksSnapshot, ledgerMismatches } from './invariants-support.ts';

// Why: issue 7 asks that the money invariants be enforced BY THE DATABASE, not by the code that
// usually writes the books. Each test here bypasses the ledger writer and tries, in plain SQL, to
// break one invariant of 0014_funds.sql + 0024_fund_ledger_invariants.sql:
//   - a unit's balance (and payouts/refunds) never below zero, deposits/interest never above (CHECKs);
//   - stored balances always equal the sum of the ledger's transfers (deferred constraint triggers:
//     a balance edited without a movement, a movement whose balance effect is skipped or undone,
//     a transfer appended to an old movement, an account opened with money in it);
//   - a movement's transfers stay in its estate (so each estate's books sum to zero).
// Every attempt must be refused by PostgreSQL (SQLSTATE 23514) and leave the books as they were.
// Positive controls show the same SQL written honestly commits, so the refusals are not blanket.

let t: TestApp;
let estateId: number;
let otherEstateId: number;
let u1: number;
let u2: number;
let foreignUnit: number;
const acc: Record<string, number> = {};

const refused = async (fn: (db: Db) => Promise<unknown>) => {
  const err = await withTx(t.pool, fn).then(() => null, (e) => e);
  expect(err, 'the database accepted it').not.toBeNull();
  return err as { code?: string; message: string; constraint?: string };
};

beforeAll(async () => {
  t = await createTestApp();
  const tree = await createRegionTree(t.pool);
  estateId = await createEstate(t.pool, { communityId: tree.communityId });
  otherEstateId = await createEstate(t.pool, { communityId: tree.communityId });
  const b = await createBuilding(t.pool, { estateId });
  u1 = await createUnit(t.pool, { estateId, buildingId: b, number: '101' });
  u2 = await createUnit(t.pool, { estateId, buildingId: b, number: '102' });
  foreignUnit = await createUnit(t.pool, { estateId: otherEstateId, buildingId: await createBuilding(t.pool, { estateId: otherEstateId }), number: '101' });
  await withTx(t.pool, async (db) => {
    await ensureFundAccounts(db, estateId);
    await ensureFundAccounts(db, otherEstateId);
    await postMovement(db, { estateId, kind: 'deposit', bookedOn: '2026-01-05', actor: SYSTEM_ACTOR, lines: [{ unitId: u1, amountFen: 100_000 }, { unitId: u2, amountFen: 50_000 }] });
    await postMovement(db, { estateId: otherEstateId, kind: 'deposit', bookedOn: '2026-01-05', actor: SYSTEM_ACTOR, lines: [{ unitId: foreignUnit, amountFen: 70_000 }] });
  });
  const r = await t.pool.query(`SELECT id, kind, unit_id, estate_id FROM fund_accounts`);
  for (const x of r.rows) {
    const name = x.unit_id == null ? `${Number(x.estate_id) === estateId ? '' : 'other.'}${x.kind}` : Number(x.unit_id) === u1 ? 'u1' : Number(x.unit_id) === u2 ? 'u2' : 'foreign';
    acc[name] = Number(x.id);
  }
});

/** An honest-looking movement row in SQL (the writer bypassed); returns its id. */
const movement = async (db: Db, kind: string, total: number, estate = estateId) =>
  Number((await db.query(`INSERT INTO fund_movements (estate_id, kind, total_fen, booked_on) VALUES ($1, $2, $3, '2026-03-01') RETURNING id`, [estate, kind, total])).rows[0].id);
const transfer = (db: Db, m: number, debit: number, credit: number, amount: number, kind: string, unitId: number | null, estate = estateId) =>
  db.query(
    `INSERT INTO fund_transfers (movement_id, estate_id, debit_account_id, credit_account_id, amount_fen, kind, unit_id, booked_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, '2026-03-01')`,
    [m, estate, debit, credit, amount, kind, unitId],
  );

describe('database: balances never negative', () => {
  it('a unit balance set below zero by hand is refused at once by the CHECK', async () => {
    const before = await booksSnapshot(t.pool);
    const err = await refused((db) => db.query(`UPDATE fund_accounts SET debits_fen = credits_fen + 1 WHERE id = $1`, [acc.u1]));
    expect(err.code).toBe('23514');
    expect(err.constraint).toBe('fund_unit_balance_not_negative');
    expect(await booksSnapshot(t.pool)).toEqual(before);
  });

  it('a refund overdrawing a unit through the ledger is refused by the CHECK (the balance trigger hits it)', async () => {
    const before = await booksSnapshot(t.pool);
    const err = await refused(async (db) => transfer(db, await movement(db, 'refund', 50_001), acc.u2!, acc.refunds!, 50_001, 'refund', u2));
    expect(err.constraint).toBe('fund_unit_balance_not_negative');
    expect(await booksSnapshot(t.pool)).toEqual(before);
  });

  it('payouts never below zero: paying back money that was never paid out is refused', async () => {
    const err = await refused(async (db) => transfer(db, await movement(db, 'interest', 10), acc.payouts!, acc.u1!, 10, 'reversal', u1));
    expect(err.constraint).toBe('fund_sink_balance_not_negative');
  });

  it('interest (a source of money) never above zero: crediting it more than it ever gave is refused', async () => {
    const err = await refused(async (db) => transfer(db, await movement(db, 'refund', 10), acc.u1!, acc.interest!, 10, 'refund', u1));
    expect(err.constraint).toBe('fund_source_balance_not_positive');
  });
});

describe('database: stored balances always equal the ledger', () => {
  it('a balance raised without a movement is refused at commit', async () => {
    const before = await booksSnapshot(t.pool);
    const err = await refused((db) => db.query(`UPDATE fund_accounts SET credits_fen = credits_fen + 100 WHERE id = $1`, [acc.u1]));
    expect(err.code).toBe('23514');
    expect(err.message).toMatch(/does not match its ledger/);
    expect(await booksSnapshot(t.pool)).toEqual(before);
  });

  it('money moved between two units by hand (the estate still sums to zero) is refused at commit', async () => {
    const err = await refused(async (db) => {
      await db.query(`UPDATE fund_accounts SET credits_fen = credits_fen - 500 WHERE id = $1`, [acc.u1]);
      await db.query(`UPDATE fund_accounts SET credits_fen = credits_fen + 500 WHERE id = $1`, [acc.u2]);
    });
    expect(err.message).toMatch(/does not match its ledger/);
  });

  it('a balance changed from inside some other trigger is refused at commit too', async () => {
    const err = await refused(async (db) => {
      await db.query(`CREATE TEMP TABLE d_cheat (i int) ON COMMIT DROP`);
      await db.query(`CREATE FUNCTION pg_temp.d_cheat() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN UPDATE fund_accounts SET credits_fen = credits_fen + 1 WHERE id = ${acc.u1}; RETURN NULL; END $$`);
      await db.query(`CREATE TRIGGER d_cheat AFTER INSERT ON d_cheat FOR EACH ROW EXECUTE FUNCTION pg_temp.d_cheat()`);
      await db.query(`INSERT INTO d_cheat VALUES (1)`);
    });
    expect(err.message).toMatch(/does not match its ledger/);
  });

  it('the balance trigger\'s own mark, set by hand, exempts nothing', async () => {
    const err = await refused(async (db) => {
      await db.query(`SELECT set_config('gongzhi.fund_applying', 'on', true)`);
      await db.query(`UPDATE fund_accounts SET credits_fen = credits_fen + 1 WHERE id = $1`, [acc.u1]);
    });
    expect(err.message).toMatch(/does not match its ledger/);
  });

  it('the initial deposit (basis of the 30% rule) edited by hand is refused at commit', async () => {
    const err = await refused((db) => db.query(`UPDATE fund_accounts SET initial_fen = 0 WHERE id = $1`, [acc.u1]));
    expect(err.message).toMatch(/does not match its ledger/);
  });

  it('a movement whose balance effect is undone by hand is refused at commit', async () => {
    const before = await booksSnapshot(t.pool);
    const err = await refused(async (db) => {
      await transfer(db, await movement(db, 'interest', 300), acc.interest!, acc.u1!, 300, 'interest', u1);
      await db.query(`UPDATE fund_accounts SET credits_fen = credits_fen - 300 WHERE id = $1`, [acc.u1]);
    });
    expect(err.message).toMatch(/does not match its ledger/);
    expect(await booksSnapshot(t.pool)).toEqual(before);
  });

  it('a movement written with the balance trigger switched off (no balance change at all) is refused at commit', async () => {
    const before = await booksSnapshot(t.pool);
    const err = await refused(async (db) => {
      await db.query(`ALTER TABLE fund_transfers DISABLE TRIGGER fund_transfers_apply`);
      await transfer(db, await movement(db, 'interest', 300), acc.interest!, acc.u1!, 300, 'interest', u1);
    });
    expect(err.message).toMatch(/does not match its ledger after movement/);
    expect(await booksSnapshot(t.pool)).toEqual(before);
  });

  it('a transfer appended later to a committed movement, balance trigger off, is refused at commit', async () => {
    const old = await withTx(t.pool, async (db) => {
      const m = await movement(db, 'interest', 200);
      await transfer(db, m, acc.interest!, acc.u2!, 200, 'interest', u2);
      return m;
    });
    const before = await booksSnapshot(t.pool);
    const off = await refused(async (db) => {
      await db.query(`ALTER TABLE fund_transfers DISABLE TRIGGER fund_transfers_apply`);
      await transfer(db, old, acc.interest!, acc.u2!, 200, 'interest', u2);
    });
    expect(off.message).toMatch(/not its total|does not match its ledger/);
    // and with the trigger on, the balances would follow, but the movement would be over-written
    const on = await refused((db) => transfer(db, old, acc.interest!, acc.u2!, 200, 'interest', u2));
    expect(on.message).toMatch(/transfers sum to 400 fen, not its total 200 fen/);
    expect(await booksSnapshot(t.pool)).toEqual(before);
  });

  it('an account opened with money in it and no ledger behind it is refused at commit', async () => {
    const b = await createBuilding(t.pool, { estateId });
    const u3 = await createUnit(t.pool, { estateId, buildingId: b, number: '301' });
    const err = await refused((db) => db.query(
      `INSERT INTO fund_accounts (estate_id, kind, unit_id, building_id, credits_fen) VALUES ($1, 'unit', $2, $3, 1000)`, [estateId, u3, b]));
    expect(err.message).toMatch(/does not match its ledger/);
  });

  it('a movement that pays a unit of another estate is refused at commit (each estate sums to zero)', async () => {
    const before = await booksSnapshot(t.pool);
    const err = await refused(async (db) => transfer(db, await movement(db, 'interest', 100), acc.interest!, acc.foreign!, 100, 'interest', foreignUnit));
    expect(err.message).toMatch(/leaves estate/);
    expect(await booksSnapshot(t.pool)).toEqual(before);
  });
});

describe('positive controls: honest writes commit', () => {
  it('an honest movement over many units is checked once (per movement), not once per account row', async () => {
    const calls = await withTx(t.pool, async (db) => {
      await db.query(`SET LOCAL track_functions = 'all'`);
      await postMovement(db, { estateId, kind: 'interest', bookedOn: '2026-03-02', actor: SYSTEM_ACTOR, lines: [{ unitId: u1, amountFen: 11 }, { unitId: u2, amountFen: 13 }] });
      await db.query(`SET CONSTRAINTS ALL IMMEDIATE`); // run the deferred checks now, to count them
      const r = await db.query(
        `SELECT p.proname, coalesce(pg_stat_get_xact_function_calls(p.oid), 0)::int AS n FROM pg_proc p
          WHERE p.proname IN ('fund_check_movement_accounts', 'fund_check_account_row', 'fund_check_late_transfer') ORDER BY p.proname`);
      return Object.fromEntries(r.rows.map((x) => [x.proname, x.n]));
    });
    expect(calls).toEqual({ fund_check_account_row: 0, fund_check_late_transfer: 0, fund_check_movement_accounts: 1 });
  });

  it('the same SQL written honestly (movement + transfers, balances by the trigger) commits and the books match', async () => {
    await withTx(t.pool, async (db) => transfer(db, await movement(db, 'interest', 700), acc.interest!, acc.u1!, 700, 'interest', u1));
    // a hand-written UPDATE that changes nothing but is consistent is accepted too
    await withTx(t.pool, (db) => db.query(`UPDATE fund_accounts SET credits_fen = credits_fen WHERE id = $1`, [acc.u1]));
    expect(await ledgerMismatches(t.pool)).toEqual([]);
    const sums = await t.pool.query(`SELECT estate_id, sum(credits_fen - debits_fen)::bigint AS s FROM fund_accounts GROUP BY estate_id`);
    for (const r of sums.rows) expect(Number(r.s)).toBe(0);
  });
});
