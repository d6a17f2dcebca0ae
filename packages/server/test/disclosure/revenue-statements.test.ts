import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../support/multipart.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, entry, revenueState, revenueWorld, type Side, type Signed } from './revenue-fixture.ts';

// Common-revenue statements (公共收益收支情况): the balance check to the fen, publication (frozen
// figures, every unit's share by area, the announcement to owners), the chain of openings, closed
// periods, overlaps, what owners see, and the database guards.

let t: TestApp;
let a: Side;
let b: Side;
const ids: Record<string, number> = {};

const book = async (over: Record<string, unknown>) => {
  const res = await api(t, a.manager).post(`/estates/${a.estateId}/revenue/entries`, entry(over));
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const publish = (body: Record<string, unknown>, who = a.manager) => api(t, who).post(`/estates/${a.estateId}/revenue/statements`, body);

beforeAll(async () => {
  t = await createTestApp();
  ({ a, b } = await revenueWorld(t));
  // 2026 Q1: income 100,000 + 50,000, expense 10,001 → net 139,999
  ids.parking = (await book({ bookedOn: '2026-01-10', amountFen: 100_000 })).id;
  await book({ bookedOn: '2026-02-15', category: 'advertising', counterparty: '电梯广告公司', amountFen: 50_000 });
  await book({ bookedOn: '2026-03-20', direction: 'expense', category: 'tax', counterparty: '税务局', amountFen: 10_001 });
});

describe('revenue statements', () => {
  it('committee chair: the preview of 2026-Q1 shows opening 0, the totals and the closing to declare', async () => {
    const res = await api(t, a.committee).get(`/estates/${a.estateId}/revenue/preview?periodKind=quarter&periodKey=2026-Q1`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      periodLabel: '2026年第一季度', periodStart: '2026-01-01', periodEnd: '2026-03-31', openingFen: 0, previousStatementId: null,
      incomeFen: 150_000, expenseFen: 10_001, netFen: 139_999, closingFen: 139_999, entryCount: 3, unitCount: 3, totalAreaCenti: 23_050,
      overlaps: [], unstatedEarlierCount: 0, periodEnded: true, blockedReason: null,
    });
  });

  it('property manager: a key that is not a quarter is refused naming the field', async () => {
    const res = await api(t, a.manager).get(`/estates/${a.estateId}/revenue/preview?periodKind=quarter&periodKey=2026-13`);
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('query.periodKey');
  });

  it('property manager: a declared closing one fen above or below the books is refused with the difference; nothing changes', async () => {
    const before = await revenueState(t, a.estateId);
    for (const [declared, diff] of [[140_000, 1], [139_998, -1]] as const) {
      const res = await publish({ periodKind: 'quarter', periodKey: '2026-Q1', declaredClosingFen: declared });
      expect(res.statusCode).toBe(422);
      const body = res.json();
      expect(body.code).toBe('REVENUE_UNBALANCED');
      expect(body.message).toContain('申报期末余额与账面计算不符，差额 ¥0.01');
      expect(body.details).toEqual({ field: 'body.declaredClosingFen', differenceFen: diff, computedClosingFen: 139_999 });
    }
    const big = await publish({ periodKind: 'quarter', periodKey: '2026-Q1', declaredClosingFen: 151_233 });
    expect(big.json().message).toContain('差额 ¥112.34');
    expect(await revenueState(t, a.estateId)).toEqual(before);
  });

  it('street officer: cannot publish a statement (403)', async () => {
    expect((await publish({ periodKind: 'quarter', periodKey: '2026-Q1', declaredClosingFen: 139_999 }, a.officer)).statusCode).toBe(403);
  });

  it('property manager: publishes 2026-Q1 — frozen figures, a share for every unit summing to the net, announced to the owners', async () => {
    const res = await publish({ periodKind: 'quarter', periodKey: '2026-Q1', declaredClosingFen: 139_999, note: '停车收入已入公共收益账户' });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    ids.q1 = s.id;
    expect(s).toMatchObject({
      estateName: '翠竹苑', periodKey: '2026-Q1', openingFen: 0, incomeFen: 150_000, expenseFen: 10_001, netFen: 139_999, closingFen: 139_999,
      unitCount: 3, totalAreaCenti: 23_050, publisherName: '翠竹苑物业服务有限公司', note: '停车收入已入公共收益账户', perSquareMetre: '6.0737',
    });
    expect(s.entries).toHaveLength(3);
    expect(s.entries[2]).toMatchObject({ category: 'tax', categoryLabel: '税费', signedAmountFen: -10_001 });
    const shares = await t.pool.query(`SELECT unit_id, area_centi, share_fen FROM revenue_statement_shares WHERE statement_id = $1`, [s.id]);
    expect(shares.rows).toHaveLength(3);
    expect(shares.rows.reduce((x, r) => x + Number(r.share_fen), 0)).toBe(139_999);
    for (const r of shares.rows) {
      // |share·ΣA − net·area| < ΣA: within one fen of the exact proportion
      expect(Math.abs(Number(r.share_fen) * 23_050 - 139_999 * Number(r.area_centi))).toBeLessThan(23_050);
    }
    const n = await t.pool.query(`SELECT kind, audience, state, title, body, source_type, source_id, publisher_kind FROM notices WHERE id = $1`, [s.noticeId]);
    expect(n.rows[0]).toMatchObject({ kind: 'announcement', audience: 'owners', state: 'published', source_type: 'revenue_statement',
      publisher_kind: 'company', title: '翠竹苑2026年第一季度公共收益收支情况公告' });
    expect(Number(n.rows[0].source_id)).toBe(s.id);
    expect(n.rows[0].body).toContain('期末余额 ¥1,399.99');
    const rec = await t.pool.query(`SELECT account_id FROM notice_recipients WHERE notice_id = $1`, [s.noticeId]);
    expect(rec.rows.map((r) => Number(r.account_id))).toEqual([a.owner.accountId]);
    const audit = await t.pool.query(`SELECT action FROM audit_events WHERE target_type = 'revenue_statement' AND target_id = $1`, [String(s.id)]);
    expect(audit.rows.map((r) => r.action)).toEqual(['revenue.statement.publish']);
  });

  it('property manager: the entries of 2026-Q1 now say so; booking into the stated quarter is refused naming body.bookedOn, nothing booked', async () => {
    const list = (await api(t, a.manager).get(`/estates/${a.estateId}/revenue/entries?to=2026-03-31`)).json();
    expect(list.items.every((x: { statementId: number }) => x.statementId === ids.q1)).toBe(true);
    const before = await revenueState(t, a.estateId);
    const res = await api(t, a.manager).post(`/estates/${a.estateId}/revenue/entries`, entry({ bookedOn: '2026-03-31' }));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'REVENUE_PERIOD_CLOSED', details: { field: 'body.bookedOn', statementId: ids.q1, periodKey: '2026-Q1' } });
    expect(res.json().message).toContain('2026年第一季度');
    const rev = await api(t, a.manager).post(`/revenue/entries/${ids.parking}/reverse`, { reason: '误记', bookedOn: '2026-03-25' });
    expect(rev.statusCode).toBe(409);
    expect(rev.json().code).toBe('REVENUE_PERIOD_CLOSED');
    expect(await revenueState(t, a.estateId)).toEqual(before);
  });

  it('property manager: a month inside the stated quarter overlaps it (409); the preview names the overlap', async () => {
    const pv = (await api(t, a.manager).get(`/estates/${a.estateId}/revenue/preview?periodKind=month&periodKey=2026-03`)).json();
    expect(pv.overlaps.map((o: { id: number }) => o.id)).toEqual([ids.q1]);
    expect(pv.blockedReason).toContain('重叠');
    const before = await revenueState(t, a.estateId);
    const res = await publish({ periodKind: 'month', periodKey: '2026-03', declaredClosingFen: 0 });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('重叠');
    expect(await revenueState(t, a.estateId)).toEqual(before);
  });

  it('committee chair: 2026-Q2 opens with Q1\'s closing; a stated entry reversed in Q2 and repairs give a negative net shared as negative shares', async () => {
    const rev = await api(t, a.manager).post(`/revenue/entries/${ids.parking}/reverse`, { reason: '停车费退回', bookedOn: '2026-04-02' });
    expect(rev.statusCode, rev.body).toBe(200);
    await book({ bookedOn: '2026-05-01', direction: 'expense', category: 'maintenance', counterparty: '电梯维保', amountFen: 20_000 });
    const pv = (await api(t, a.committee).get(`/estates/${a.estateId}/revenue/preview?periodKind=quarter&periodKey=2026-Q2`)).json();
    expect(pv).toMatchObject({ openingFen: 139_999, previousStatementId: ids.q1, incomeFen: -100_000, expenseFen: 20_000, netFen: -120_000, closingFen: 19_999 });
    const res = await publish({ periodKind: 'quarter', periodKey: '2026-Q2', declaredClosingFen: 19_999 }, a.committee);
    expect(res.statusCode, res.body).toBe(200);
    ids.q2 = res.json().id;
    expect(res.json()).toMatchObject({ openingFen: 139_999, closingFen: 19_999, publisherName: '翠竹苑业主委员会' });
    const shares = await t.pool.query(`SELECT share_fen FROM revenue_statement_shares WHERE statement_id = $1`, [ids.q2]);
    expect(shares.rows.every((r) => Number(r.share_fen) < 0)).toBe(true);
    expect(shares.rows.reduce((x, r) => x + Number(r.share_fen), 0)).toBe(-120_000);
    const n = await t.pool.query(`SELECT publisher_kind FROM notices WHERE source_type = 'revenue_statement' AND source_id = $1`, [ids.q2]);
    expect(n.rows[0].publisher_kind).toBe('committee');
  });

  it('property manager: a period before a stated one, entries left unstated, a period not over are each refused', async () => {
    const before = await revenueState(t, a.estateId);
    const earlier = await publish({ periodKind: 'quarter', periodKey: '2025-Q4', declaredClosingFen: 0 });
    expect(earlier.statusCode).toBe(409);
    expect(earlier.json().message).toContain('更晚期间');
    const future = await publish({ periodKind: 'quarter', periodKey: '2099-Q1', declaredClosingFen: 19_999 });
    expect(future.statusCode).toBe(400);
    expect(future.json().details.issues[0]).toMatchObject({ field: 'body.periodKey' });
    expect(future.json().message).toContain('尚未结束');
    expect(await revenueState(t, a.estateId)).toEqual(before);
    await book({ bookedOn: '2026-07-15', amountFen: 1_000, periodStart: '2026-07-01', periodEnd: '2026-07-31' });
    const gap = await publish({ periodKind: 'month', periodKey: '2026-08', declaredClosingFen: 19_999 });
    expect(gap.statusCode).toBe(409);
    expect(gap.json().message).toContain('未列入任何报表');
  });

  it('street officer: lists the estate\'s statements newest first, reads the unit shares (natural order, sums per building)', async () => {
    const list = (await api(t, a.officer).get(`/estates/${a.estateId}/revenue/statements`)).json();
    expect(list.items.map((s: { id: number }) => s.id)).toEqual([ids.q2, ids.q1]);
    const res = await api(t, a.officer).get(`/revenue/statements/${ids.q1}/shares`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.items.map((x: { unit: string }) => x.unit)).toEqual(['1栋-101', '1栋-102', '10栋-101']);
    expect(page.items.reduce((x: number, r: { shareFen: number }) => x + r.shareFen, 0)).toBe(139_999);
    expect(page.buildings.map((x: { name: string; unitCount: number }) => [x.name, x.unitCount])).toEqual([['1栋', 2], ['10栋', 1]]);
    const one = (await api(t, a.officer).get(`/revenue/statements/${ids.q1}/shares?buildingId=${a.buildingIds[1]}`)).json();
    expect(one).toMatchObject({ total: 1, netFen: 139_999 });
  });

  it('owner of estate A: sees the statements with the share of their own unit only, the detail, the PDF and the Excel', async () => {
    const mine = await api(t, a.owner).get('/my/revenue/statements');
    expect(mine.statusCode, mine.body).toBe(200);
    const items = mine.json().items;
    expect(items.map((s: { id: number }) => s.id)).toEqual([ids.q2, ids.q1]);
    const q1 = items.find((s: { id: number }) => s.id === ids.q1);
    const own = await t.pool.query(`SELECT share_fen FROM revenue_statement_shares WHERE statement_id = $1 AND unit_id = $2`, [ids.q1, a.unitIds[0]]);
    expect(q1.myShares).toEqual([{ unitId: a.unitIds[0], unit: '1栋-101', areaCenti: 10_000, shareFen: Number(own.rows[0].share_fen) }]);
    const detail = await api(t, a.owner).get(`/my/revenue/statements/${ids.q1}`);
    expect(detail.json()).toMatchObject({ id: ids.q1, myShares: [{ unitId: a.unitIds[0] }] });
    expect(detail.json().entries).toHaveLength(3);
    expect((await api(t, a.owner).get(`/revenue/statements/${ids.q1}`)).statusCode).toBe(200);
    const pdf = await api(t, a.owner).get(`/revenue/statements/${ids.q1}.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toContain('NotoSansCJK');
    const xlsx = await api(t, a.owner).get(`/revenue/statements/${ids.q1}.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '收支记录', '各户分摊']);
    const shareCells = (wb.getWorksheet('各户分摊')!.getSheetValues().slice(2).filter(Boolean) as unknown[][]).map((r) => Math.round(Number(r[4]) * 100));
    expect(shareCells.reduce((x, y) => x + y, 0)).toBe(139_999);
  });

  it('owner of estate A: cannot read the shares of every unit (403: officials only)', async () => {
    expect((await api(t, a.owner).get(`/revenue/statements/${ids.q1}/shares`)).statusCode).toBe(403);
  });

  it('owner of another estate: cannot read the statement, its PDF or its Excel (404), and does not see it in their list', async () => {
    for (const url of [`/revenue/statements/${ids.q1}`, `/revenue/statements/${ids.q1}.pdf`, `/revenue/statements/${ids.q1}.xlsx`, `/my/revenue/statements/${ids.q1}`]) {
      const res = await api(t, b.owner).get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('翠竹苑');
    }
    expect((await api(t, b.owner).get('/my/revenue/statements')).json().items).toEqual([]);
    expect((await api(t, b.manager).get(`/revenue/statements/${ids.q1}/shares`)).statusCode).toBe(404);
    expect((await api(t, b.manager).get(`/estates/${a.estateId}/revenue/statements`)).statusCode).toBe(404);
  });

  it('the database: a published statement and its shares refuse UPDATE and DELETE even bypassing the code', async () => {
    await expect(t.pool.query(`UPDATE revenue_statements SET closing_fen = closing_fen + 1, opening_fen = opening_fen + 1 WHERE id = $1`, [ids.q1])).rejects.toThrow(/never changes/);
    await expect(t.pool.query(`UPDATE revenue_statements SET body = '{}' WHERE id = $1`, [ids.q1])).rejects.toThrow(/never changes/);
    await expect(t.pool.query(`UPDATE revenue_statements SET notice_id = NULL WHERE id = $1`, [ids.q1])).rejects.toThrow(/never changes/);
    await expect(t.pool.query(`DELETE FROM revenue_statements WHERE id = $1`, [ids.q1])).rejects.toThrow(/never deleted/);
    await expect(t.pool.query(`UPDATE revenue_statement_shares SET share_fen = 0 WHERE statement_id = $1`, [ids.q1])).rejects.toThrow(/append-only/);
    await expect(t.pool.query(`DELETE FROM revenue_statement_shares WHERE statement_id = $1`, [ids.q1])).rejects.toThrow(/append-only/);
  });

  it('evidence: the book-keepers attach a receipt to an entry of an open period; not to a stated one; nobody else', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
    const upload = (who: Signed, entryId: number, estateId = a.estateId) => {
      const m = multipart({ recordType: 'revenue_entry', recordId: String(entryId), estateId: String(estateId) }, { name: '收据.png', type: 'image/png', data: png });
      return t.app.inject({ method: 'POST', url: '/api/v1/attachments', payload: m.payload, headers: { ...m.headers, cookie: who.cookie } });
    };
    const open = await book({ bookedOn: '2026-10-08', periodStart: '2026-09-01', periodEnd: '2026-09-30' });
    const ok = await upload(a.manager, open.id);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await upload(a.committee, open.id)).statusCode).toBe(200);
    expect((await upload(b.manager, open.id)).statusCode).toBe(404);
    expect((await upload(a.manager, open.id, b.estateId)).statusCode).toBe(404);
    // officers and owners may upload files elsewhere, but do not keep these books
    expect((await upload(a.officer, open.id)).statusCode).toBe(403);
    expect((await upload(a.owner, open.id)).statusCode).toBe(403);
    const stated = await upload(a.manager, ids.parking);
    expect(stated.statusCode).toBe(409);
    expect(stated.json().code).toBe('REVENUE_PERIOD_CLOSED');
    const list = await api(t, a.officer).get(`/attachments?recordType=revenue_entry&recordId=${open.id}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(JSON.stringify(list.json())).toContain('收据.png');
    expect((await t.pool.query(`SELECT count(*)::int AS n FROM attachments WHERE record_type = 'revenue_entry'`)).rows[0].n).toBe(2);
  });

  it('company and committee publishing the same quarter at once: one statement, the other refused as overlapping', async () => {
    const body = { periodKind: 'quarter', periodKey: '2026-Q3', declaredClosingFen: 20_999 };
    const [x, y] = await Promise.all([publish(body, a.manager), publish(body, a.committee)]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    const n = await t.pool.query(`SELECT count(*)::int AS n FROM revenue_statements WHERE estate_id = $1 AND period_key = '2026-Q3'`, [a.estateId]);
    expect(n.rows[0].n).toBe(1);
    const notices = await t.pool.query(`SELECT count(*)::int AS n FROM notices WHERE source_type = 'revenue_statement' AND estate_id = $1`, [a.estateId]);
    expect(notices.rows[0].n).toBe(3);
  });
});
