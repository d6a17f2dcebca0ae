import { PassThrough } from 'node:stream';
import { ROSTER_COLUMNS, type RosterColumnKey } from '@gongzhi/contracts';
import ExcelJS from 'exceljs';

// The roster sheet as we write it (export and template): our headers, bold, frozen; ID numbers,
// phones and unit numbers formatted as text so Excel never turns them into rounded numbers.

export const ROSTER_SHEET_NAME = '业主名册';

const WIDTH: Record<RosterColumnKey, number> = {
  building: 10, unit: 10, kind: 8, status: 8, area: 11, areaSource: 12, ownerKind: 10,
  ownerName: 24, idNumber: 24, phone: 16, since: 14,
};
const TEXT_COLUMNS = new Set<RosterColumnKey>(['building', 'unit', 'ownerName', 'idNumber', 'phone', 'since']);

export function rosterColumns(): Partial<ExcelJS.Column>[] {
  return ROSTER_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: WIDTH[c.key],
    style: { numFmt: c.key === 'area' ? '0.00' : TEXT_COLUMNS.has(c.key) ? '@' : 'General' },
  }));
}

/** the header stays in view while scrolling (given at creation: streaming sheets cannot change views later) */
export const FROZEN_HEADER: Partial<ExcelJS.AddWorksheetOptions> = { views: [{ state: 'frozen', ySplit: 1 }] };

export function styleHeader(sheet: ExcelJS.Worksheet): void {
  sheet.getRow(1).font = { bold: true };
}

/** A streaming writer whose output is collected into one Buffer. */
export function bufferedWorkbookWriter(): { wb: ExcelJS.stream.xlsx.WorkbookWriter; done: () => Promise<Buffer> } {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  return {
    wb,
    done: async () => {
      await wb.commit();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}

