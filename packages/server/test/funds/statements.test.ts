import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { allJobHandlers } from '../../src/app.ts';
import { HALF_YEAR_JOB, halfBefore, nextBoundary, publishHalfYear } from '../../src/modules/funds/statement-jobs.ts';
import { enqueueJob, JobRunner } from '../../src/platform/jobs/index.ts';
import { withTx } from '../../src/platform/db.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, booksOf, ledgerWorld, type LedgerWorld } from './ledger-fixture.ts';

// Statements (part F2): per building and estate, published as a snapshot, one per period; the
// half-yearly durable job; what owners see.

let t: TestApp;
let w: LedgerWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await ledgerWorld(t);
  const d = api(t, w.a.district);
  const ok = async (p: Promise<{ statusCode: number; body: string }>) => { const r = await p; if (r.statusCode !== 200) throw new Error(r.body); };
  await ok(d.post(`/estates/${w.a.estateId}/fund/deposits`, { kind: 'deposit', bookedOn: '2025-01-10', buildingIds: w.a.buildingIds, rateFenPerSqm: 10_000 }));
  await ok(d.post(`/estates/${w.a.estateId}/fund/interest`, { totalFen: 2_305, bookedOn: '2025-06-30' }));
  await ok(d.post(`/estates/${w.a.estateId}/fund/deposits`, { kind: 'replenishment', bookedOn: '2025-07-01', lines: [{ unitId: w.a.unitIds[2], amountFen: 7_000 }] }));
  await ok(d.post(`/fund/units/${w.a.unitIds[0]}/refunds`, { amountFen: 1_000, payee: '业主', reason: '退还', bookedOn: '2025-08-15' }));
});

