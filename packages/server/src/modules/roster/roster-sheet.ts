import {
  AREA_SOURCE_LABELS, OWNER_KIND_LABELS, ROSTER_COLUMNS, UNIT_KIND_LABELS, UNIT_STATUS_LABELS,
  type ImportIssue, type RosterColumnKey,
} from '@gongzhi/contracts';
import type { RosterInputRow, RosterVocabulary } from '@gongzhi/domain';
import type { CellValue, SheetRow } from './read-workbook.ts';

// Between the sheet and the domain rules: headers → column keys, cell values → strings.

const invert = <V extends string>(labels: Record<V, string>) =>
  Object.fromEntries(Object.entries(labels).map(([v, label]) => [label, v])) as Record<string, V>;

export const ROSTER_VOCABULARY: RosterVocabulary = {
  kind: invert(UNIT_KIND_LABELS),
  status: invert(UNIT_STATUS_LABELS),
  areaSource: invert(AREA_SOURCE_LABELS),
  ownerKind: invert(OWNER_KIND_LABELS),
};

export const HEADER_OF = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, c.header])) as Record<RosterColumnKey, string>;
const COLUMN_ORDER = new Map<string, number>(ROSTER_COLUMNS.map((c, i) => [c.header, i]));

/** Issues sorted as a person reads the sheet: by row, then left to right. */
export function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  return issues.sort((a, b) => a.row - b.row || (COLUMN_ORDER.get(a.column) ?? 99) - (COLUMN_ORDER.get(b.column) ?? 99));
}

const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** A cell as the text a person sees. Numbers keep their shortest decimal form (257.16, not 257.16000000000003). */
function cellText(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return ymd(v); // Excel dates arrive as UTC midnight
  return String(v);
}

export interface ParsedSheet {
  issues: ImportIssue[];
  rows: RosterInputRow[];
  /** false when the header is unusable: the rows were not read */
  headerOk: boolean;
  /** rows whose ID cell was numeric (already reported here; the domain's "empty" is redundant) */
  numericIdRows: Set<number>;
}

/** Maps the header row to column keys and every following row to its cells. */
export function parseSheet(sheet: SheetRow[]): ParsedSheet {
  const issues: ImportIssue[] = [];
  const header = sheet[0]?.row === 1 ? sheet[0].values.map(cellText) : [];
  const byHeader = new Map<string, RosterColumnKey>(ROSTER_COLUMNS.map((c) => [c.header, c.key]));
  const indexOf = new Map<RosterColumnKey, number>();
  header.forEach((h, i) => {
    if (h === '') return;
    const key = byHeader.get(h);
    if (!key) issues.push({ row: 1, column: h, reason: `未知的列「${h}」；列名须与模板一致` });
    else if (indexOf.has(key)) issues.push({ row: 1, column: h, reason: `列「${h}」重复` });
    else indexOf.set(key, i);
  });
  for (const c of ROSTER_COLUMNS) {
    if (!indexOf.has(c.key)) issues.push({ row: 1, column: c.header, reason: `缺少列「${c.header}」；请使用导入模板` });
  }
  if (issues.length > 0) return { issues, rows: [], headerOk: false, numericIdRows: new Set() };

  const rows: RosterInputRow[] = [];
  const numericIdRows = new Set<number>();
  for (let r = 1; r < sheet.length; r++) {
    const { row, values } = sheet[r];
    const cells: Record<string, string> = {};
    let empty = true;
    for (const [key, i] of indexOf) {
      const v = values[i] ?? null;
      // an 18-digit ID typed as a number has lost its last digits (15 significant digits)
      if (key === 'idNumber' && typeof v === 'number') {
        issues.push({ row, column: HEADER_OF.idNumber, reason: '证件号码单元格是数字格式，末几位已丢失；请将该列设为文本后重新填写' });
        cells[key] = '';
        numericIdRows.add(row);
        empty = false;
        continue;
      }
      const text = cellText(v);
      if (text !== '') empty = false;
      cells[key] = text;
    }
    if (!empty) rows.push({ row, cells });
  }
  if (rows.length === 0 && issues.length === 0) issues.push({ row: 2, column: HEADER_OF.building, reason: '文件中没有数据行' });
  return { issues, rows, headerOk: true, numericIdRows };
}
