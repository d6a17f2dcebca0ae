import type { CasesQuery } from '@gongzhi/contracts';
import ExcelJS from 'exceljs';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { listSheet } from '../../platform/xlsx.ts';
import { localDateTime } from '../meetings/index.ts';
import { allQueueCases } from './case-list.ts';

// The queue as an Excel workbook (GET /cases.xlsx): the queue's filters and order, times in
// Asia/Shanghai. Capped so one click cannot pull a whole city's history into memory.

export const CASE_XLSX_MAX_ROWS = 20_000;

const COLUMNS: { header: string; key: string; width: number }[] = [
  { header: '案件编号', key: 'no', width: 20 },
  { header: '小区', key: 'estateName', width: 16 },
  { header: '类别', key: 'categoryLabel', width: 14 },
  { header: '紧急程度', key: 'priorityLabel', width: 10 },
  { header: '标题', key: 'title', width: 30 },
  { header: '位置', key: 'locationLabel', width: 18 },
  { header: '状态', key: 'stateLabel', width: 12 },
  { header: '层级', key: 'levelLabel', width: 14 },
  { header: '办理单位', key: 'handlerName', width: 20 },
  { header: '经办人', key: 'assigneeName', width: 12 },
  { header: '响应时限', key: 'respondDueAt', width: 18 },
  { header: '办结时限', key: 'resolveDueAt', width: 18 },
  { header: '逾期', key: 'overdue', width: 8 },
  { header: '重办次数', key: 'reopenCount', width: 10 },
  { header: '评分', key: 'rating', width: 8 },
  { header: '登记时间', key: 'createdAt', width: 18 },
];

const t = (iso: string | null) => (iso ? localDateTime(new Date(iso)) : '');

export async function exportCases(db: Db, opts: { ctx: RequestContext; query: CasesQuery }): Promise<Buffer> {
  const items = await allQueueCases(db, { ctx: opts.ctx, query: opts.query, limit: CASE_XLSX_MAX_ROWS });
  const wb = new ExcelJS.Workbook();
  const ws = listSheet(wb, '案件', COLUMNS);
  for (const c of items) {
    ws.addRow({
      ...c, assigneeName: c.assigneeName ?? '', respondDueAt: t(c.respondDueAt), resolveDueAt: t(c.resolveDueAt),
      overdue: c.overdue ? '是' : '', rating: c.rating ?? '', createdAt: t(c.createdAt),
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
