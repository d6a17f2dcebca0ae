import { ROSTER_COLUMNS } from '@gongzhi/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import {
  countRows, DEVELOPER, readXlsx, rosterEstate, rosterXlsx, uploadRoster, validCreditCode, validId, type RosterRowInput,
} from './roster-helpers.ts';

const ZHANG = validId('32010519800101001');
const LI = validId('32010519810202002');
const WANG = validId('32010519820303003');
const ACME = validCreditCode('91320000100000001');

const base = { kind: '住宅', status: '已售', areaSource: '不动产登记', ownerKind: '个人' };
const rows: RosterRowInput[] = [
  { ...base, building: '1栋', unit: '101', area: 257.16, ownerName: '张三', idNumber: ZHANG, phone: '13800138001', since: '2019-03-01' },
  { ...base, building: '1栋', unit: '102', area: '0.01', ownerName: '李四；王五', idNumber: `${LI}；${WANG}`, phone: '；13800138003' },
  { ...base, building: '2栋', unit: 'S-01', kind: '商业', area: 45, areaSource: '实测', ownerKind: '单位', ownerName: '某某商贸有限公司', idNumber: ACME },
  { ...base, building: '2栋', unit: 'P-001', kind: '车位', status: '未交付', area: 12.5, areaSource: '合同', ownerKind: null },
];

let t: TestApp;
let estate: Awaited<ReturnType<typeof rosterEstate>>;
let officer: string;

beforeAll(async () => {
  t = await createTestApp();
  estate = await rosterEstate(t.pool);
  officer = (await signedInAs(t, { role: 'community_officer', scopeId: estate.communityId })).cookie;
  const res = await uploadRoster(t, { estateId: estate.estateId, cookie: officer, buffer: await rosterXlsx(rows) });
  if (res.statusCode !== 200) throw new Error(res.body);
});

const exportOf = (estateId: number, cookie?: string) =>
  t.request({ method: 'GET', url: `/api/v1/estates/${estateId}/roster/export`, cookie });

const sheetValues = async (buffer: Buffer, sheet = 1) => {
  const wb = await readXlsx(buffer);
  const out: unknown[][] = [];
  wb.worksheets[sheet - 1].eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
};

