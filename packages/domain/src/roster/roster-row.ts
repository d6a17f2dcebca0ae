import { creditCodeProblem } from '../identity/credit-code.ts';
import { idNumberProblem, normaliseIdNumber } from '../identity/id-number.ts';
import { formatAreaCenti, MAX_AREA_CENTI, parseAreaCenti } from '../registry/area.ts';
import { MASKED_PHONE_RE, MOBILE_PHONE_RE } from '../registry/phone.ts';
import { maskedIdLast4, parseRosterDate, splitMulti } from './roster-fields.ts';

// The rules for one roster row (one unit). Pure: everything it needs from the database (the
// estate's buildings, its developer) and the clock comes in through the context. Labels come in
// too (contracts owns the Chinese vocabulary), so server and tests read the same words.

export type RosterField =
  | 'building' | 'unit' | 'kind' | 'status' | 'area' | 'areaSource' | 'ownerKind' | 'ownerName' | 'idNumber' | 'phone' | 'since';
export type RosterCells = Partial<Record<RosterField, string>>;

export type UnitKindValue = 'residential' | 'commercial' | 'parking';
export type UnitStatusValue = 'sold' | 'unsold' | 'undelivered';
export type AreaSourceValue = 'registry' | 'survey' | 'contract';
export type OwnerKindValue = 'person' | 'organisation';

/** Chinese label → stored value, for each coded column. */
export interface RosterVocabulary {
  kind: Record<string, UnitKindValue>;
  status: Record<string, UnitStatusValue>;
  areaSource: Record<string, AreaSourceValue>;
  ownerKind: Record<string, OwnerKindValue>;
}

export interface RosterContext {
  vocabulary: RosterVocabulary;
  /** names of the estate's buildings: a roster never creates buildings */
  buildings: ReadonlySet<string>;
  /** the estate's developer (建设单位), owner of unsold and undelivered units */
  developer: { name: string; creditCode: string | null } | null;
  /** YYYY-MM-DD, for "not in the future" */
  today: string;
}

export interface RosterOwnerInput {
  name: string;
  /** normalised ID number (persons) or credit code (organisations); null when masked */
  idNumber: string | null;
  /** a masked ID from our own export: "the existing owner of this unit with this name and last4" */
  maskedLast4: string | null;
  phone: string | null;
}

export interface RosterRow {
  row: number;
  building: string;
  unit: string;
  kind: UnitKindValue;
  status: UnitStatusValue;
  areaCenti: number;
  areaSource: AreaSourceValue;
  ownerKind: OwnerKindValue | null;
  /** empty for developer units: the owner is the estate's developer */
  owners: RosterOwnerInput[];
  developerUnit: boolean;
  since: string | null;
}

export interface RowIssue {
  row: number;
  field: RosterField;
  reason: string;
}

const AREA_REASONS = {
  empty: '不能为空',
  not_a_number: '不是有效的数字',
  negative: '不能为负数',
  zero: '必须大于 0',
  too_many_decimals: '最多保留两位小数',
  too_large: `超过上限 ${formatAreaCenti(MAX_AREA_CENTI)} ㎡`,
} as const;
const ID_REASONS = {
  format: '身份证号码格式错误：应为 18 位，前 17 位为数字，末位为数字或 X',
  birth_date: '身份证号码中的出生日期无效',
  check_digit: '身份证号码校验位错误（请核对号码是否抄错）',
} as const;
const CREDIT_REASONS = {
  format: '统一社会信用代码格式错误：应为 18 位数字或大写字母（不含 I、O、S、V、Z）',
  check_digit: '统一社会信用代码校验位错误（请核对代码是否抄错）',
} as const;
const DATE_REASONS = {
  format: '日期格式错误，应为 YYYY-MM-DD，例如 2020-01-05',
  invalid: '不是有效的日期',
  future: '不能晚于今天',
  too_early: '不能早于 1949-10-01',
} as const;

const MAX_TEXT = 100;

/** "住宅、商业、车位" */
const choices = (labels: Record<string, unknown>) => Object.keys(labels).join('、');

