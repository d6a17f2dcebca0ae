import { parseAreaCenti, type AreaProblem } from '../registry/area.ts';
import { isMatter, matterInfo } from './matters.ts';
import { isRuleProfileId, RULE_ALIASES } from './profiles.ts';
import type {
  AreaSource, ChargingScope, DecisionRecord, RuleProfileId, TallyBallot, TallyOptions, TallyUnit,
} from './types.ts';

// Parses a decision record (TALLY-SPEC §7, `gongzhi.decision-record/v1`) from untrusted JSON.
// Unknown fields are ignored; the first bad or missing field is named (e.g. `units[3].area`).

export const DECISION_RECORD_FORMAT = 'gongzhi.decision-record/v1';

export type RecordParse = { ok: true; record: DecisionRecord } | { ok: false; field: string; message: string };

class Bad extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(o: Obj, key: string, path: string, required: true): string;
function str(o: Obj, key: string, path: string, required?: false): string | undefined;
function str(o: Obj, key: string, path: string, required = false): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) {
    if (required) throw new Bad(path, '缺少必填字段');
    return undefined;
  }
  if (typeof v !== 'string' || v.trim() === '') throw new Bad(path, '应为非空字符串');
  return v;
}

function oneOf<T extends string>(o: Obj, key: string, path: string, allowed: readonly T[], fallback?: T): T | undefined {
  const v = o[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) throw new Bad(path, `应为 ${allowed.join(' | ')} 之一`);
  return v as T;
}

function strList(v: unknown, path: string): string[] {
  if (!Array.isArray(v)) throw new Bad(path, '应为字符串数组');
  return v.map((s, i) => {
    if (typeof s !== 'string' || s.trim() === '') throw new Bad(`${path}[${i}]`, '应为非空字符串');
    return s;
  });
}

const AREA_PROBLEM_ZH: Record<AreaProblem, string> = {
  empty: '面积为空', not_a_number: '面积应为数字', negative: '面积不能为负', zero: '面积不能为 0',
  too_many_decimals: '面积最多两位小数', too_large: '面积过大',
};

function area(v: unknown, path: string): number {
  if (typeof v !== 'number' && typeof v !== 'string') throw new Bad(path, '面积应为数字（最多两位小数）');
  const r = parseAreaCenti(v);
  if (!r.ok) throw new Bad(path, AREA_PROBLEM_ZH[r.problem]);
  return r.centi;
}

const AREA_SOURCES = ['registry', 'survey', 'contract'] as const;

function parseUnit(v: unknown, i: number, seen: Set<string>): TallyUnit {
  const p = `units[${i}]`;
  if (!isObj(v)) throw new Bad(p, '应为对象');
  const unit = str(v, 'unit', `${p}.unit`, true);
  if (seen.has(unit)) throw new Bad(`${p}.unit`, `房屋 ${unit} 重复`);
  seen.add(unit);
  const status = oneOf(v, 'status', `${p}.status`, ['sold', 'unsold', 'undelivered'] as const);
  if (!status) throw new Bad(`${p}.status`, '缺少必填字段');
  const owner = str(v, 'owner', `${p}.owner`);
  if (status === 'sold' && owner === undefined) throw new Bad(`${p}.owner`, '已售房屋缺少业主');
  const u: TallyUnit = {
    unit, status, kind: oneOf(v, 'kind', `${p}.kind`, ['residential', 'commercial', 'parking'] as const, 'residential')!,
  };
  if (owner !== undefined) u.owner = owner;
  const building = v.building;
  if (building !== undefined && building !== null) {
    if (typeof building !== 'string' && typeof building !== 'number') throw new Bad(`${p}.building`, '应为字符串');
    u.building = String(building);
  }
  if (v.coOwners !== undefined && v.coOwners !== null) {
    u.coOwners = strList(v.coOwners, `${p}.coOwners`);
    if (u.coOwners.length === 0) throw new Bad(`${p}.coOwners`, '共有人列表不能为空');
  }
  const dv = str(v, 'designatedVoter', `${p}.designatedVoter`);
  if (dv !== undefined) {
    if (!u.coOwners?.includes(dv)) throw new Bad(`${p}.designatedVoter`, '约定的表决人应在 coOwners 中');
    u.designatedVoter = dv;
  }
  const hasArea = v.area !== undefined && v.area !== null;
  const hasCandidates = v.areaCandidates !== undefined && v.areaCandidates !== null;
  if (hasArea && hasCandidates) throw new Bad(`${p}.area`, '只能给出 area 或 areaCandidates 之一');
  if (hasArea) {
    u.areaCenti = area(v.area, `${p}.area`);
    const src = oneOf(v, 'areaSource', `${p}.areaSource`, AREA_SOURCES);
    if (src) u.areaSource = src;
  } else if (hasCandidates) {
    const c = v.areaCandidates;
    if (!isObj(c)) throw new Bad(`${p}.areaCandidates`, '应为对象（registry / survey / contract）');
    const cand: Partial<Record<AreaSource, number>> = {};
    for (const s of AREA_SOURCES) if (c[s] !== undefined && c[s] !== null) cand[s] = area(c[s], `${p}.areaCandidates.${s}`);
    if (Object.keys(cand).length === 0) throw new Bad(`${p}.areaCandidates`, '至少需要 registry、survey、contract 之一');
    u.areaCandidates = cand;
  } else {
    throw new Bad(`${p}.area`, '缺少面积（area 或 areaCandidates）');
  }
  return u;
}

