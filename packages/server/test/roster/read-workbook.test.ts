import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readFirstSheet } from '../../src/modules/roster/read-workbook.ts';
import { generateRosterXlsx } from '../../../../bench/support/roster-generator.ts';

// The sheet reader on its own (no database): the parts of .xlsx our users' files contain.

describe('roster sheet reader', () => {
  it('reads 20,000 rows of Chinese text without a garbled character (exceljs streaming did garble some)', async () => {
    const { buffer } = await generateRosterXlsx({ units: 20_000, buildings: 40 });
    const rows = await readFirstSheet(buffer);
    expect(rows).toHaveLength(20_001);
    expect(rows[0].values[0]).toBe('楼栋');
    const text = JSON.stringify(rows);
    expect(text).not.toContain('\uFFFD');
    expect(rows.every((r, i) => r.row === i + 1)).toBe(true);
    expect(rows.slice(1).every((r) => r.values[6] === '个人' || r.values[6] === '单位' || r.values[6] === '')).toBe(true);
  });

  it('shared strings, rich text, numbers, booleans, formulas and date cells, in their columns', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    ws.addRow(['a', 'b']);
    const r = ws.addRow([]);
    r.getCell(1).value = { richText: [{ text: '张' }, { text: '三 & <李>' }] };
    r.getCell(3).value = 257.16;
    r.getCell(4).value = true;
    r.getCell(5).value = { formula: '1+1', result: 2 };
    r.getCell(6).value = new Date(Date.UTC(2020, 0, 5));
    ws.getRow(5).getCell(2).value = '第五行';
    wb.addWorksheet('填写说明').addRow(['ignored']);
    const rows = await readFirstSheet(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(rows.map((x) => x.row)).toEqual([1, 2, 5]);
    expect(rows[1].values).toEqual(['张三 & <李>', null, 257.16, true, 2, new Date(Date.UTC(2020, 0, 5))]);
    expect(rows[2].values).toEqual([null, '第五行']);
  });

  it('anything but an .xlsx zip is FILE_REJECTED', async () => {
    await expect(readFirstSheet(Buffer.from('楼栋,房号\n'))).rejects.toMatchObject({ code: 'FILE_REJECTED' });
    await expect(readFirstSheet(Buffer.from('PK\x03\x04garbage'))).rejects.toMatchObject({ code: 'FILE_REJECTED' });
  });
});