/** Buildings listed in a reason, at most 20, so a typo can be spotted. */
export function buildingHint(buildings: ReadonlySet<string>): string {
  const all = [...buildings].sort((a, b) => a.localeCompare(b, 'zh-CN', { numeric: true }));
  if (all.length === 0) return '本小区尚未登记任何楼栋，请先添加楼栋';
  const shown = all.slice(0, 20).join('、');
  return `本小区的楼栋有：${shown}${all.length > 20 ? ` 等 ${all.length} 栋` : ''}`;
}

/** Validates one row; returns every problem found in it and, if there are none, the parsed row. */
export function validateRosterRow(row: number, cells: RosterCells, ctx: RosterContext): { issues: RowIssue[]; value: RosterRow | null } {
  const issues: RowIssue[] = [];
  const add = (field: RosterField, reason: string) => issues.push({ row, field, reason });
  const cell = (f: RosterField) => (cells[f] ?? '').trim();
  const required = (f: RosterField) => {
    const v = cell(f);
    if (v === '') add(f, '必填项不能为空');
    else if (v.length > MAX_TEXT) add(f, `内容过长（最多 ${MAX_TEXT} 个字）`);
    return v;
  };
  const coded = <T>(f: RosterField, labels: Record<string, T>, what: string): T | null => {
    const v = required(f);
    if (v === '') return null;
    const value = Object.hasOwn(labels, v) ? labels[v] : undefined;
    if (value === undefined) add(f, `未知的${what}「${v}」，可选：${choices(labels)}`);
    return value ?? null;
  };

  const building = required('building');
  if (building !== '' && !ctx.buildings.has(building)) add('building', `楼栋「${building}」不存在。${buildingHint(ctx.buildings)}`);
  const unit = required('unit');
  const kind = coded('kind', ctx.vocabulary.kind, '类型');
  const status = coded('status', ctx.vocabulary.status, '状态');
  let areaCenti = 0;
  const area = parseAreaCenti(cell('area'));
  if (area.ok) areaCenti = area.centi;
  else add('area', area.problem === 'empty' ? '必填项不能为空' : `面积「${cell('area')}」${AREA_REASONS[area.problem]}`);
  const areaSource = coded('areaSource', ctx.vocabulary.areaSource, '面积来源');

  let since: string | null = null;
  if (cell('since') !== '') {
    const d = parseRosterDate(cell('since'), ctx.today);
    if (d.ok) since = d.date;
    else add('since', `产权起始日期「${cell('since')}」${DATE_REASONS[d.problem]}`);
  }

  const developerUnit = status === 'unsold' || status === 'undelivered';
  const ownerCellsEmpty = cell('ownerKind') === '' && cell('ownerName') === '' && cell('idNumber') === '' && cell('phone') === '';
  let ownerKind: OwnerKindValue | null = null;
  let owners: RosterOwnerInput[] = [];
  if (developerUnit) {
    if (!ownerCellsEmpty) checkDeveloperCells(cells, ctx, add);
  } else if (status === 'sold') {
    if (ownerCellsEmpty) add('ownerName', '已售房屋必须填写业主');
    else {
      ownerKind = coded('ownerKind', ctx.vocabulary.ownerKind, '业主类型');
      owners = parseOwners(cells, ownerKind, add);
    }
  }

  if (issues.length > 0 || kind === null || status === null || areaSource === null) return { issues, value: null };
  return {
    issues,
    value: { row, building, unit, kind, status, areaCenti, areaSource, ownerKind, owners, developerUnit, since },
  };
}

