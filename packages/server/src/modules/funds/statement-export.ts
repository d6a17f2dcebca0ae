import type { FundStatementBody } from '@gongzhi/contracts';
import ExcelJS from 'exceljs';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { getStatement } from './statement-publish.ts';
import { yuan, YUAN_FORMAT } from '../../platform/xlsx.ts';

// A published statement as a workbook: one row per building, then the estate's total, in yuan.

const COLUMNS: { header: string; key: keyof FundStatementBody['estate'] | 'name'; width: number; money?: boolean }[] = [
  { header: '楼栋', key: 'name', width: 14 },
  { header: '户数', key: 'unitCount', width: 8 },
  { header: '期初余额', key: 'openingFen', width: 16, money: true },
  { header: '首期交存', key: 'depositsFen', width: 14, money: true },
  { header: '续筹', key: 'replenishmentsFen', width: 14, money: true },
  { header: '利息分配', key: 'interestFen', width: 14, money: true },
  { header: '使用支出', key: 'withdrawalsFen', width: 14, money: true },
  { header: '结算退回', key: 'reversalsFen', width: 14, money: true },
  { header: '退还业主', key: 'refundsFen', width: 14, money: true },
  { header: '期末余额', key: 'closingFen', width: 16, money: true },
  { header: '首期交存累计', key: 'initialFen', width: 16, money: true },
  { header: '低于30%', key: 'belowLine', width: 10 },
];

export async function exportStatement(opts: { db: Db; ctx: RequestContext; statementId: number }): Promise<{ buffer: Buffer; filename: string }> {
  const s = await getStatement(opts);
  const b = s.body;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('维修资金对账单');
  ws.addRow([`${b.estateName} 住宅专项维修资金对账单`]).font = { bold: true, size: 14 };
  ws.addRow([`对账期：${b.periodStart} 至 ${b.periodEnd}　　公布：${s.publishedAt.slice(0, 10)}　　单位：元`]);
  ws.addRow([]);
  ws.addRow(COLUMNS.map((c) => c.header)).font = { bold: true };
  COLUMNS.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
    if (c.money) ws.getColumn(i + 1).numFmt = YUAN_FORMAT;
  });
  const cells = (name: string, f: FundStatementBody['estate']) =>
    COLUMNS.map((c) => (c.key === 'name' ? name : c.key === 'belowLine' ? (f.belowLine ? '是' : '') : c.money ? yuan(f[c.key] as number) : f[c.key]));
  for (const bl of b.buildings) ws.addRow(cells(bl.name, bl));
  ws.addRow(cells('全小区合计', b.estate)).font = { bold: true };
  return {
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    filename: `${b.estateName}-维修资金对账单-${b.periodStart}至${b.periodEnd}.xlsx`,
  };
}
