import type { FundApplicationListQuery } from '@gongzhi/contracts';
import ExcelJS from 'exceljs';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { listSheet } from '../../platform/xlsx.ts';
import { localDateTime } from '../meetings/index.ts';
import { allApplications } from './application-list.ts';

// The applications list as an Excel workbook (the same filters as the list page). Money is
// written in yuan with two decimals from integer fen, so Excel sums what the screen shows.

const COLUMNS: { header: string; key: string; width: number; numFmt?: string }[] = [
  { header: '编号', key: 'id', width: 8 },
  { header: '小区', key: 'estateName', width: 16 },
  { header: '申请事项', key: 'title', width: 30 },
  { header: '申请人', key: 'applicantName', width: 18 },
  { header: '维修类别', key: 'categoryLabel', width: 16 },
  { header: '程序', key: 'pathLabel', width: 8 },
  { header: '列支范围', key: 'scopeLabel', width: 24 },
  { header: '预算（元）', key: 'budget', width: 14, numFmt: '#,##0.00' },
  { header: '实际费用（元）', key: 'actual', width: 14, numFmt: '#,##0.00' },
  { header: '状态', key: 'stateLabel', width: 14 },
  { header: '审核期限', key: 'reviewDueOn', width: 12 },
  { header: '审核超期', key: 'overdue', width: 8 },
  { header: '提交时间', key: 'submittedAt', width: 20 },
];

const local = (isoTime: string | null) => (isoTime ? localDateTime(Date.parse(isoTime)) : '');

export async function exportApplications(opts: { db: Db; ctx: RequestContext; query: Omit<FundApplicationListQuery, 'page' | 'pageSize'> }): Promise<Buffer> {
  const rows = await allApplications(opts.db, opts.ctx, opts.query);
  const wb = new ExcelJS.Workbook();
  const ws = listSheet(wb, '维修资金使用申请', COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} })));
  for (const a of rows) {
    ws.addRow({
      ...a,
      pathLabel: a.path === 'emergency' ? '应急' : '一般',
      budget: a.budgetFen / 100,
      actual: a.actualCostFen == null ? null : a.actualCostFen / 100,
      reviewDueOn: a.reviewDueOn ?? '',
      overdue: a.reviewOverdue ? '是' : '',
      submittedAt: local(a.submittedAt),
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
