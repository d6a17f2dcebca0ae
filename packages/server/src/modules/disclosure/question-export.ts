import type { QuestionsQuery } from '@gongzhi/contracts';
import ExcelJS from 'exceljs';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { listSheet } from '../../platform/xlsx.ts';
import { localDateTime } from '../meetings/index.ts';
import { allQuestions } from './question-read.ts';

// The questions queue as an Excel workbook (the list's filters), times in Asia/Shanghai.

const COLUMNS: { header: string; key: string; width: number }[] = [
  { header: '编号', key: 'id', width: 8 },
  { header: '小区', key: 'estateName', width: 16 },
  { header: '质询对象', key: 'subjectTypeLabel', width: 14 },
  { header: '对象标题', key: 'subjectTitle', width: 30 },
  { header: '提问人', key: 'askerLabel', width: 12 },
  { header: '质询内容', key: 'body', width: 40 },
  { header: '答复方', key: 'responsibleLabel', width: 14 },
  { header: '提出时间', key: 'askedAt', width: 18 },
  { header: '答复期限', key: 'dueAt', width: 18 },
  { header: '状态', key: 'stateLabel', width: 14 },
  { header: '逾期', key: 'overdue', width: 8 },
  { header: '答复', key: 'answer', width: 40 },
  { header: '答复单位', key: 'answeredByLabel', width: 20 },
  { header: '答复时间', key: 'answeredAt', width: 18 },
  { header: '督办意见', key: 'supervisionNote', width: 30 },
];

const t = (iso: string | null) => (iso ? localDateTime(new Date(iso)) : '');

export async function exportQuestions(opts: { db: Db; ctx: RequestContext; query: Partial<QuestionsQuery> }): Promise<Buffer> {
  const rows = await allQuestions(opts.db, opts.ctx, opts.query);
  const wb = new ExcelJS.Workbook();
  const ws = listSheet(wb, '业主质询', COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width })));
  for (const q of rows) {
    ws.addRow({
      ...q, askedAt: t(q.askedAt), dueAt: t(q.dueAt), answeredAt: t(q.answeredAt),
      overdue: q.overdue || q.answeredLate ? '是' : '', answer: q.answer ?? '', answeredByLabel: q.answeredByLabel ?? '',
      supervisionNote: q.supervisionNote ?? '',
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
