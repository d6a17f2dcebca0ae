import { describe, expect, it } from 'vitest';
import {
  maskedIdLast4, parseRosterDate, splitMulti, validateRosterRow, validateRosterRows,
  type RosterCells, type RosterContext,
} from '../src/index.ts';

// The vocabulary as the server passes it (from contracts' label tables).
const ctx: RosterContext = {
  vocabulary: {
    kind: { 住宅: 'residential', 商业: 'commercial', 车位: 'parking' },
    status: { 已售: 'sold', 未售: 'unsold', 未交付: 'undelivered' },
    areaSource: { 不动产登记: 'registry', 实测: 'survey', 合同: 'contract' },
    ownerKind: { 个人: 'person', 单位: 'organisation' },
  },
  buildings: new Set(['1栋', '2栋']),
  developer: { name: '示例置业有限公司', creditCode: '91350100M000100Y43' },
  today: '2026-06-30',
};

const ID = '11010519491231002X'; // GB 11643's own example
const ID2 = '440304199001010011';
const good: RosterCells = {
  building: '1栋', unit: '101', kind: '住宅', status: '已售', area: '89.50', areaSource: '不动产登记',
  ownerKind: '个人', ownerName: '张三', idNumber: ID, phone: '13800138000', since: '2020-01-05',
};
const check = (patch: Partial<RosterCells>) => validateRosterRow(2, { ...good, ...patch }, ctx);
const reasons = (patch: Partial<RosterCells>) => check(patch).issues.map((i) => `${i.field}: ${i.reason}`);

describe('roster row: area', () => {
  it.each([
    ['0.01', 1],
    ['1.1', 110],
    ['89.50', 8950],
    ['257.16', 25716],
    ['1.100', 110], // trailing zeros are not extra decimals
    ['100000', 10_000_000],
  ])('%s → %i hundredths', (area, centi) => {
    const r = check({ area });
    expect(r.issues).toEqual([]);
    expect(r.value?.areaCenti).toBe(centi);
  });
  it.each([
    ['1.001', '最多保留两位小数'],
    ['0.001', '最多保留两位小数'],
    ['-0.01', '不能为负数'],
    ['0', '必须大于 0'],
    ['0.00', '必须大于 0'],
    ['abc', '不是有效的数字'],
    ['1,5', '不是有效的数字'],
    ['100000.01', '超过上限'],
    ['', '必填项不能为空'],
  ])('%s is rejected: %s', (area, reason) => {
    const r = check({ area });
    expect(r.value).toBeNull();
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].field).toBe('area');
    expect(r.issues[0].reason).toContain(reason);
  });
});

describe('roster row: ID numbers and credit codes', () => {
  it('an 18-character ID with a wrong check digit names the check digit', () => {
    expect(reasons({ idNumber: '110105194912310021' })).toEqual(['idNumber: 身份证号码校验位错误（请核对号码是否抄错）']);
  });
  it('a bad birth date and a bad format are told apart', () => {
    expect(reasons({ idNumber: '11010519491331002X' })[0]).toContain('出生日期');
    expect(reasons({ idNumber: '1101051949123100' })[0]).toContain('格式错误');
  });
  it('lower-case x is the same ID number', () => {
    expect(check({ idNumber: ID.toLowerCase() }).value?.owners[0].idNumber).toBe(ID);
  });
  it('the reason does not echo the ID number back', () => {
    expect(reasons({ idNumber: '110105194912310021' })[0]).not.toContain('110105194912310021');
  });
  it('organisations are checked as credit codes', () => {
    expect(check({ ownerKind: '单位', ownerName: '某公司', idNumber: '91350100M000100Y43' }).issues).toEqual([]);
    expect(reasons({ ownerKind: '单位', ownerName: '某公司', idNumber: '91350100M000100Y44' })[0]).toContain('统一社会信用代码校验位错误');
    expect(reasons({ ownerKind: '单位', ownerName: '某公司', idNumber: ID })[0]).toContain('统一社会信用代码');
  });
  it('a masked ID from our export stands for the existing owner', () => {
    const r = check({ idNumber: '**************002X' });
    expect(r.issues).toEqual([]);
    expect(r.value?.owners[0]).toMatchObject({ idNumber: null, maskedLast4: '002X' });
  });
});

describe('roster row: co-owners', () => {
  it('names, IDs and phones split on full-width and ASCII semicolons', () => {
    const r = check({ ownerName: '张三；李四', idNumber: `${ID};${ID2}`, phone: '13800138000；13900139000' });
    expect(r.issues).toEqual([]);
    expect(r.value?.owners.map((o) => o.name)).toEqual(['张三', '李四']);
  });
  it('a different count of names and IDs is an error', () => {
    expect(reasons({ ownerName: '张三；李四', idNumber: ID, phone: '' })).toEqual(['idNumber: 共有人数量不一致：业主姓名 2 个，证件号码 1 个']);
  });
  it('a different count of phones is an error; no phone at all is fine', () => {
    expect(reasons({ ownerName: '张三；李四', idNumber: `${ID};${ID2}`, phone: '13800138000' })[0]).toContain('手机号 1 个');
    expect(check({ ownerName: '张三；李四', idNumber: `${ID};${ID2}`, phone: '' }).issues).toEqual([]);
  });
  it('the same ID twice on one unit is an error, and the wrong co-owner is named by position', () => {
    expect(reasons({ ownerName: '张三；李四', idNumber: `${ID};${ID}`, phone: '' })).toEqual(['idNumber: 同一房屋的共有人证件号码重复']);
    expect(reasons({ ownerName: '张三；李四', idNumber: `${ID};440304199001010012`, phone: '' })[0]).toContain('第 2 个');
  });
});

