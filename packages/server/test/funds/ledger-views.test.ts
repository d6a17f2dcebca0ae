import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, ledgerWorld, type LedgerWorld } from './ledger-fixture.ts';

// Reading the books (part F2): the estate overview with the 30% line, units, a unit's ledger with
// its running balance, the movements list and its Excel export, and what an owner may see.

let t: TestApp;
let w: LedgerWorld;
const INITIAL_2 = 266_640; // 2栋-101: 80.00 m² × 33.33 元

beforeAll(async () => {
  t = await createTestApp();
  w = await ledgerWorld(t);
  const d = api(t, w.a.district);
  const ok = async (p: Promise<{ statusCode: number; body: string }>) => { const r = await p; if (r.statusCode !== 200) throw new Error(r.body); };
  await ok(d.post(`/estates/${w.a.estateId}/fund/deposits`, { kind: 'deposit', bookedOn: '2025-01-10', buildingIds: w.a.buildingIds, rateFenPerSqm: 3333 }));
  await ok(d.post(`/estates/${w.a.estateId}/fund/interest`, { totalFen: 5_000, bookedOn: '2025-06-21' }));
  await ok(api(t, w.admin).post(`/estates/${w.b.estateId}/fund/deposits`, { kind: 'deposit', bookedOn: '2025-01-10', buildingIds: w.b.buildingIds, rateFenPerSqm: 4000 }));
});

const building2 = async (who = w.a.committee) => {
  const res = await api(t, who).get(`/estates/${w.a.estateId}/fund`);
  expect(res.statusCode, res.body).toBe(200);
  return { body: res.json(), b2: res.json().buildings.find((b: { buildingId: number }) => b.buildingId === w.a.buildingIds[1]) };
};

