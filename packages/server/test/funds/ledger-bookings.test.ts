import { beforeAll, describe, expect, it } from 'vitest';
import { postMovement } from '../../src/modules/funds/ledger-writer.ts';
import { SYSTEM_ACTOR } from '../../src/modules/meetings/index.ts';
import { withTx } from '../../src/platform/db.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, booksOf, ledgerWorld, type LedgerWorld } from './ledger-fixture.ts';

// Booking money through the API (part F2): deposits by lines or by rate per m², interest by
// balance, refunds; refusals change nothing; who may book.

let t: TestApp;
let w: LedgerWorld;
const unitBal = async (unitId: number) =>
  Number((await t.pool.query(`SELECT credits_fen - debits_fen AS b FROM fund_accounts WHERE unit_id = $1`, [unitId])).rows[0]?.b ?? 0);

beforeAll(async () => {
  t = await createTestApp();
  w = await ledgerWorld(t);
});

describe('fund bookings', () => {
  it('district officer: books initial deposits at a rate per m², each unit rounded half up to the fen', async () => {
    const res = await api(t, w.a.district).post(`/estates/${w.a.estateId}/fund/deposits`, {
      kind: 'deposit', bookedOn: '2025-01-10', memo: '首期交存', buildingIds: w.a.buildingIds, rateFenPerSqm: 3333,
    });
    expect(res.statusCode, res.body).toBe(200);
    // 100.00 m² × 33.33 = 3333.00; 50.50 × 33.33 = 1683.165 → 1683.17 (half up); 80.00 × 33.33 = 2666.40
    expect(res.json()).toMatchObject({ totalFen: 333_300 + 168_317 + 266_640, lineCount: 3 });
    expect(await unitBal(w.a.unitIds[0]!)).toBe(333_300);
    expect(await unitBal(w.a.unitIds[1]!)).toBe(168_317);
    expect(await unitBal(w.a.unitIds[2]!)).toBe(266_640);
    const init = await t.pool.query(`SELECT sum(initial_fen)::bigint AS s FROM fund_accounts WHERE estate_id = $1`, [w.a.estateId]);
    expect(Number(init.rows[0].s)).toBe(768_257);
    const audit = await t.pool.query(`SELECT summary FROM audit_events WHERE action = 'fund.movement.deposit' AND estate_id = $1`, [w.a.estateId]);
    expect(audit.rows[0].summary).toMatchObject({ rateFenPerSqm: 3333, totalFen: 768_257 });
  });

  it('district officer: a replenishment by lines credits exactly those units and leaves the initial deposits alone', async () => {
    const res = await api(t, w.a.district).post(`/estates/${w.a.estateId}/fund/deposits`, {
      kind: 'replenishment', bookedOn: '2025-03-01', lines: [{ unitId: w.a.unitIds[1], amountFen: 1_000 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await unitBal(w.a.unitIds[1]!)).toBe(169_317);
    const init = await t.pool.query(`SELECT initial_fen FROM fund_accounts WHERE unit_id = $1`, [w.a.unitIds[1]]);
    expect(Number(init.rows[0].initial_fen)).toBe(168_317);
  });

  it("district officer: a line for another estate's unit is refused naming the line, and nothing is booked", async () => {
    const before = await booksOf(t, w.a.estateId);
    const res = await api(t, w.a.district).post(`/estates/${w.a.estateId}/fund/deposits`, {
      kind: 'deposit', lines: [{ unitId: w.a.unitIds[0], amountFen: 100 }, { unitId: w.b.unitIds[0], amountFen: 100 }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.lines.1.unitId');
    expect(await booksOf(t, w.a.estateId)).toEqual(before);
  });

  it('district officer: bad amounts, foreign buildings and future value dates are refused with the field named', async () => {
    const zero = await api(t, w.a.district).post(`/estates/${w.a.estateId}/fund/deposits`, { kind: 'deposit', lines: [{ unitId: w.a.unitIds[0], amountFen: 0 }] });
    expect(zero.statusCode).toBe(400);
    const frac = await api(t, w.a.district).post(`/estates/${w.a.estateId}/fund/interest`, { totalFen: 10.5 });
    expect(frac.statusCode).toBe(400);
    expect(frac.body).toContain('totalFen');
    const foreignBuilding = await api(t, w.a.district).post(`/estates/${w.a.estateId}/fund/deposits`, {
      kind: 'deposit', buildingIds: [w.b.buildingIds[0]], rateFenPerSqm: 100,
    });
    expect(foreignBuilding.statusCode).toBe(400);
    expect(foreignBuilding.json().details.issues[0].field).toBe('body.buildingIds.0');
    const future = await api(t, w.a.district).post(`/fund/units/${w.a.unitIds[0]}/refunds`, { amountFen: 1, payee: 'x', reason: 'y', bookedOn: '2099-01-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json().details.issues[0].field).toBe('body.bookedOn');
  });

  it('district officer: interest is allocated by balance, summing exactly, each share within a fen of its proportion', async () => {
    const bal = await Promise.all(w.a.unitIds.map(unitBal));
    const res = await api(t, w.a.district).post(`/estates/${w.a.estateId}/fund/interest`, { totalFen: 10_001, bookedOn: '2025-06-21', memo: '2025年上半年利息' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ totalFen: 10_001, lineCount: 3 });
    const after = await Promise.all(w.a.unitIds.map(unitBal));
    const got = after.map((x, i) => x - bal[i]!);
    expect(got.reduce((s, x) => s + x, 0)).toBe(10_001);
    const sum = bal.reduce((s, x) => s + x, 0);
    got.forEach((g, i) => expect(Math.abs(g - (10_001 * bal[i]!) / sum)).toBeLessThan(1));
  });

  it('district officer: a refund that would overdraw the unit is refused with the shortfall, and nothing changes', async () => {
    const unit = w.a.unitIds[2]!;
    const bal = await unitBal(unit);
    const before = await booksOf(t, w.a.estateId);
    const res = await api(t, w.a.district).post(`/fund/units/${unit}/refunds`, { amountFen: bal + 1, payee: '业主甲', reason: '房屋拆除' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'FUND_INSUFFICIENT_BALANCE', details: { shortfallFen: 1, units: [{ unitId: unit, balanceFen: bal, shortfallFen: 1 }] } });
    expect(await booksOf(t, w.a.estateId)).toEqual(before);
  });

  it('ledger: a withdrawal over two units, one of them short, is refused as a whole with that unit and its shortfall', async () => {
    const [u1, u2] = w.a.unitIds as [number, number];
    const before = await booksOf(t, w.a.estateId);
    const b2 = await unitBal(u2);
    const err = await withTx(t.pool, (db) => postMovement(db, {
      estateId: w.a.estateId, kind: 'withdrawal', bookedOn: '2025-07-01', actor: SYSTEM_ACTOR, applicationId: 1, stageNo: 1,
      lines: [{ unitId: u1, amountFen: 100 }, { unitId: u2, amountFen: b2 + 250 }],
    })).catch((e) => e);
    expect(err.code).toBe('FUND_INSUFFICIENT_BALANCE');
    expect(err.details).toEqual({ shortfallFen: 250, units: [expect.objectContaining({ unitId: u2, neededFen: b2 + 250, shortfallFen: 250 })] });
    expect(await booksOf(t, w.a.estateId)).toEqual(before);
  });

  it('district officer: a refund within the balance is booked with payee and reason, and audited', async () => {
    const unit = w.a.unitIds[0]!;
    const bal = await unitBal(unit);
    const res = await api(t, w.a.district).post(`/fund/units/${unit}/refunds`, { amountFen: 300, payee: '业主甲', reason: '重复交存退还', bookedOn: '2025-07-02' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await unitBal(unit)).toBe(bal - 300);
    const a = await t.pool.query(`SELECT summary FROM audit_events WHERE action = 'fund.movement.refund' AND target_id = $1`, [String(res.json().movementId)]);
    expect(a.rows[0].summary).toMatchObject({ payee: '业主甲', memo: '重复交存退还', totalFen: 300 });
  });

  it('committee chair: may read the fund but not book money (403)', async () => {
    const read = await api(t, w.a.committee).get(`/estates/${w.a.estateId}/fund`);
    expect(read.statusCode).toBe(200);
    const book = await api(t, w.a.committee).post(`/estates/${w.a.estateId}/fund/deposits`, { kind: 'deposit', lines: [{ unitId: w.a.unitIds[0], amountFen: 1 }] });
    expect(book.statusCode).toBe(403);
  });

  it("district officer: cannot book into another district's estate (404), nor refund its units", async () => {
    const before = await booksOf(t, w.b.estateId);
    const dep = await api(t, w.a.district).post(`/estates/${w.b.estateId}/fund/deposits`, { kind: 'deposit', lines: [{ unitId: w.b.unitIds[0], amountFen: 1 }] });
    expect(dep.statusCode).toBe(404);
    const ref = await api(t, w.a.district).post(`/fund/units/${w.b.unitIds[0]}/refunds`, { amountFen: 1, payee: 'x', reason: 'y' });
    expect(ref.statusCode).toBe(404);
    expect(await booksOf(t, w.b.estateId)).toEqual(before);
  });

  it('admin: books for any estate of the city; the first booking schedules the half-yearly statement job once', async () => {
    const res = await api(t, w.admin).post(`/estates/${w.b.estateId}/fund/deposits`, { kind: 'deposit', bookedOn: '2025-02-01', buildingIds: w.b.buildingIds, rateFenPerSqm: 5000 });
    expect(res.statusCode, res.body).toBe(200);
    const jobs = await t.pool.query(`SELECT dedupe_key FROM jobs WHERE kind = 'fund.statement.half_year'`);
    expect(jobs.rows).toHaveLength(1);
  });
});