describe('roster row: other cells', () => {
  it.each([
    ['1380013800', false], ['13800138000', true], ['23800138000', false], ['138001380001', false], ['138***8000', false],
  ])('phone %s valid=%s', (phone, ok) => expect(check({ phone }).issues.length === 0).toBe(ok));
  it('a masked phone (an exported roster) next to a masked ID means no new phone: the existing owner keeps theirs', () => {
    const exported = check({ idNumber: '**************002X', phone: '138****8000' });
    expect(exported.issues).toEqual([]);
    expect(exported.value?.owners[0].phone).toBeNull();
    expect(check({ phone: '13800138000' }).value?.owners[0].phone).toBe('13800138000');
  });
  it('a masked phone next to a full ID (a new owner) is an error instead of a silently dropped phone', () => {
    expect(reasons({ phone: '138****8000' })).toEqual(['phone: 手机号「138****8000」是导出文件中的掩码，只能用于证件号码同为掩码的已登记业主；新业主请填写完整手机号或留空']);
    expect(reasons({ ownerName: '张三；李四', idNumber: `**************002X;${ID2}`, phone: '138****8000；139****9000' })[0]).toContain('第 2 个');
    // an organisation is exported with its full credit code: its masked phone keeps the stored one
    const org = check({ ownerKind: '单位', ownerName: '某公司', idNumber: '91350100M000100Y43', phone: '138****8000' });
    expect(org.issues).toEqual([]);
    expect(org.value?.owners[0].phone).toBeNull();
  });
  it('unknown labels list the allowed ones', () => {
    expect(reasons({ kind: '别墅' })).toEqual(['kind: 未知的类型「别墅」，可选：住宅、商业、车位']);
    expect(reasons({ areaSource: '估算' })[0]).toContain('不动产登记、实测、合同');
  });
  it('an unknown building names the buildings that exist', () => {
    expect(reasons({ building: '9栋' })).toEqual(['building: 楼栋「9栋」不存在。本小区的楼栋有：1栋、2栋']);
  });
  it('a sold unit needs an owner', () => {
    expect(reasons({ ownerKind: '', ownerName: '', idNumber: '', phone: '' })).toEqual(['ownerName: 已售房屋必须填写业主']);
  });
  it('developer units may leave the owner empty, or name the developer, nobody else', () => {
    const empty = { ownerKind: '', ownerName: '', idNumber: '', phone: '' };
    expect(check({ status: '未售', ...empty }).value).toMatchObject({ developerUnit: true, owners: [] });
    expect(check({ status: '未交付', ownerKind: '单位', ownerName: '示例置业有限公司', idNumber: '91350100M000100Y43', phone: '' }).issues).toEqual([]);
    expect(reasons({ status: '未售' })[0]).toContain('属于建设单位「示例置业有限公司」');
  });
  it.each([
    ['2020-01-05', '2020-01-05'], ['2020/1/5', '2020-01-05'], ['2026-06-30', '2026-06-30'],
  ])('date %s → %s', (since, iso) => expect(check({ since }).value?.since).toBe(iso));
  it.each([
    ['2021-02-29', '不是有效的日期'], ['2026-07-01', '不能晚于今天'], ['05/01/2020', '格式错误'], ['1949-09-30', '不能早于'],
  ])('date %s is rejected: %s', (since, reason) => expect(reasons({ since })[0]).toContain(reason));
  it('every problem of a row is reported, not just the first', () => {
    expect(check({ building: '', area: '-1', kind: 'x', phone: '1' }).issues.map((i) => i.field)).toEqual(['building', 'kind', 'area', 'phone']);
  });
});

describe('roster file', () => {
  it('a unit twice is reported on the later row, naming the first', () => {
    const r = validateRosterRows([{ row: 2, cells: good }, { row: 3, cells: { ...good, idNumber: ID2, ownerName: '李四' } }], ctx);
    expect(r.issues).toEqual([{ row: 3, field: 'unit', reason: '与第 2 行重复：同一楼栋的同一房号只能出现一次' }]);
  });
  it('one ID number with two names is an error; one owner of several units is not', () => {
    const ok = validateRosterRows([{ row: 2, cells: good }, { row: 3, cells: { ...good, unit: '102' } }], ctx);
    expect(ok.issues).toEqual([]);
    const bad = validateRosterRows([{ row: 2, cells: good }, { row: 3, cells: { ...good, unit: '102', ownerName: '张叁' } }], ctx);
    expect(bad.issues).toEqual([{ row: 3, field: 'idNumber', reason: '同一证件号码在第 2 行的姓名为「张三」，与本行「张叁」不一致' }]);
  });
});

describe('roster fields', () => {
  it('splitMulti', () => expect(splitMulti(' a ；b;c ')).toEqual(['a', 'b', 'c']));
  it('maskedIdLast4', () => {
    expect(maskedIdLast4('**************002x')).toBe('002X');
    expect(maskedIdLast4('*002X')).toBeNull();
    expect(parseRosterDate('2020-1-1', '2030-01-01')).toEqual({ ok: true, date: '2020-01-01' });
  });
});
