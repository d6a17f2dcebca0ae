import { beforeAll, describe, expect, it } from 'vitest';
import { ensureFundAccounts, postMovement } from '../../src/modules/funds/ledger-writer.ts';
import { SYSTEM_ACTOR } from '../../src/modules/meetings/index.ts';
import { withTx } from '../../src/platform/db.ts';
import { createBuilding, createEstate, createRegionTree, createUnit } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// The books themselves (0014_funds.sql + ledger-writer.ts): double entry, no overdraft, one
// withdrawal per stage, balanced movements, append-only rows. Written straight to PostgreSQL.

let t: TestApp;
let estateId: number;
let u1: number;
let u2: number;

const balances = async () => {
  const r = await t.pool.query(
    `SELECT unit_id, kind, credits_fen - debits_fen AS bal, initial_fen FROM fund_accounts WHERE estate_id = $1 ORDER BY id`,
    [estateId],
  );
  return r.rows.map((x) => ({ unit: x.unit_id == null ? null : Number(x.unit_id), kind: x.kind, bal: Number(x.bal), initial: Number(x.initial_fen) }));
};
const unitBal = async (u: number) => (await balances()).find((b) => b.unit === u)!.bal;

beforeAll(async () => {
  t = await createTestApp();
  const tree = await createRegionTree(t.pool);
  estateId = await createEstate(t.pool, { communityId: tree.communityId });
  const b = await createBuilding(t.pool, { estateId });
  u1 = await createUnit(t.pool, { estateId, buildingId: b, number: '101' });
  u2 = await createUnit(t.pool, { estateId, buildingId: b, number: '102' });
  await withTx(t.pool, (db) => ensureFundAccounts(db, estateId));
});

describe('fund ledger', () => {
  it('ledger: a deposit credits the units, sets their initial deposit and keeps the books at zero', async () => {
    await withTx(t.pool, (db) => postMovement(db, {
      estateId, kind: 'deposit', bookedOn: '2026-01-05', actor: SYSTEM_ACTOR,
      lines: [{ unitId: u1, amountFen: 895_000 }, { unitId: u2, amountFen: 500_000 }],
    }));
    const b = await balances();
    expect(b.find((x) => x.unit === u1)).toMatchObject({ bal: 895_000, initial: 895_000 });
    expect(b.find((x) => x.kind === 'deposits')!.bal).toBe(-1_395_000);
    expect(b.reduce((s, x) => s + x.bal, 0)).toBe(0);
  });

  it('ledger: a withdrawal that would overdraw a unit is refused with its shortfall and changes nothing', async () => {
    const before = await balances();
    const err = await withTx(t.pool, (db) => postMovement(db, {
      estateId, kind: 'refund', bookedOn: '2026-02-01', actor: SYSTEM_ACTOR,
      lines: [{ unitId: u1, amountFen: 1 }, { unitId: u2, amountFen: 500_001 }],
    })).catch((e) => e);
    expect(err.code).toBe('FUND_INSUFFICIENT_BALANCE');
    expect(err.details).toMatchObject({ shortfallFen: 1, units: [{ unitId: u2, balanceFen: 500_000, neededFen: 500_001, shortfallFen: 1 }] });
    expect(await balances()).toEqual(before);
  });

  it('database: the balance CHECK stops an overdraft even when the writer is bypassed', async () => {
    const acc = await t.pool.query(`SELECT id FROM fund_accounts WHERE unit_id = $1`, [u2]);
    const payouts = await t.pool.query(`SELECT id FROM fund_accounts WHERE estate_id = $1 AND kind = 'payouts'`, [estateId]);
    const err = await withTx(t.pool, async (db) => {
      const m = await db.query(`INSERT INTO fund_movements (estate_id, kind, total_fen, booked_on) VALUES ($1, 'refund', 500001, '2026-02-01') RETURNING id`, [estateId]);
      await db.query(
        `INSERT INTO fund_transfers (movement_id, estate_id, debit_account_id, credit_account_id, amount_fen, kind, unit_id, booked_on)
         VALUES ($1, $2, $3, $4, 500001, 'refund', $5, '2026-02-01')`,
        [m.rows[0].id, estateId, acc.rows[0].id, payouts.rows[0].id, u2],
      );
    }).catch((e) => e);
    expect(err.constraint).toBe('fund_unit_balance_not_negative');
    expect(await unitBal(u2)).toBe(500_000);
  });

  it('database: a movement whose transfers do not add up to its total cannot commit', async () => {
    const err = await withTx(t.pool, (db) =>
      db.query(`INSERT INTO fund_movements (estate_id, kind, total_fen, booked_on) VALUES ($1, 'interest', 100, '2026-02-01')`, [estateId]),
    ).catch((e) => e);
    expect(String(err.message)).toMatch(/transfers sum to 0 fen, not its total 100 fen/);
  });

  it('database: transfers are append-only', async () => {
    const err = await t.pool.query(`UPDATE fund_transfers SET amount_fen = 1`).catch((e) => e);
    expect(String(err.message)).toMatch(/append-only/);
    const del = await t.pool.query(`DELETE FROM fund_movements`).catch((e) => e);
    expect(String(del.message)).toMatch(/append-only/);
  });

  it('every movement writes its audit event in the same transaction', async () => {
    const n = await t.pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'fund.movement.deposit' AND estate_id = $1`, [estateId]);
    expect(n.rows[0].n).toBe(1);
  });
});
