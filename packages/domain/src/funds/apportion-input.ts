import { MAX_AREA_CENTI, parseAreaCenti, type AreaProblem } from '../registry/area.ts';
import { apportionByArea } from '../tally/areas.ts';

// The input of `gongzhi apportion` (issue 4): anyone can check a share offline.
//   { "totalFen": 1000000, "units": [ { "unit": "2-101", "area": 89.5 }, ... ] }
// Units in their order (the order breaks ties of the largest-remainder rule). Areas are JSON
// numbers with at most two decimals; each is read through its decimal text (String(n), the
// shortest text that gives back the same number) into integer centi, never by multiplying a float.
// Bad input names the field (`units[3].area`) with a Chinese reason.

export interface ApportionUnit { unit: string; areaCenti: number }
export interface ApportionInput { totalFen: number; units: ApportionUnit[] }
export type ApportionParse = ({ ok: true } & ApportionInput) | { ok: false; field: string; message: string };

const AREA_MESSAGES: Record<AreaProblem, string> = {
  empty: '缺少面积',
  not_a_number: '面积须为数字（如 89.5）',
  negative: '面积须大于 0',
  zero: '面积须大于 0',
  too_many_decimals: '面积最多两位小数',
  too_large: `面积不得超过 ${MAX_AREA_CENTI / 100} 平方米`,
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseApportionInput(json: unknown): ApportionParse {
  const fail = (field: string, message: string): ApportionParse => ({ ok: false, field, message });
  if (!isObject(json)) return fail('(根)', '输入须为 JSON 对象 { "totalFen": …, "units": [...] }');
  const total = json.totalFen;
  if (total === undefined) return fail('totalFen', '缺少总金额（分）');
  if (typeof total !== 'number' || !Number.isSafeInteger(total) || total <= 0) return fail('totalFen', '总金额须为正整数（单位：分）');
  const units = json.units;
  if (units === undefined) return fail('units', '缺少房屋列表');
  if (!Array.isArray(units)) return fail('units', '房屋列表须为数组');
  if (units.length === 0) return fail('units', '房屋列表为空');
  const out: ApportionUnit[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < units.length; i++) {
    const u: unknown = units[i];
    const at = `units[${i}]`;
    if (!isObject(u)) return fail(at, '每一户须为对象 { "unit": …, "area": … }');
    if (typeof u.unit !== 'string' || u.unit.trim() === '') return fail(`${at}.unit`, '缺少房号');
    const unit = u.unit.trim();
    if (seen.has(unit)) return fail(`${at}.unit`, `房号 ${unit} 重复`);
    seen.add(unit);
    if (u.area === undefined || u.area === null) return fail(`${at}.area`, AREA_MESSAGES.empty);
    // a string "89.5" is refused too: the format says numbers, and a spreadsheet's text would hide typos
    if (typeof u.area !== 'number') return fail(`${at}.area`, AREA_MESSAGES.not_a_number);
    const area = parseAreaCenti(u.area);
    if (!area.ok) return fail(`${at}.area`, AREA_MESSAGES[area.problem]);
    out.push({ unit, areaCenti: area.centi });
  }
  return { ok: true, totalFen: total, units: out };
}

/** Shares of the total by area, largest remainder, ties to the earlier unit; they sum to the total. */
export function apportion(input: ApportionInput): { shares: { unit: string; fen: number }[] } {
  const fen = apportionByArea(input.totalFen, input.units.map((u) => u.areaCenti));
  return { shares: input.units.map((u, i) => ({ unit: u.unit, fen: fen[i]! })) };
}
