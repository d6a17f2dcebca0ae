import { formatBp, NOTICE_KIND_LABELS, type NoticeKind } from '@gongzhi/domain';
import ExcelJS from 'exceljs';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { localDate } from '../meetings/index.ts';
import { noticeCoverage } from './notice-coverage.ts';

// The read coverage of a notice as a workbook: one row per building, then the total (and the
// committee when it is part of the audience). Percentages are text from basis points (no floats).

export async function exportCoverage(db: Db, o: { ctx: RequestContext; id: number }): Promise<{ buffer: Buffer; filename: string }> {
  const c = await noticeCoverage(db, o);
  const n = c.notice;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('阅读情况');
  ws.addRow([`${n.estate_name} ${NOTICE_KIND_LABELS[n.kind as NoticeKind]}阅读情况：${n.title}`]).font = { bold: true, size: 14 };
  ws.addRow([`发布单位：${n.publisher_name}　　发布时间：${n.published_at ? localDate(new Date(n.published_at)) : '未发布'}　　导出：${localDate(new Date())}`]);
  ws.addRow([]);
  ws.addRow(['楼栋', '应读人数', '已读人数', '未读人数', '阅读率']).font = { bold: true };
  [14, 12, 12, 12, 12].forEach((wd, i) => { ws.getColumn(i + 1).width = wd; });
  for (const b of c.buildings) ws.addRow([b.name, b.recipients, b.read, b.recipients - b.read, formatBp(b.readPctBp)]);
  if (c.committee) ws.addRow(['业主委员会', c.committee.recipients, c.committee.read, c.committee.recipients - c.committee.read, '']);
  ws.addRow(['合计（每人计一次）', c.recipients, c.read, c.recipients - c.read, formatBp(c.readPctBp)]).font = { bold: true };
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, filename: `${n.estate_name}-公告阅读情况-${n.id}.xlsx` };
}
