import { PassThrough } from 'node:stream';
import { ROSTER_COLUMNS } from '@gongzhi/contracts';
import { creditCodeCheckChar, idNumberCheckChar } from '@gongzhi/domain';
import ExcelJS from 'exceljs';

// A plausible, reproducible roster for the import benchmark: valid ID numbers (correct check
// digits), co-owned units, organisations, owners of several units, and the developer's unsold
// and undelivered units with empty owner cells.

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂';

function personId(n: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + (n % 20000) * 86400_000);
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const body = `3201${String(Math.floor(n / 1000) % 100).padStart(2, '0')}${ymd}${String(n % 1000).padStart(3, '0')}`;
  return body + idNumberCheckChar(body);
}

function creditCode(n: number): string {
  const body = `9132010${String(n).padStart(10, '0')}`;
  return body + creditCodeCheckChar(body);
}

const personName = (n: number) =>
  `${SURNAMES[n % SURNAMES.length]}${GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length]}${GIVEN[Math.floor(n / 400) % GIVEN.length]}${n}`;

export interface GeneratedRoster {
  buffer: Buffer;
  units: number;
  coOwned: number;
  organisations: number;
  developerUnits: number;
}

/** `buildings` buildings named "1栋" … with `units / buildings` units each. */
export async function generateRosterXlsx(opts: { units: number; buildings: number }): Promise<GeneratedRoster> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => stream.on('end', resolve));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('业主名册');
  ws.addRow(ROSTER_COLUMNS.map((c) => c.header)).commit();
  const perBuilding = Math.ceil(opts.units / opts.buildings);
  let person = 0;
  const stats = { coOwned: 0, organisations: 0, developerUnits: 0 };
  for (let i = 0; i < opts.units; i++) {
    const b = Math.floor(i / perBuilding) + 1;
    const k = i % perBuilding;
    const unit = `${Math.floor(k / 4) + 1}${String((k % 4) + 1).padStart(2, '0')}`;
    const area = (6000 + ((i * 7919) % 9000)) / 100; // 60.00 – 149.99, exact decimals
    const common = [`${b}栋`, unit];
    if (i % 20 === 19) {
      stats.developerUnits++;
      ws.addRow([...common, '住宅', i % 40 === 19 ? '未售' : '未交付', area, '实测', '', '', '', '', '']).commit();
    } else if (i % 50 === 7) {
      stats.organisations++;
      ws.addRow([...common, '商业', '已售', area, '不动产登记', '单位', `某某商贸有限公司${i}`, creditCode(i), '', '2018-06-01']).commit();
    } else if (i % 10 === 3) {
      stats.coOwned++;
      const [a, c] = [person++, person++];
      ws.addRow([
        ...common, '住宅', '已售', area, '不动产登记', '个人', `${personName(a)}；${personName(c)}`,
        `${personId(a)}；${personId(c)}`, `1380${String(a).padStart(7, '0')}；`, '2020-03-15',
      ]).commit();
    } else {
      // every 9th unit goes to the owner of a unit a few rows up: owners of several units
      const p = i % 9 === 5 && person > 10 ? person - 5 : person++;
      ws.addRow([...common, i % 13 === 0 ? '车位' : '住宅', '已售', area, '合同', '个人', personName(p), personId(p), `1390${String(p).padStart(7, '0')}`, '2021-09-01']).commit();
    }
  }
  await ws.commit();
  await wb.commit();
  await ended;
  return { buffer: Buffer.concat(chunks), units: opts.units, ...stats };
}