/** Unsold and undelivered units belong to the developer: owner cells empty, or naming the developer. */
function checkDeveloperCells(cells: RosterCells, ctx: RosterContext, add: (f: RosterField, r: string) => void): void {
  const dev = ctx.developer;
  if (!dev) {
    add('ownerName', '本小区未登记建设单位；未售、未交付房屋的业主栏请留空');
    return;
  }
  const name = (cells.ownerName ?? '').trim();
  const code = (cells.idNumber ?? '').trim().toUpperCase();
  const kindLabel = (cells.ownerKind ?? '').trim();
  const isDeveloper =
    name === dev.name &&
    (code === '' || code === dev.creditCode) &&
    (kindLabel === '' || ctx.vocabulary.ownerKind[kindLabel] === 'organisation');
  if (!isDeveloper) add('ownerName', `未售、未交付房屋属于建设单位「${dev.name}」：业主栏请留空或填写该建设单位`);
}

function parseOwners(cells: RosterCells, ownerKind: OwnerKindValue | null, add: (f: RosterField, r: string) => void): RosterOwnerInput[] {
  const names = splitMulti(cells.ownerName ?? '');
  const ids = splitMulti(cells.idNumber ?? '');
  const phones = splitMulti(cells.phone ?? '');
  if (names.length === 0) add('ownerName', '必填项不能为空');
  else if (names.some((n) => n === '')) add('ownerName', '业主姓名之间有空项（共有人请用“；”分隔）');
  else if (names.some((n) => n.length > MAX_TEXT)) add('ownerName', `内容过长（最多 ${MAX_TEXT} 个字）`);
  if (ids.length === 0) add('idNumber', '必填项不能为空');
  else if (names.length > 0 && ids.length !== names.length) {
    add('idNumber', `共有人数量不一致：业主姓名 ${names.length} 个，证件号码 ${ids.length} 个`);
  }
  if (phones.length > 0 && names.length > 0 && phones.length !== names.length) {
    add('phone', `共有人数量不一致：业主姓名 ${names.length} 个，手机号 ${phones.length} 个`);
  }
  // a masked phone (an exported roster: 138****1234) keeps the phone the owner already has
  for (const p of phones) if (p !== '' && !MOBILE_PHONE_RE.test(p) && !MASKED_PHONE_RE.test(p)) add('phone', `手机号「${p}」格式错误：应为 1 开头的 11 位数字`);

  const owners: RosterOwnerInput[] = [];
  // the uploader's own ID numbers are not echoed back: reasons name the position instead
  const nth = (i: number) => (ids.length > 1 ? `第 ${i + 1} 个` : '');
  ids.forEach((raw, i) => {
    const masked = ownerKind === 'person' ? maskedIdLast4(raw) : null;
    let idNumber: string | null = null;
    if (raw === '') add('idNumber', '证件号码之间有空项（共有人请用“；”分隔）');
    else if (masked === null && ownerKind === 'person') {
      const p = idNumberProblem(raw);
      if (p) add('idNumber', `${nth(i)}${ID_REASONS[p]}`);
      else idNumber = normaliseIdNumber(raw);
    } else if (masked === null && ownerKind === 'organisation') {
      const p = creditCodeProblem(raw);
      if (p) add('idNumber', `${nth(i)}${CREDIT_REASONS[p]}`);
      else idNumber = raw.trim().toUpperCase();
    }
    const maskedPhone = phones[i] !== undefined && MASKED_PHONE_RE.test(phones[i]);
    // a masked phone only means "keep the phone we have" for an owner we already have, which an
    // exported row names by a masked ID; next to a person's full ID (a new owner, or one typed in
    // anew) it would be dropped without a word. Organisations are exported with their full
    // credit code (public), so for them a masked phone cannot tell new from existing: kept as is.
    if (maskedPhone && ownerKind === 'person' && masked === null && raw !== '') add('phone', `${nth(i)}手机号「${phones[i]}」是导出文件中的掩码，只能用于证件号码同为掩码的已登记业主；新业主请填写完整手机号或留空`);
    owners.push({ name: names[i] ?? '', idNumber, maskedLast4: masked, phone: phones[i] && !maskedPhone ? phones[i] : null });
  });
  const full = owners.map((o) => o.idNumber).filter((x): x is string => x !== null);
  if (new Set(full).size !== full.length) add('idNumber', '同一房屋的共有人证件号码重复');
  return owners;
}