describe('roster export', () => {
  it('community officer: exports the same columns with current owners, ID numbers masked, credit codes in full', async () => {
    const res = await exportOf(estate.estateId, officer);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const cd = String(res.headers['content-disposition']);
    expect(cd).toMatch(/^attachment; filename="roster-\d+-\d{8}\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(cd.split("UTF-8''")[1])).toMatch(/^阳光花园-业主名册-\d{8}\.xlsx$/);

    const values = await sheetValues(res.rawPayload);
    expect(values[0]).toEqual(ROSTER_COLUMNS.map((c) => c.header));
    const byUnit = new Map(values.slice(1).map((v) => [v[1], v]));
    expect(byUnit.get('101')).toEqual(['1栋', '101', '住宅', '已售', 257.16, '不动产登记', '个人', '张三', `**************${ZHANG.slice(-4)}`, '138****8001', '2019-03-01']);
    expect(byUnit.get('102')?.slice(4, 10)).toEqual([0.01, '不动产登记', '个人', '李四；王五', `**************${LI.slice(-4)}；**************${WANG.slice(-4)}`, '；138****8003']);
    expect(byUnit.get('S-01')?.slice(6, 9)).toEqual(['单位', '某某商贸有限公司', ACME]);
    expect(byUnit.get('P-001')?.slice(6, 9)).toEqual(['单位', DEVELOPER.name, DEVELOPER.creditCode]);
    const all = JSON.stringify(values);
    for (const id of [ZHANG, LI, WANG]) expect(all).not.toContain(id.slice(0, 14));

    const audit = await t.pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'roster.export' AND estate_id = $1`, [estate.estateId]);
    expect(audit.rows[0].n).toBe(1);
  });

  it('community officer: re-importing the exported file (masked IDs and phones) succeeds and changes nothing', async () => {
    const exported = (await exportOf(estate.estateId, officer)).rawPayload;
    const before = await countRows(t.pool);
    const phones = (await t.pool.query('SELECT id, phone FROM owners ORDER BY id')).rows;
    expect(phones.map((o) => o.phone)).toContain('13800138001');
    const ownerships = (await t.pool.query('SELECT * FROM ownerships ORDER BY id')).rows;
    const res = await uploadRoster(t, { estateId: estate.estateId, cookie: officer, buffer: exported });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().counts).toEqual({ rows: 4, unitsCreated: 0, unitsUpdated: 0, ownersCreated: 0, ownershipsChanged: 0 });
    expect(await countRows(t.pool)).toEqual({ ...before, audit: before.audit + 1 });
    expect((await t.pool.query('SELECT * FROM ownerships ORDER BY id')).rows).toEqual(ownerships);
    // a masked phone keeps the owner's phone
    expect((await t.pool.query('SELECT id, phone FROM owners ORDER BY id')).rows).toEqual(phones);
  });

  it('community officer: a masked ID under another name is not taken for the existing owner', async () => {
    const exported = await sheetValues((await exportOf(estate.estateId, officer)).rawPayload);
    const header = exported[0] as string[];
    const edited = exported.slice(1).map((v) => Object.fromEntries(ROSTER_COLUMNS.map((c, i) => [c.key, (v[i] as string) ?? null])));
    const row101 = edited.findIndex((r) => r.unit === '101');
    edited[row101].ownerName = '张三丰';
    const res = await uploadRoster(t, { estateId: estate.estateId, cookie: officer, buffer: await rosterXlsx(edited, header) });
    expect(res.statusCode).toBe(422);
    expect(res.json().details.issues).toEqual([
      { row: row101 + 2, column: '证件号码', reason: '证件号码已脱敏，且未找到对应的现有业主（请填写完整证件号码）' },
    ]);
  });

  it('committee member: may export their own estate', async () => {
    const { cookie } = await signedInAs(t, { role: 'committee_member', scopeId: estate.estateId });
    expect((await exportOf(estate.estateId, cookie)).statusCode).toBe(200);
  });

  it('street officer of another region: export is a 404', async () => {
    const other = await rosterEstate(t.pool);
    const { cookie } = await signedInAs(t, { role: 'street_officer', scopeId: other.streetId });
    expect((await exportOf(estate.estateId, cookie)).statusCode).toBe(404);
    expect((await exportOf(other.estateId, cookie)).statusCode).toBe(200);
  });

  it('owner: may not export (403)', async () => {
    const { cookie } = await signedInAs(t, { role: 'owner' });
    expect((await exportOf(estate.estateId, cookie)).statusCode).toBe(403);
  });
});

describe('roster template', () => {
  it('community officer: downloads an empty roster with the headers and an explanation sheet', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/roster/template', cookie: officer });
    expect(res.statusCode).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1])).toBe('业主名册导入模板.xlsx');
    expect(await sheetValues(res.rawPayload)).toEqual([ROSTER_COLUMNS.map((c) => c.header)]);
    const help = await sheetValues(res.rawPayload, 2);
    expect(help[0]).toEqual(['列名', '是否必填', '说明', '可填写的值']);
    expect(help.slice(1, 12).map((r) => r[0])).toEqual(ROSTER_COLUMNS.map((c) => c.header));
    expect(JSON.stringify(help)).toContain('住宅、商业、车位');
  });

  it('committee member: the template needs the import permission (403)', async () => {
    const { cookie } = await signedInAs(t, { role: 'committee_member', scopeId: estate.estateId });
    expect((await t.request({ method: 'GET', url: '/api/v1/roster/template', cookie })).statusCode).toBe(403);
  });

  it('community officer: the template, filled in, imports', async () => {
    const tpl = (await t.request({ method: 'GET', url: '/api/v1/roster/template', cookie: officer })).rawPayload;
    const wb = await readXlsx(tpl);
    wb.worksheets[0].addRow(['1栋', '103', '住宅', '已售', 66.6, '合同', '个人', '陈七', validId('32010519700707007'), '', '2021-01-01']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await uploadRoster(t, { estateId: estate.estateId, cookie: officer, buffer });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().counts).toMatchObject({ rows: 1, unitsCreated: 1, ownersCreated: 1 });
  });
});