describe('fund statements', () => {
  it('committee chair: a period’s preview is opening + movements by kind = closing, per building and for the estate', async () => {
    const res = await api(t, w.a.committee).get(`/estates/${w.a.estateId}/fund/statement-preview?periodStart=2025-07-01&periodEnd=2025-12-31`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    // 100.00 + 50.50 + 80.00 m² at 100 元/m² = 23,050.00 元, plus 23.05 元 interest in H1
    expect(s.estate).toMatchObject({
      openingFen: 2_305_000 + 2_305, depositsFen: 0, replenishmentsFen: 7_000, interestFen: 0, refundsFen: 1_000,
      closingFen: 2_305_000 + 2_305 + 7_000 - 1_000, unitCount: 3, initialFen: 2_305_000, belowLine: false,
    });
    expect(s.movementCount).toBe(2);
    const [b1, b2] = s.buildings;
    expect(b1).toMatchObject({ name: '1栋', unitCount: 2, refundsFen: 1_000, replenishmentsFen: 0 });
    expect(b2).toMatchObject({ name: '2栋', unitCount: 1, replenishmentsFen: 7_000, openingFen: 800_000 + 800 });
    expect(b1.closingFen + b2.closingFen).toBe(s.estate.closingFen);
    const bal = await t.pool.query(`SELECT sum(credits_fen - debits_fen)::bigint AS b FROM fund_accounts WHERE estate_id = $1 AND kind = 'unit'`, [w.a.estateId]);
    expect(Number(bal.rows[0].b)).toBe(s.estate.closingFen);
  });

  it('district officer: publishes the first half-year; owners of the estate get a message; publishing it again is a 409 that changes nothing', async () => {
    const res = await api(t, w.a.district).post(`/estates/${w.a.estateId}/fund/statements`, { periodStart: '2025-01-01', periodEnd: '2025-06-30' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().body.estate).toMatchObject({ openingFen: 0, depositsFen: 2_305_000, interestFen: 2_305, closingFen: 2_307_305 });
    const msg = await t.pool.query(`SELECT subject FROM notifications WHERE account_id = $1`, [w.a.owner.accountId]);
    expect(msg.rows.map((r) => r.subject)).toEqual([expect.stringContaining('维修资金对账单（2025-01-01 至 2025-06-30）已公布')]);
    const before = await booksOf(t, w.a.estateId);
    const again = await api(t, w.a.district).post(`/estates/${w.a.estateId}/fund/statements`, { periodStart: '2025-01-01', periodEnd: '2025-06-30' });
    expect(again.statusCode).toBe(409);
    expect(await booksOf(t, w.a.estateId)).toEqual(before);
  });

  it('district officer: a period that has not ended, or ends before it starts, is refused naming the field', async () => {
    const future = await api(t, w.a.district).post(`/estates/${w.a.estateId}/fund/statements`, { periodStart: '2025-01-01', periodEnd: '2099-12-31' });
    expect(future.statusCode).toBe(400);
    expect(future.json().details.issues[0].field).toBe('body.periodEnd');
    const reversed = await api(t, w.a.district).post(`/estates/${w.a.estateId}/fund/statements`, { periodStart: '2025-06-01', periodEnd: '2025-05-01' });
    expect(reversed.statusCode).toBe(400);
  });

  it('committee chair: a published statement stays as published when a late booking with an earlier date arrives', async () => {
    const list = await api(t, w.a.committee).get(`/estates/${w.a.estateId}/fund/statements`);
    const id = list.json().items[0].id;
    const late = await api(t, w.a.district).post(`/estates/${w.a.estateId}/fund/deposits`, { kind: 'replenishment', bookedOn: '2025-05-05', lines: [{ unitId: w.a.unitIds[0], amountFen: 99 }] });
    expect(late.statusCode).toBe(200);
    const s = await api(t, w.a.committee).get(`/fund/statements/${id}`);
    expect(s.json().body.estate.closingFen).toBe(2_307_305);
    const preview = await api(t, w.a.committee).get(`/estates/${w.a.estateId}/fund/statement-preview?periodStart=2025-01-01&periodEnd=2025-06-30`);
    expect(preview.json().estate.closingFen).toBe(2_307_305 + 99);
  });

  it('committee chair: the statement workbook lists each building and the estate total in yuan', async () => {
    const id = (await api(t, w.a.committee).get(`/estates/${w.a.estateId}/fund/statements`)).json().items[0].id;
    const res = await api(t, w.a.committee).get(`/fund/statements/${id}.xlsx`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows.find((r) => r[0] === '全小区合计')).toEqual(expect.arrayContaining([3, 0, 23050, 23.05, 23073.05]));
  });

  it("owner: sees the published statements of their own estate only; another estate's statement is 404 to officials there", async () => {
    const b = await api(t, w.admin).post(`/estates/${w.b.estateId}/fund/deposits`, { kind: 'deposit', bookedOn: '2025-01-10', buildingIds: w.b.buildingIds, rateFenPerSqm: 100 });
    expect(b.statusCode).toBe(200);
    const pub = await api(t, w.admin).post(`/estates/${w.b.estateId}/fund/statements`, { periodStart: '2025-01-01', periodEnd: '2025-06-30' });
    expect(pub.statusCode).toBe(200);
    const mine = await api(t, w.a.owner).get('/my/fund/statements');
    expect(mine.json().items.map((s: { estateId: number }) => s.estateId)).toEqual([w.a.estateId]);
    const theirs = await api(t, w.b.owner).get('/my/fund/statements');
    expect(theirs.json().items.map((s: { estateId: number }) => s.estateId)).toEqual([w.b.estateId]);
    expect((await api(t, w.a.committee).get(`/fund/statements/${pub.json().id}`)).statusCode).toBe(404);
    // the owner reads their estate's statement in full, and not the other estate's
    const own = await api(t, w.a.owner).get(`/my/fund/statements/${mine.json().items[0].id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().body.buildings.map((x: { name: string }) => x.name)).toEqual(['1栋', '2栋']);
    expect((await api(t, w.a.owner).get(`/my/fund/statements/${pub.json().id}`)).statusCode).toBe(404);
    expect((await api(t, w.a.committee).get(`/fund/statements/${pub.json().id}.xlsx`)).statusCode).toBe(404);
  });

  it('job: the half-yearly job publishes the half just ended for every estate with books, once, and schedules the next', async () => {
    expect(nextBoundary(new Date('2025-12-31T16:30:00Z'))).toBe('2026-07-01'); // 00:30 on 1 Jan in Shanghai
    expect(nextBoundary(new Date('2025-12-31T15:30:00Z'))).toBe('2026-01-01');
    expect(halfBefore('2026-01-01')).toEqual({ periodStart: '2025-07-01', periodEnd: '2025-12-31' });
    // the first booking scheduled the job for the next boundary; the one of 1 January 2026 is due
    expect((await t.pool.query(`SELECT dedupe_key FROM jobs WHERE kind = $1`, [HALF_YEAR_JOB])).rows.map((r) => r.dedupe_key))
      .toEqual([`${HALF_YEAR_JOB}:${nextBoundary(new Date())}`]);
    await withTx(t.pool, (db) => enqueueJob(db, { kind: HALF_YEAR_JOB, payload: { boundary: '2026-01-01' }, runAt: new Date(Date.now() - 1000), dedupeKey: `${HALF_YEAR_JOB}:2026-01-01` }));
    const runner = new JobRunner({ pool: t.pool, handlers: allJobHandlers(), instanceId: 'test', logger: { info() {}, warn() {}, error() {} } });
    expect(await runner.runDueOnce()).toBeTruthy();
    const s = await t.pool.query(`SELECT estate_id, period_start::text AS ps FROM fund_statements WHERE period_end = '2025-12-31' ORDER BY estate_id`);
    expect(s.rows.map((r) => [Number(r.estate_id), r.ps])).toEqual([[w.a.estateId, '2025-07-01'], [w.b.estateId, '2025-07-01']]);
    const next = await t.pool.query(`SELECT dedupe_key, run_at FROM jobs WHERE kind = $1 AND dedupe_key = $2`, [HALF_YEAR_JOB, `${HALF_YEAR_JOB}:2026-07-01`]);
    expect(new Date(next.rows[0].run_at).toISOString()).toBe('2026-06-30T16:00:00.000Z');
    // a second run of the same half publishes nothing twice
    const n = await withTx(t.pool, (db) => publishHalfYear(db, '2026-01-01'));
    expect(n).toBe(0);
  });
});
