import type { revenueEntryQuery } from '@gongzhi/contracts';
import { formatAreaCenti, REVENUE_DIRECTION_LABELS } from '@gongzhi/domain';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { listSheet, yuan, YUAN_FORMAT } from '../../platform/xlsx.ts';
import { entryRows } from './revenue-entries.ts';
import { statementTitle } from './revenue-pdf.ts';
import { getRevenueStatement } from './revenue-statement-read.ts';
import { statementShares } from './revenue-shares.ts';

// Common revenue as Excel workbooks (exceljs, as the fund's exports): the ledger of a filter, and
// a published statement (summary and categories, its entries, every unit's share).

export async function exportEntries(opts: {
  db: Db; ctx: RequestContext; estateId: number; query: z.infer<typeof revenueEntryQuery>;
}): Promise<{ buffer: Buffer; estateName: string }> {
  const { db, ctx, estateId, query } = opts;
  ctx.assertEstate(estateId, '小区');
  const e = await db.query('SELECT name FROM estates WHERE id = $1', [estateId]);
  if (!e.rows.length) throw notFound('小区');
  const rows = await entryRows(db, estateId, query);
  const wb = new ExcelJS.Workbook();
  const ws = listSheet(wb, '公共收益明细', [
    { header: '记账日期', key: 'bookedOn', width: 12 },
    { header: '收支', key: 'direction', width: 6 },
    { header: '类别', key: 'category', width: 18 },
    { header: '交易对方', key: 'counterparty', width: 24 },
    { header: '所属期间', key: 'period', width: 24 },
    { header: '金额（元）', key: 'amount', width: 14, style: { numFmt: YUAN_FORMAT } },
    { header: '计入净收益（元，+收 −支）', key: 'signed', width: 20, style: { numFmt: YUAN_FORMAT } },
    { header: '管理方', key: 'managedBy', width: 14 },
    { header: '摘要', key: 'memo', width: 36 },
    { header: '冲正', key: 'reversal', width: 14 },
    { header: '编号', key: 'id', width: 8 },
  ]);
  for (const r of rows) {
    ws.addRow({
      bookedOn: r.bookedOn, direction: r.directionLabel, category: r.categoryLabel, counterparty: r.counterparty,
      period: `${r.periodStart} 至 ${r.periodEnd}`, amount: yuan(r.amountFen), signed: yuan(r.signedAmountFen), managedBy: r.managedByLabel,
      memo: r.memo, reversal: r.reversesId ? `冲正 #${r.reversesId}` : r.reversedById ? `已被 #${r.reversedById} 冲正` : '', id: r.id,
    });
  }
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), estateName: e.rows[0].name };
}

export async function exportRevenueStatement(opts: { db: Db; ctx: RequestContext; statementId: number }): Promise<{ buffer: Buffer; filename: string }> {
  const s = await getRevenueStatement(opts);
  const shares = (await statementShares(opts.db, s.id))!;
  const wb = new ExcelJS.Workbook();
  const sum = wb.addWorksheet('汇总');
  sum.columns = [{ header: statementTitle(s), key: 'a', width: 22 }, { header: '', key: 'b', width: 40 }];
  sum.getRow(1).font = { bold: true };
  const line = (a: string, b: string | number, money = false) => {
    const r = sum.addRow({ a, b });
    if (money) r.getCell('b').numFmt = YUAN_FORMAT;
  };
  line('期间', `${s.periodStart} 至 ${s.periodEnd}`);
  line('发布', s.publisherName);
  line('期初余额（元）', yuan(s.openingFen), true);
  line('本期收入（元）', yuan(s.incomeFen), true);
  line('本期支出（元）', yuan(s.expenseFen), true);
  line('本期净收益（元）', yuan(s.netFen), true);
  line('期末余额（元）', yuan(s.closingFen), true);
  line('户数', s.unitCount);
  line('总面积（㎡）', formatAreaCenti(s.totalAreaCenti));
  line('每平方米（元）', s.perSquareMetre);
  if (s.note) line('说明', s.note);
  sum.addRow({});
  for (const c of s.byCategory) line(`${REVENUE_DIRECTION_LABELS[c.direction]}·${c.label}（元）`, yuan(c.amountFen), true);

  const en = listSheet(wb, '收支记录', [
    { header: '记账日期', key: 'bookedOn', width: 12 }, { header: '类别', key: 'category', width: 18 },
    { header: '交易对方', key: 'counterparty', width: 24 }, { header: '所属期间', key: 'period', width: 24 },
    { header: '计入净收益（元）', key: 'signed', width: 16, style: { numFmt: YUAN_FORMAT } }, { header: '摘要', key: 'memo', width: 36 },
    { header: '编号', key: 'id', width: 8 },
  ]);
  for (const e of s.entries) {
    en.addRow({ bookedOn: e.bookedOn, category: e.categoryLabel, counterparty: e.counterparty, period: `${e.periodStart} 至 ${e.periodEnd}`,
      signed: yuan(e.signedAmountFen), memo: e.memo, id: e.id });
  }

  const sh = listSheet(wb, '各户分摊', [
    { header: '楼栋', key: 'building', width: 12 }, { header: '房号', key: 'number', width: 10 },
    { header: '专有面积（㎡）', key: 'area', width: 14, style: { numFmt: '0.00' } }, { header: '分摊额（元）', key: 'share', width: 14, style: { numFmt: YUAN_FORMAT } },
  ]);
  for (const r of shares.rows) sh.addRow({ building: r.buildingName, number: r.number, area: r.areaCenti / 100, share: yuan(r.shareFen) });
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), filename: `${statementTitle(s)}.xlsx` };
}
