import type { FilingStatusQuery } from '@gongzhi/contracts';
import ExcelJS from 'exceljs';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { listSheet } from '../../platform/xlsx.ts';
import { localDateTime } from '../meetings/index.ts';
import { filingStatusTable } from './filing-status.ts';

// The officers' filing status as an Excel workbook (the same filters as the page).

const COLUMNS = [
  { header: '小区', key: 'estateName', width: 20 },
  { header: '街道', key: 'streetName', width: 16 },
  { header: '公示主体', key: 'partyLabel', width: 14 },
  { header: '期间', key: 'periodLabel', width: 16 },
  { header: '截止日期', key: 'dueOn', width: 12 },
  { header: '报送情况', key: 'statusLabel', width: 12 },
  { header: '最新版本', key: 'version', width: 10 },
  { header: '版本状态', key: 'stateLabel', width: 10 },
  { header: '报送时间', key: 'filedAt', width: 18 },
  { header: '逾期标记', key: 'flagged', width: 10 },
];

const local = (iso: string | null | undefined) => (iso ? localDateTime(Date.parse(iso)) : '');

export async function exportFilingStatus(db: Db, o: { ctx: RequestContext; query: FilingStatusQuery }): Promise<Buffer> {
  const view = await filingStatusTable(db, o);
  const wb = new ExcelJS.Workbook();
  const ws = listSheet(wb, '公示备案报送情况', COLUMNS);
  for (const r of view.rows) {
    ws.addRow({
      ...r, version: r.latest ? `第${r.latest.version}版` : '', stateLabel: r.latest?.stateLabel ?? '', filedAt: local(r.latest?.filedAt),
      flagged: r.flagged ? '已标记逾期' : '',
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
