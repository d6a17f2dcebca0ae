import { ROSTER_COLUMNS } from '@gongzhi/contracts';
import { idNumberCheckChar } from '@gongzhi/domain';
import ExcelJS from 'exceljs';

// Roster workbooks for the import journey, written as an estate office would fill the template.

type Row = Partial<Record<(typeof ROSTER_COLUMNS)[number]['key'], string | number>>;

export const idNumber = (first17: string) => first17 + idNumberCheckChar(first17);

/** first17 digits with a wrong 18th character */
export function badIdNumber(first17: string): string {
  const right = idNumberCheckChar(first17);
  return first17 + (right === '1' ? '2' : '1');
}

export async function rosterXlsx(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('业主名册');
  sheet.columns = ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: 16, style: { numFmt: c.key === 'area' ? '0.00' : '@' } }));
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const person = (unit: string, name: string, id: string, area: string | number): Row => ({
  building: '1号楼', unit, kind: '住宅', status: '已售', area, areaSource: '不动产登记',
  ownerKind: '个人', ownerName: name, idNumber: id, phone: '13912345678', since: '2024-05-01',
});

/** four kinds of mistake: unknown building, negative area, bad ID check digit, a unit listed twice */
export function rosterWithErrors(): Promise<Buffer> {
  return rosterXlsx([
    { ...person('99-0101', '测试甲', idNumber('11010519800101001'), '89.13'), building: '99号楼' },
    person('1-9901', '测试乙', idNumber('11010519800101002'), '-12.5'),
    person('1-9902', '测试丙', badIdNumber('11010519800101003'), '96.20'),
    person('1-9903', '测试丁', idNumber('11010519800101004'), '120.00'),
    person('1-9903', '测试戊', idNumber('11010519800101005'), '120.00'),
  ]);
}

/** the same roster, corrected */
export function rosterFixed(): Promise<Buffer> {
  return rosterXlsx([
    person('1-9900', '测试甲', idNumber('11010519800101001'), '89.13'),
    person('1-9901', '测试乙', idNumber('11010519800101002'), '12.50'),
    person('1-9902', '测试丙', idNumber('11010519800101003'), '96.20'),
    person('1-9903', '测试丁', idNumber('11010519800101004'), '120.00'),
    person('1-9904', '测试戊', idNumber('11010519800101005'), '120.00'),
  ]);
}
