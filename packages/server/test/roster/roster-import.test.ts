import { beforeAll, describe, expect, it } from 'vitest';
import { decryptIdNumber, idNumberHmac } from '../../src/platform/crypto.ts';
import { signedInAs } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import {
  countRows, DEVELOPER, rosterEstate, rosterXlsx, uploadRoster, validCreditCode, validId, type RosterRowInput,
} from './roster-helpers.ts';

const ZHANG = validId('11010519800101001');
const LI = validId('11010519810202002');
const WANG = validId('11010519820303003');
const ZHAO = validId('11010519830404004');
const ACME = validCreditCode('91110000100000001');

const base = { kind: '住宅', status: '已售', areaSource: '不动产登记', ownerKind: '个人' };
const validRows: RosterRowInput[] = [
  { ...base, building: '1栋', unit: '101', area: 89.5, ownerName: '张三', idNumber: ZHANG, phone: '13800138001', since: new Date(Date.UTC(2019, 2, 1)) }, // a real Excel date cell
  { ...base, building: '1栋', unit: '102', area: '120.36', ownerName: '李四；王五', idNumber: `${LI};${WANG}`, phone: '13800138002;', since: '2020-06-15' },
  { ...base, building: '2栋', unit: 'S-01', kind: '商业', area: 45, areaSource: '实测', ownerKind: '单位', ownerName: '某某商贸有限公司', idNumber: ACME },
  { ...base, building: '2栋', unit: 'P-001', kind: '车位', status: '未售', area: 12.5, areaSource: '合同', ownerKind: null },
];

let t: TestApp;
let estate: Awaited<ReturnType<typeof rosterEstate>>;
let officer: string;

beforeAll(async () => {
  t = await createTestApp();
  estate = await rosterEstate(t.pool);
  officer = (await signedInAs(t, { role: 'community_officer', scopeId: estate.communityId })).cookie;
});

const ownersOf = async (unit: string, current = true) =>
  (
    await t.pool.query(
      `SELECT w.name, s.valid_from, s.valid_to FROM ownerships s JOIN owners w ON w.id = s.owner_id JOIN units u ON u.id = s.unit_id
        WHERE u.estate_id = $1 AND u.number = $2 ${current ? 'AND s.valid_to IS NULL' : ''} ORDER BY s.id`,
      [estate.estateId, unit],
    )
  ).rows;