describe('fund views', () => {
  it('committee chair: the overview shows each building with its balance, initial deposits and the totals', async () => {
    const { body } = await building2();
    expect(body.estateName).toBe('翠竹苑');
    expect(body.buildings.map((b: { name: string }) => b.name)).toEqual(['1栋', '2栋']);
    expect(body.totals.initialFen).toBe(333_300 + 168_317 + INITIAL_2);
    expect(body.totals.balanceFen).toBe(body.totals.initialFen + 5_000);
    expect(body.cityRules).toEqual({ emergencyList: 'national', reviewWorkingDays: 5 });
  });

  it('committee chair: a building at exactly 30% of its initial deposits is not flagged; 1 fen below it is', async () => {
    const unit = w.a.unitIds[2]!;
    const bal = Number((await t.pool.query(`SELECT credits_fen - debits_fen AS b FROM fund_accounts WHERE unit_id = $1`, [unit])).rows[0].b);
    const thirty = (INITIAL_2 * 3) / 10; // 79,992 fen exactly
    const r1 = await api(t, w.a.district).post(`/fund/units/${unit}/refunds`, { amountFen: bal - thirty, payee: '业主', reason: '退还' });
    expect(r1.statusCode, r1.body).toBe(200);
    let { b2 } = await building2();
    expect(b2).toMatchObject({ balanceFen: thirty, initialFen: INITIAL_2, belowLine: false, ratioPct: 30 });
    const r2 = await api(t, w.a.district).post(`/fund/units/${unit}/refunds`, { amountFen: 1, payee: '业主', reason: '退还' });
    expect(r2.statusCode).toBe(200);
    ({ b2 } = await building2());
    expect(b2).toMatchObject({ balanceFen: thirty - 1, belowLine: true, ratioPct: 29.9 });
    const units = await api(t, w.a.committee).get(`/estates/${w.a.estateId}/fund/units?belowLine=1`);
    expect(units.json().items.map((u: { unit: string }) => u.unit)).toEqual(['2栋-101']);
  });

  it('committee chair: units are listed in building / number order, searchable by "楼栋-房号"', async () => {
    const all = await api(t, w.a.committee).get(`/estates/${w.a.estateId}/fund/units`);
    expect(all.json()).toMatchObject({ total: 3, items: [{ unit: '1栋-101', areaCenti: 10_000 }, { unit: '1栋-102' }, { unit: '2栋-101' }] });
    const q = await api(t, w.a.committee).get(`/estates/${w.a.estateId}/fund/units?q=${encodeURIComponent('1栋-102')}`);
    expect(q.json().items.map((u: { unitId: number }) => u.unitId)).toEqual([w.a.unitIds[1]]);
  });

  it("committee chair: cannot see another estate's fund, nor its units' ledgers (404)", async () => {
    const other = await api(t, w.a.committee).get(`/estates/${w.b.estateId}/fund`);
    expect(other.statusCode).toBe(404);
    const ledger = await api(t, w.a.committee).get(`/fund/units/${w.b.unitIds[0]}/movements`);
    expect(ledger.statusCode).toBe(404);
  });

  it("committee chair: a unit's ledger runs newest first with the balance after each line", async () => {
    const res = await api(t, w.a.committee).get(`/fund/units/${w.a.unitIds[2]}/movements`);
    expect(res.statusCode, res.body).toBe(200);
    const l = res.json();
    expect(l.unit).toMatchObject({ unit: '2栋-101', estateName: '翠竹苑' });
    expect(l.items.map((x: { kind: string }) => x.kind)).toEqual(['refund', 'refund', 'interest', 'deposit']);
    expect(l.items[0].balanceAfterFen).toBe(l.balanceFen);
    expect(l.items[3]).toMatchObject({ amountFen: INITIAL_2, balanceAfterFen: INITIAL_2, kindLabel: '首期交存' });
    for (let i = 0; i < l.items.length - 1; i++) expect(l.items[i].balanceAfterFen - l.items[i].amountFen).toBe(l.items[i + 1].balanceAfterFen);
    expect(l.items[1].amountFen).toBeLessThan(0);
  });

  it('committee chair: movements filter by kind, dates and building (the building’s part only), with in/out sums', async () => {
    const all = await api(t, w.a.committee).get(`/estates/${w.a.estateId}/fund/movements`);
    expect(all.json()).toMatchObject({ total: 4, inFen: 768_257 + 5_000 });
    const dep = await api(t, w.a.committee).get(`/estates/${w.a.estateId}/fund/movements?kind=deposit`);
    expect(dep.json().items).toEqual([expect.objectContaining({ kind: 'deposit', amountFen: 768_257, unitCount: 3 })]);
    const b2 = await api(t, w.a.committee).get(`/estates/${w.a.estateId}/fund/movements?kind=deposit&buildingId=${w.a.buildingIds[1]}`);
    expect(b2.json().items).toEqual([expect.objectContaining({ amountFen: INITIAL_2, unitCount: 1 })]);
    const june = await api(t, w.a.committee).get(`/estates/${w.a.estateId}/fund/movements?from=2025-06-01&to=2025-06-30`);
    expect(june.json().items.map((m: { kind: string }) => m.kind)).toEqual(['interest']);
    const bad = await api(t, w.a.committee).get(`/estates/${w.a.estateId}/fund/movements?from=2025-07-01&to=2025-06-30`);
    expect(bad.statusCode).toBe(400);
    const outs = await api(t, w.a.committee).get(`/estates/${w.a.estateId}/fund/movements?kind=refund`);
    expect(outs.json().items.every((m: { amountFen: number }) => m.amountFen < 0)).toBe(true);
  });

  it('committee chair: the Excel export holds the same rows as the filtered list, in yuan', async () => {
    const res = await api(t, w.a.committee).get(`/estates/${w.a.estateId}/fund/movements.xlsx?kind=deposit`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(1).getCell(1).value).toBe('记账日期');
    expect(ws.getRow(2).values).toEqual(expect.arrayContaining(['2025-01-10', '首期交存', 7682.57]));
  });

  it('owner: sees only the units they are bound to, never another estate’s', async () => {
    const mine = await api(t, w.a.owner).get('/my/fund');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().units).toEqual([expect.objectContaining({ unitId: w.a.unitIds[0], unit: '1栋-101', estateName: '翠竹苑', belowLine: false })]);
    expect(mine.body).not.toContain('外小区');
    const ledger = await api(t, w.a.owner).get(`/my/fund/units/${w.a.unitIds[0]}/movements`);
    expect(ledger.statusCode).toBe(200);
    expect(ledger.json().items).toHaveLength(2);
    // a unit of the same estate that is not theirs, and a unit of another estate: not found
    expect((await api(t, w.a.owner).get(`/my/fund/units/${w.a.unitIds[1]}/movements`)).statusCode).toBe(404);
    expect((await api(t, w.a.owner).get(`/my/fund/units/${w.b.unitIds[0]}/movements`)).statusCode).toBe(404);
    // and no official routes
    expect((await api(t, w.a.owner).get(`/estates/${w.a.estateId}/fund`)).statusCode).toBe(403);
    const theirs = await api(t, w.b.owner).get('/my/fund');
    expect(theirs.json().units.map((u: { unitId: number }) => u.unitId)).toEqual([w.b.unitIds[0]]);
  });
});