function parseBallot(v: unknown, i: number): TallyBallot {
  const p = `ballots[${i}]`;
  if (!isObj(v)) throw new Bad(p, '应为对象');
  const b: TallyBallot = {
    owner: str(v, 'owner', `${p}.owner`, true),
    choice: oneOf(v, 'choice', `${p}.choice`, ['yes', 'no', 'abstain', 'spoiled'] as const) ?? (() => {
      throw new Bad(`${p}.choice`, '缺少必填字段');
    })(),
  };
  const castBy = str(v, 'castBy', `${p}.castBy`);
  if (castBy !== undefined) b.castBy = castBy;
  const proxy = oneOf(v, 'proxy', `${p}.proxy`, ['written', 'oral'] as const);
  if (proxy) b.proxy = proxy;
  const unit = str(v, 'unit', `${p}.unit`);
  if (unit !== undefined) b.unit = unit;
  if (v.seq !== undefined && v.seq !== null) {
    if (typeof v.seq !== 'number' || !Number.isSafeInteger(v.seq)) throw new Bad(`${p}.seq`, '应为整数');
    b.seq = v.seq;
  }
  const channel = oneOf(v, 'channel', `${p}.channel`, ['online', 'paper'] as const);
  if (channel) b.channel = channel;
  if (v.afterClose !== undefined && v.afterClose !== null) {
    if (typeof v.afterClose !== 'boolean') throw new Bad(`${p}.afterClose`, '应为 true 或 false');
    b.afterClose = v.afterClose;
  }
  return b;
}

function parseOptions(v: unknown): Partial<TallyOptions> {
  if (v === undefined || v === null) return {};
  if (!isObj(v)) throw new Bad('options', '应为对象');
  const out: Partial<TallyOptions> = {};
  for (const k of ['nonVotersFollowMajority', 'spoiledCountsAsParticipation', 'parkingAreaCounts', 'paperOverridesOnline'] as const) {
    if (v[k] === undefined || v[k] === null) continue;
    if (typeof v[k] !== 'boolean') throw new Bad(`options.${k}`, '应为 true 或 false');
    out[k] = v[k];
  }
  const prec = oneOf(v, 'ballotPrecedence', 'options.ballotPrecedence', ['last', 'first'] as const);
  if (prec) out.ballotPrecedence = prec;
  const t = v.proxyFlagThreshold;
  if (t !== undefined && t !== null) {
    if (typeof t !== 'number' || !Number.isSafeInteger(t) || t < 0) throw new Bad('options.proxyFlagThreshold', '应为非负整数');
    out.proxyFlagThreshold = t;
  }
  return out;
}

function parseScope(v: unknown): ChargingScope | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) throw new Bad('scope', '应为对象（buildings / units）');
  const s: ChargingScope = {};
  if (v.buildings !== undefined && v.buildings !== null) {
    if (!Array.isArray(v.buildings)) throw new Bad('scope.buildings', '应为字符串数组');
    s.buildings = strList(v.buildings.map((b) => (typeof b === 'number' ? String(b) : b)), 'scope.buildings');
  }
  if (v.units !== undefined && v.units !== null) s.units = strList(v.units, 'scope.units');
  if (!s.buildings?.length && !s.units?.length) throw new Bad('scope', '列支范围至少需要一个楼栋或房屋');
  return s;
}

function parse(input: unknown): DecisionRecord {
  if (!isObj(input)) throw new Bad('(root)', '决定记录应为 JSON 对象');
  if (input.format !== DECISION_RECORD_FORMAT) throw new Bad('format', `应为 "${DECISION_RECORD_FORMAT}"`);
  const rulesRaw = str(input, 'rules', 'rules', true);
  const alias = RULE_ALIASES[rulesRaw];
  if (!alias && !isRuleProfileId(rulesRaw)) {
    throw new Bad('rules', '未知的规则：应为 civil-code-2021 | shanghai-2020 | ningbo-2021 | covenant-follow-majority');
  }
  const rules: RuleProfileId = alias ? alias.rules : (rulesRaw as RuleProfileId);
  const options = { ...(alias?.options ?? {}), ...parseOptions(input.options) };
  if (input.matter === undefined || input.matter === null) throw new Bad('matter', '缺少必填字段');
  if (!isMatter(input.matter)) throw new Bad('matter', '应为 1 到 9 的整数（民法典 第278条 的事项）');
  const matter = input.matter;
  const scope = parseScope(input.scope);
  if (scope && !matterInfo(matter).scopable) throw new Bad('scope', '只有维修资金事项（5、6）可以限定列支范围');
  const developer = str(input, 'developer', 'developer') ?? 'DEV';
  if (!Array.isArray(input.units)) throw new Bad('units', input.units === undefined ? '缺少必填字段' : '应为数组');
  if (input.units.length === 0) throw new Bad('units', '名册不能为空');
  const seen = new Set<string>();
  const units = input.units.map((u, i) => parseUnit(u, i, seen));
  if (!Array.isArray(input.ballots)) throw new Bad('ballots', input.ballots === undefined ? '缺少必填字段' : '应为数组');
  const ballots = input.ballots.map(parseBallot);
  const record: DecisionRecord = { format: DECISION_RECORD_FORMAT, rules, options, matter, developer, units, ballots };
  if (scope) record.scope = scope;
  return record;
}

export function parseDecisionRecord(input: unknown): RecordParse {
  try {
    return { ok: true, record: parse(input) };
  } catch (e) {
    if (e instanceof Bad) return { ok: false, field: e.field, message: e.message };
    throw e;
  }
}