describe('roster import', () => {
  it('community officer: a dry run validates and counts but writes nothing', async () => {
    const before = await countRows(t.pool);
    const res = await uploadRoster(t, { estateId: estate.estateId, cookie: officer, buffer: await rosterXlsx(validRows), dryRun: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ dryRun: true, counts: { rows: 4, unitsCreated: 4, unitsUpdated: 0, ownersCreated: 4, ownershipsChanged: 4 } });
    expect(await countRows(t.pool)).toEqual(before);
  });

  it('community officer: imports a valid roster: units, owners (ID encrypted), ownerships, one audit event', async () => {
    const res = await uploadRoster(t, { estateId: estate.estateId, cookie: officer, buffer: await rosterXlsx(validRows) });
    expect(res.statusCode).toBe(200);
    expect(res.json().counts).toEqual({ rows: 4, unitsCreated: 4, unitsUpdated: 0, ownersCreated: 4, ownershipsChanged: 4 });

    const units = await t.pool.query(
      `SELECT b.name AS building, u.number, u.area_centi, u.area_source, u.kind, u.status FROM units u JOIN buildings b ON b.id = u.building_id
        WHERE u.estate_id = $1 ORDER BY u.number`,
      [estate.estateId],
    );
    expect(units.rows).toEqual([
      { building: '1栋', number: '101', area_centi: 8950, area_source: 'registry', kind: 'residential', status: 'sold' },
      { building: '1栋', number: '102', area_centi: 12036, area_source: 'registry', kind: 'residential', status: 'sold' },
      { building: '2栋', number: 'P-001', area_centi: 1250, area_source: 'contract', kind: 'parking', status: 'unsold' },
      { building: '2栋', number: 'S-01', area_centi: 4500, area_source: 'survey', kind: 'commercial', status: 'sold' },
    ]);
    const zhang = (await t.pool.query('SELECT * FROM owners WHERE name = $1', ['张三'])).rows[0];
    expect(zhang.id_number_enc).not.toContain(ZHANG);
    expect(decryptIdNumber(t.secrets, zhang.id_number_enc)).toBe(ZHANG);
    expect(zhang).toMatchObject({ kind: 'person', id_number_last4: ZHANG.slice(-4), id_number_hmac: idNumberHmac(t.secrets, ZHANG), phone: '13800138001' });
    expect((await t.pool.query('SELECT phone FROM owners WHERE name = $1', ['王五'])).rows[0].phone).toBeNull();
    expect((await t.pool.query('SELECT kind FROM owners WHERE credit_code = $1', [ACME])).rows[0].kind).toBe('organisation');

    expect(await ownersOf('101')).toEqual([{ name: '张三', valid_from: '2019-03-01', valid_to: null }]);
    expect((await ownersOf('102')).map((o) => o.name)).toEqual(['李四', '王五']);
    expect((await ownersOf('P-001')).map((o) => o.name)).toEqual([DEVELOPER.name]); // unsold: the developer's

    const audit = await t.pool.query(`SELECT summary FROM audit_events WHERE action = 'roster.import' AND estate_id = $1`, [estate.estateId]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].summary).toEqual({ rows: 4, unitsCreated: 4, unitsUpdated: 0, ownersCreated: 4, ownershipsChanged: 4 });
    expect(JSON.stringify(audit.rows[0].summary)).not.toContain(ZHANG.slice(0, 10));
  });

  it('community officer: re-importing with a changed owner closes the old ownership and keeps its history', async () => {
    const rows = validRows.map((r) => ({ ...r }));
    rows[0] = { ...rows[0], ownerName: '赵六', idNumber: ZHAO, phone: null, since: '2024-05-01' };
    rows[1] = { ...rows[1], area: '120.4' };
    const res = await uploadRoster(t, { estateId: estate.estateId, cookie: officer, buffer: await rosterXlsx(rows) });
    expect(res.statusCode).toBe(200);
    expect(res.json().counts).toEqual({ rows: 4, unitsCreated: 0, unitsUpdated: 1, ownersCreated: 1, ownershipsChanged: 1 });
    expect(await ownersOf('101', false)).toEqual([
      { name: '张三', valid_from: '2019-03-01', valid_to: '2024-05-01' },
      { name: '赵六', valid_from: '2024-05-01', valid_to: null },
    ]);
    expect((await ownersOf('102')).map((o) => o.name)).toEqual(['李四', '王五']); // untouched
  });

  it('community officer: an owner already registered (same ID number) is reused, not duplicated', async () => {
    const other = await rosterEstate(t.pool);
    const cookie = (await signedInAs(t, { role: 'community_officer', scopeId: other.communityId })).cookie;
    const rows = [{ ...validRows[0], ownerName: '张三', idNumber: ZHANG.toLowerCase() }];
    const res = await uploadRoster(t, { estateId: other.estateId, cookie, buffer: await rosterXlsx(rows) });
    expect(res.statusCode).toBe(200);
    expect(res.json().counts).toMatchObject({ unitsCreated: 1, ownersCreated: 0, ownershipsChanged: 1 });
    expect((await t.pool.query(`SELECT count(*)::int AS n FROM owners WHERE name = '张三'`)).rows[0].n).toBe(1);
  });

  it('community officer: a file with many errors gets every one back by row, column and reason, and nothing is written', async () => {
    const rows: RosterRowInput[] = [
      { ...validRows[0], unit: '201', area: -0.01 }, // row 2
      { ...validRows[0], unit: '202', area: '1.001', idNumber: validId('11010519800101002'), ownerName: '钱七' }, // row 3
      { ...validRows[0], building: '9栋', unit: '203', idNumber: validId('11010519800101003'), ownerName: '孙八' }, // row 4
      { ...validRows[0], unit: '204', idNumber: `${ZHANG.slice(0, 17)}${ZHANG[17] === '0' ? '1' : '0'}` }, // row 5: check digit
      { ...validRows[0], unit: '201', ownerName: '周九', idNumber: validId('11010519800101004') }, // row 6: duplicate of row 2
      { ...validRows[0], unit: '205', phone: '2380013800', kind: '别墅', idNumber: validId('11010519800101005'), ownerName: '吴十' }, // row 7
      { ...validRows[1], unit: '206', ownerName: '李四；王五；郑一', since: '2020-02-30' }, // row 8: counts, date
      { ...validRows[0], unit: '207', ownerKind: null, ownerName: null, idNumber: null, phone: null }, // row 9: sold, no owner
      { ...validRows[0], unit: '208', ownerName: '张叁' }, // row 10: 张三's ID under another name (row 2 and the database)
      { ...validRows[2], unit: '209', idNumber: validCreditCode('91110000100000002').slice(0, 17) + 'I' }, // row 11: credit code format
      { ...validRows[0], unit: '210', ownerName: '张三', idNumber: '**************9999' }, // row 12: masked, new unit
    ];
    const before = await countRows(t.pool);
    const res = await uploadRoster(t, { estateId: estate.estateId, cookie: officer, buffer: await rosterXlsx(rows) });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('IMPORT_INVALID');
    const got = body.details.issues.map((i: { row: number; column: string }) => `${i.row} ${i.column}`);
    expect(got).toEqual([
      '2 面积(㎡)', '3 面积(㎡)', '4 楼栋', '5 证件号码', '6 房号', '7 类型', '7 手机号',
      '8 证件号码', '8 手机号', '8 产权起始日期', '9 业主姓名或名称', '10 业主姓名或名称', '10 证件号码', '11 证件号码', '12 证件号码',
    ]);
    expect(body.details.total).toBe(got.length);
    const reason = (row: number, column: string) =>
      body.details.issues.find((i: { row: number; column: string }) => i.row === row && i.column === column).reason as string;
    expect(reason(2, '面积(㎡)')).toContain('不能为负数');
    expect(reason(3, '面积(㎡)')).toContain('最多保留两位小数');
    expect(reason(4, '楼栋')).toBe('楼栋「9栋」不存在。本小区的楼栋有：1栋、2栋');
    expect(reason(5, '证件号码')).toContain('校验位错误');
    expect(reason(6, '房号')).toContain('与第 2 行重复');
    expect(reason(7, '类型')).toContain('住宅、商业、车位');
    expect(reason(7, '手机号')).toContain('11 位');
    expect(reason(8, '证件号码')).toContain('共有人数量不一致');
    expect(reason(8, '产权起始日期')).toContain('不是有效的日期');
    expect(reason(9, '业主姓名或名称')).toBe('已售房屋必须填写业主');
    expect(reason(10, '业主姓名或名称')).toContain('已登记的业主姓名与本行不一致');
    expect(reason(10, '证件号码')).toBe('同一证件号码在第 2 行的姓名为「张三」，与本行「张叁」不一致');
    expect(reason(11, '证件号码')).toContain('统一社会信用代码格式错误');
    expect(reason(12, '证件号码')).toBe('证件号码已脱敏，且未找到对应的现有业主（请填写完整证件号码）');
    expect(JSON.stringify(body)).not.toContain(ZHANG);
    expect(await countRows(t.pool)).toEqual(before);
  });

  it('community officer: the same ID number under two names in one file is an error', async () => {
    const id = validId('11010519900909009');
    const rows = [
      { ...validRows[0], unit: '301', ownerName: '冯一', idNumber: id },
      { ...validRows[0], unit: '302', ownerName: '冯二', idNumber: id },
    ];
    const res = await uploadRoster(t, { estateId: estate.estateId, cookie: officer, buffer: await rosterXlsx(rows) });
    expect(res.statusCode).toBe(422);
    expect(res.json().details.issues).toEqual([
      { row: 3, column: '证件号码', reason: '同一证件号码在第 2 行的姓名为「冯一」，与本行「冯二」不一致' },
    ]);
  });

  it('community officer: a missing or unknown header is reported on row 1', async () => {
    const header = ['楼栋', '房号', '类型', '状态', '面积', '面积来源', '业主类型', '业主姓名或名称', '证件号码', '手机号', '产权起始日期'];
    const res = await uploadRoster(t, { estateId: estate.estateId, cookie: officer, buffer: await rosterXlsx([], header) });
    expect(res.statusCode).toBe(422);
    expect(res.json().details.issues).toEqual([
      { row: 1, column: '面积(㎡)', reason: '缺少列「面积(㎡)」；请使用导入模板' },
      { row: 1, column: '面积', reason: '未知的列「面积」；列名须与模板一致' },
    ]);
  });

  it('community officer: an upload that is not an .xlsx workbook is rejected with FILE_REJECTED', async () => {
    const csv = Buffer.from('楼栋,房号\n1栋,101\n');
    for (const [filename, buffer] of [['roster.csv', csv], ['roster.xlsx', csv], ['roster.pdf', await rosterXlsx(validRows)]] as const) {
      const res = await uploadRoster(t, { estateId: estate.estateId, cookie: officer, buffer, filename, mime: 'text/csv' });
      expect(res.statusCode, filename).toBe(400);
      expect(res.json().code).toBe('FILE_REJECTED');
    }
  });

  it('committee member: may not import (403) and nothing is written', async () => {
    const { cookie } = await signedInAs(t, { role: 'committee_member', scopeId: estate.estateId });
    const before = await countRows(t.pool);
    const res = await uploadRoster(t, { estateId: estate.estateId, cookie, buffer: await rosterXlsx(validRows) });
    expect(res.statusCode).toBe(403);
    expect(await countRows(t.pool)).toEqual(before);
  });

  it('street officer of another region: the estate does not exist for them (404)', async () => {
    const other = await rosterEstate(t.pool);
    const { cookie } = await signedInAs(t, { role: 'street_officer', scopeId: other.streetId });
    const res = await uploadRoster(t, { estateId: estate.estateId, cookie, buffer: await rosterXlsx(validRows) });
    expect(res.statusCode).toBe(404);
  });

  it('anyone signed out: 401', async () => {
    const res = await uploadRoster(t, { estateId: estate.estateId, buffer: await rosterXlsx(validRows) });
    expect(res.statusCode).toBe(401);
  });
});
