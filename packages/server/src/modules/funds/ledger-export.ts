import type { fundMovementQuery } from '@gongzhi/contracts';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { listSheet, yuan, YUAN_FORMAT } from '../../platform/xlsx.ts';
import { movementRows } from './ledger-movements.ts';

// The movements of a filter as a workbook (exceljs, as the roster export): the same rows as the
// list, every page, amounts in yuan with two decimals, signed as the owners' accounts see them.

export async function exportMovements(opts: {
  db: Db; ctx: RequestContext; estateId: number; query: z.infer<typeof fundMovementQuery>;
}): Promise<{ buffer: Buffer; estateName: string }> {
  const { db, ctx, estateId, query } = opts;
  ctx.assertEstate(estateId, '小区');
  const e = await db.query('SELECT name FROM estates WHERE id = $1', [estateId]);
  if (!e.rows.length) throw notFound('小区');
  const rows = await movementRows(db, estateId, query);
  const wb = new ExcelJS.Workbook();
  const ws = listSheet(wb, '维修资金明细', [
    { header: '记账日期', key: 'bookedOn', width: 12 },
    { header: '业务类型', key: 'kind', width: 10 },
    { header: '金额（元，+入 −出）', key: 'amount', width: 18, style: { numFmt: YUAN_FORMAT } },
    { header: '户数', key: 'units', width: 8 },
    { header: '摘要', key: 'memo', width: 36 },
    { header: '收款人', key: 'payee', width: 20 },
    { header: '使用申请', key: 'application', width: 28 },
    { header: '阶段', key: 'stage', width: 6 },
    { header: '流水号', key: 'id', width: 10 },
  ]);
  for (const m of rows) {
    ws.addRow({
      bookedOn: m.bookedOn, kind: m.kindLabel, amount: yuan(m.amountFen), units: m.unitCount, memo: m.memo, payee: m.payee,
      application: m.applicationId ? `#${m.applicationId} ${m.applicationTitle ?? ''}` : '', stage: m.stageNo ?? '', id: m.movementId,
    });
  }
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), estateName: e.rows[0].name };
}
