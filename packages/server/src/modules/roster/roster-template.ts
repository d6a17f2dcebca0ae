import {
  AREA_SOURCE_LABELS, OWNER_KIND_LABELS, ROSTER_COLUMNS, UNIT_KIND_LABELS, UNIT_STATUS_LABELS, type RosterColumnKey,
} from '@gongzhi/contracts';
import ExcelJS from 'exceljs';
import { FROZEN_HEADER, ROSTER_SHEET_NAME, rosterColumns, styleHeader } from './roster-workbook.ts';

// An empty roster with our headers, and a second sheet explaining every column in Chinese.

const list = (labels: Record<string, string>) => Object.values(labels).join('、');

const HELP: Record<RosterColumnKey, [required: string, explanation: string, allowed: string]> = {
  building: ['必填', '楼栋名称，须与系统中本小区已登记的楼栋名称完全一致；导入不会新建楼栋', '本小区已登记的楼栋'],
  unit: ['必填', '房号（含车位号、商铺号）；同一楼栋内每个房号只能出现一行', '文本，如 101、B1-023'],
  kind: ['必填', '专有部分的类型', list(UNIT_KIND_LABELS)],
  status: ['必填', '未售、未交付的房屋属于建设单位，业主栏可留空（如填写，须为本小区的建设单位）', list(UNIT_STATUS_LABELS)],
  area: ['必填', '专有部分面积，单位平方米，大于 0，最多两位小数', '如 89.5、120.36'],
  areaSource: ['必填', '面积的依据：不动产登记面积优先，其次实测面积，再次合同面积', list(AREA_SOURCE_LABELS)],
  ownerKind: ['已售必填', '业主是自然人还是单位；同一行的共有人须为同一类型', list(OWNER_KIND_LABELS)],
  ownerName: ['已售必填', '业主姓名或单位名称；多人共有时用“；”分隔，如 张三；李四', '文本'],
  idNumber: [
    '已售必填',
    '个人填 18 位居民身份证号码（校验位会核对），单位填 18 位统一社会信用代码；共有人用“；”分隔，个数与姓名一致。' +
      '导出文件中的脱敏号码（如 **************1234）表示沿用该房屋现有的同名业主',
    '请将本列设为文本格式',
  ],
  phone: ['选填', '11 位手机号，以 1 开头；共有人用“；”分隔，个数与姓名一致。导出文件中的脱敏手机号（如 138****8000）表示沿用该业主现有的手机号', '11 位数字'],
  since: ['选填', '本次产权的起始日期；业主变更时，原产权在此日期结束（留空为导入当天）', 'YYYY-MM-DD，如 2020-01-05'],
};

export async function buildRosterTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongzhi 共治';
  const sheet = wb.addWorksheet(ROSTER_SHEET_NAME, FROZEN_HEADER);
  sheet.columns = rosterColumns();
  styleHeader(sheet);

  const help = wb.addWorksheet('填写说明', FROZEN_HEADER);
  help.columns = [
    { header: '列名', key: 'header', width: 16 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '说明', key: 'explanation', width: 80 },
    { header: '可填写的值', key: 'allowed', width: 30 },
  ];
  styleHeader(help);
  for (const c of ROSTER_COLUMNS) {
    const [required, explanation, allowed] = HELP[c.key];
    help.addRow({ header: c.header, required, explanation, allowed }).alignment = { wrapText: true, vertical: 'top' };
  }
  help.addRow({});
  help.addRow({ header: '说明', explanation: '每行一套房屋（专有部分）。导入时逐行校验全部数据，任何一处有误则整份文件都不导入，并列出每处错误所在的行、列和原因。' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
