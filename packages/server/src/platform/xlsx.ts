import type ExcelJS from 'exceljs';

// Excel exports' common cells (exceljs): money in yuan and the list sheet. The download headers
// are platform/download.ts.

/** fen → yuan as a number for a cell formatted '#,##0.00' (exact: fen / 100 is the nearest double) */
export const yuan = (fen: number) => fen / 100;
export const YUAN_FORMAT = '#,##0.00';

/** A sheet whose first row names the columns, in bold, and stays in view while scrolling. */
export function listSheet(wb: ExcelJS.Workbook, name: string, columns: Partial<ExcelJS.Column>[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns;
  ws.getRow(1).font = { bold: true };
  return ws;
}
