import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, entry, revenueState, revenueWorld, type Side } from './revenue-fixture.ts';

// The common-revenue ledger (公共收益, 民法典 第282条): booking, reversal, the list and its totals,
// the Excel export, and the append-only books.

let t: TestApp;
let a: Side;
let b: Side;

beforeAll(async () => {
  t = await createTestApp();
  ({ a, b } = await revenueWorld(t));
});

describe('revenue ledger', () => {
  it('property manager: books an income; the entry is managed by the company and audited', async () => {
    const res = await api(t, a.manager).post(`/estates/${a.estateId}/revenue/entries`, entry({ counterparty: '广告公司甲', category: 'advertising', amountFen: 30_001 }));
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json();
    expect(e).toMatchObject({ direction: 'income', directionLabel: '收入', category: 'advertising', categoryLabel: '广告', amountFen: 30_001,
      signedAmountFen: 30_001, managedBy: 'company', managedByLabel: '物业服务企业', reversible: true, statementId: null });
    const audit = await t.pool.query(`SELECT action, estate_id FROM audit_events WHERE target_type = 'revenue_entry' AND target_id = $1`, [String(e.id)]);
    expect(audit.rows.map((r) => [r.action, Number(r.estate_id)])).toEqual([['revenue.entry.create', a.estateId]]);
  });

  it('committee chair: books an expense managed by the committee by default', async () => {
    const res = await api(t, a.committee).post(`/estates/${a.estateId}/revenue/entries`,
      entry({ direction: 'expense', category: 'maintenance', counterparty: '维修队', amountFen: 5_000 }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ managedBy: 'committee', signedAmountFen: -5_000, categoryLabel: '共用部位维修养护' });
  });

  it('property manager: a category of the other direction, a reversed period, a future date are refused naming the field, nothing booked', async () => {
    const before = await revenueState(t, a.estateId);
    const cases: [Record<string, unknown>, string][] = [
      [{ direction: 'expense', category: 'parking' }, 'body.category'],
      [{ periodStart: '2026-02-01', periodEnd: '2026-01-31' }, 'body.periodEnd'],
      [{ bookedOn: '2099-01-01' }, 'body.bookedOn'],
      [{ amountFen: 0 }, 'body.amountFen'],
      [{ amountFen: 12.5 }, 'body.amountFen'],
      [{ counterparty: '  ' }, 'body.counterparty'],
    ];
    for (const [over, field] of cases) {
      const res = await api(t, a.manager).post(`/estates/${a.estateId}/revenue/entries`, entry(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.json().details.issues.map((i: { field: string }) => i.field)).toContain(field);
    }
    expect(await revenueState(t, a.estateId)).toEqual(before);
  });

  it('property manager of estate A: cannot book into estate B (404), nothing booked there', async () => {
    const before = await revenueState(t, b.estateId);
    const res = await api(t, a.manager).post(`/estates/${b.estateId}/revenue/entries`, entry());
    expect(res.statusCode).toBe(404);
    expect(await revenueState(t, b.estateId)).toEqual(before);
  });

  it('street officer: reads the ledger but cannot book (403)', async () => {
    expect((await api(t, a.officer).get(`/estates/${a.estateId}/revenue/entries`)).statusCode).toBe(200);
    expect((await api(t, a.officer).post(`/estates/${a.estateId}/revenue/entries`, entry())).statusCode).toBe(403);
  });

  it('property manager: a reversal cancels the entry in the totals; neither may be reversed again', async () => {
    const e = (await api(t, a.manager).post(`/estates/${a.estateId}/revenue/entries`, entry({ counterparty: '错记停车', amountFen: 7_777, bookedOn: '2026-03-10' }))).json();
    const before = (await api(t, a.manager).get(`/estates/${a.estateId}/revenue/entries`)).json().totals;
    const rev = await api(t, a.manager).post(`/revenue/entries/${e.id}/reverse`, { reason: '金额记错', bookedOn: '2026-03-11' });
    expect(rev.statusCode, rev.body).toBe(200);
    expect(rev.json()).toMatchObject({ reversesId: e.id, signedAmountFen: -7_777, amountFen: 7_777, bookedOn: '2026-03-11', reversible: false, category: 'parking' });
    expect(rev.json().memo).toContain('金额记错');
    const after = (await api(t, a.manager).get(`/estates/${a.estateId}/revenue/entries`)).json();
    expect(after.totals.incomeFen).toBe(before.incomeFen - 7_777);
    const original = after.items.find((x: { id: number }) => x.id === e.id);
    expect(original).toMatchObject({ reversedById: rev.json().id, reversible: false });
    expect((await api(t, a.manager).post(`/revenue/entries/${e.id}/reverse`, { reason: '再次' })).statusCode).toBe(409);
    expect((await api(t, a.manager).post(`/revenue/entries/${rev.json().id}/reverse`, { reason: '冲正的冲正' })).statusCode).toBe(409);
    const audit = await t.pool.query(`SELECT action FROM audit_events WHERE target_type = 'revenue_entry' AND target_id = $1`, [String(rev.json().id)]);
    expect(audit.rows.map((r) => r.action)).toEqual(['revenue.entry.reverse']);
  });

  it('property manager: a reversal dated before the original is refused naming body.bookedOn', async () => {
    const e = (await api(t, a.manager).post(`/estates/${a.estateId}/revenue/entries`, entry({ bookedOn: '2026-03-20' }))).json();
    const res = await api(t, a.manager).post(`/revenue/entries/${e.id}/reverse`, { reason: 'x', bookedOn: '2026-03-19' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.bookedOn');
  });

  it('property manager of estate A: cannot reverse an entry of estate B (404)', async () => {
    const e = (await api(t, b.manager).post(`/estates/${b.estateId}/revenue/entries`, entry())).json();
    expect((await api(t, a.manager).post(`/revenue/entries/${e.id}/reverse`, { reason: 'x' })).statusCode).toBe(404);
  });

  it('committee chair: filters by direction, category, dates and text; totals cover the filter, not the page', async () => {
    const own = api(t, a.committee);
    for (const d of ['2025-06-01', '2025-06-02', '2025-06-03']) {
      await own.post(`/estates/${a.estateId}/revenue/entries`, entry({ bookedOn: d, periodStart: '2025-05-01', periodEnd: '2025-05-31', counterparty: '场地租用方乙', category: 'venue', amountFen: 1_000 }));
    }
    const res = await own.get(`/estates/${a.estateId}/revenue/entries?category=venue&from=2025-06-01&to=2025-06-30&q=${encodeURIComponent('租用方乙')}&pageSize=2`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(2);
    expect(page.items[0].bookedOn).toBe('2025-06-03');
    expect(page.totals).toMatchObject({ incomeFen: 3_000, expenseFen: 0, netFen: 3_000 });
    expect(page.totals.byCategory).toHaveLength(9);
    expect(page.totals.byCategory.find((c: { category: string }) => c.category === 'venue')).toMatchObject({ label: '场地租赁', amountFen: 3_000 });
    const ex = await own.get(`/estates/${a.estateId}/revenue/entries?direction=expense`);
    expect(ex.json().items.every((x: { direction: string }) => x.direction === 'expense')).toBe(true);
  });

  it('committee chair: the ledger as Excel holds every row of the filter in yuan', async () => {
    const res = await api(t, a.committee).get(`/estates/${a.estateId}/revenue/entries.xlsx?category=venue`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.getWorksheet('公共收益明细')!;
    expect(ws.getRow(1).getCell(3).value).toBe('类别');
    const rows = ws.getSheetValues().slice(2).filter(Boolean) as unknown[][];
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r[3] === '场地租赁' && r[6] === 10)).toBe(true);
  });

  it('owner: cannot read the officials\' ledger (403)', async () => {
    expect((await api(t, a.owner).get(`/estates/${a.estateId}/revenue/entries`)).statusCode).toBe(403);
  });

  it('the database: revenue entries refuse UPDATE and DELETE even bypassing the code', async () => {
    const id = (await t.pool.query(`SELECT id FROM revenue_entries WHERE estate_id = $1 LIMIT 1`, [a.estateId])).rows[0].id;
    await expect(t.pool.query(`UPDATE revenue_entries SET amount_fen = 1 WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(t.pool.query(`DELETE FROM revenue_entries WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
  });
});
