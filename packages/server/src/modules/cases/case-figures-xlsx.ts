import { CASE_FIGURE_GROUP_LABELS, type CaseFigureRow, type CaseFiguresQuery } from '@gongzhi/contracts';
import { CASE_CATEGORIES, CASE_CATEGORY_LABELS } from '@gongzhi/domain';
import ExcelJS from 'exceljs';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { listSheet } from '../../platform/xlsx.ts';
import { caseFigures } from './case-figures.ts';

// GET /cases/figures.xlsx — the figures page as a workbook: one row per group and a totals row.
// Rates are numbers formatted as percentages (‰ / 1000), the average rating to two places, so a
// spreadsheet can sort and chart them; the values are the page's integers, not recomputed.

const GROUP_HEADER = { estate: '小区', company: '物业服务企业', street: '街道', department: '职能部门' } as const;

export async function exportCaseFigures(db: Db, o: { ctx: RequestContext; query: CaseFiguresQuery }): Promise<Buffer> {
  const f = await caseFigures(db, o);
  const wb = new ExcelJS.Workbook();
  const ws = listSheet(wb, `案件统计（${CASE_FIGURE_GROUP_LABELS[f.groupBy]}）`, [
    { header: GROUP_HEADER[f.groupBy], key: 'name', width: 24 },
    { header: '案件数', key: 'total', width: 10 },
    ...CASE_CATEGORIES.map((c) => ({ header: CASE_CATEGORY_LABELS[c], key: `cat_${c}`, width: 12 })),
    { header: '已办结', key: 'resolved', width: 10 },
    { header: '按时办结', key: 'resolvedInTime', width: 10 },
    { header: '按时办结率', key: 'inTime', width: 12, style: { numFmt: '0.0%' } },
    { header: '重新办理', key: 'reopened', width: 10 },
    { header: '返工率', key: 'reopen', width: 10, style: { numFmt: '0.0%' } },
    { header: '评价数', key: 'rated', width: 10 },
    { header: '平均评分', key: 'rating', width: 10, style: { numFmt: '0.00' } },
  ]);
  const add = (r: CaseFigureRow) => ws.addRow({
    name: r.name, total: r.total, ...Object.fromEntries(CASE_CATEGORIES.map((c) => [`cat_${c}`, r.byCategory[c] ?? 0])),
    resolved: r.resolved, resolvedInTime: r.resolvedInTime, inTime: r.inTimePermille / 1000,
    reopened: r.reopened, reopen: r.reopenPermille / 1000, rated: r.rated, rating: r.rated ? r.avgRatingCenti / 100 : null,
  });
  for (const r of f.rows) add(r);
  add(f.totals).font = { bold: true };
  if (f.from || f.to) ws.addRow({ name: `统计区间：${f.from ?? '不限'} 至 ${f.to ?? '不限'}` });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
