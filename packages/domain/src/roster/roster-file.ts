import { normaliseIdNumber } from '../identity/id-number.ts';
import { maskedIdLast4, splitMulti } from './roster-fields.ts';
import { validateRosterRow, type RosterCells, type RosterContext, type RosterRow, type RowIssue } from './roster-row.ts';

// Rules across rows of one roster file: one row per unit, and one name per ID number.

export interface RosterInputRow {
  /** spreadsheet row number (the header is row 1) */
  row: number;
  cells: RosterCells;
}

/** Validates every row and the file as a whole; collects every problem rather than stopping at the first. */
export function validateRosterRows(input: readonly RosterInputRow[], ctx: RosterContext): { issues: RowIssue[]; rows: RosterRow[] } {
  const issues: RowIssue[] = [];
  const rows: RosterRow[] = [];
  const unitSeen = new Map<string, number>();
  const idSeen = new Map<string, { name: string; row: number }>();
  for (const { row, cells } of input) {
    const r = validateRosterRow(row, cells, ctx);
    issues.push(...r.issues);
    if (r.value) rows.push(r.value);

    const building = (cells.building ?? '').trim();
    const unit = (cells.unit ?? '').trim();
    if (building !== '' && unit !== '') {
      const key = `${building}\u0000${unit}`;
      const first = unitSeen.get(key);
      if (first !== undefined) issues.push({ row, field: 'unit', reason: `与第 ${first} 行重复：同一楼栋的同一房号只能出现一次` });
      else unitSeen.set(key, row);
    }
    // read from the raw cells, so a row with other problems still takes part in this check
    const names = splitMulti(cells.ownerName ?? '');
    const ids = splitMulti(cells.idNumber ?? '');
    if (names.length !== ids.length) continue;
    ids.forEach((raw, i) => {
      if (raw === '' || names[i] === '' || maskedIdLast4(raw) !== null) return;
      const id = normaliseIdNumber(raw);
      const prev = idSeen.get(id);
      if (!prev) idSeen.set(id, { name: names[i], row });
      else if (prev.name !== names[i]) {
        issues.push({ row, field: 'idNumber', reason: `同一证件号码在第 ${prev.row} 行的姓名为「${prev.name}」，与本行「${names[i]}」不一致` });
      }
    });
  }
  return { issues, rows };
}
