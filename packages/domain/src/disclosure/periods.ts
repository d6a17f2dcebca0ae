// Disclosure periods (issue 5): a month "2026-10", a quarter "2026-Q3" or a half-year "2026-H2".
// Each city chooses its period (disclosure_city_rules.period_kind); a package is due a number of
// calendar days after its period ends. Dates are YYYY-MM-DD strings in Asia/Shanghai; pure.
import { addCalendarDays } from '../meetings/notice-rules.ts';

export type PeriodKind = 'month' | 'quarter' | 'half_year';

export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = { month: '月度', quarter: '季度', half_year: '半年度' };

/** A city without its own rule row (disclosure_city_rules; the migration's column defaults say the same). */
export const DEFAULT_DISCLOSURE_RULES: { periodKind: PeriodKind; filingDueDays: number; fileWith: 'street' | 'district'; answerDays: number } = {
  periodKind: 'quarter', filingDueDays: 30, fileWith: 'street', answerDays: 7,
};

const KEY = { month: /^(\d{4})-(0[1-9]|1[0-2])$/, quarter: /^(\d{4})-Q([1-4])$/, half_year: /^(\d{4})-H([12])$/ } as const;

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The key of the period of `kind` that contains `date`. */
export function periodKeyOf(kind: PeriodKind, date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  if (kind === 'month') return `${y}-${pad(m)}`;
  if (kind === 'quarter') return `${y}-Q${Math.ceil(m / 3)}`;
  return `${y}-H${m <= 6 ? 1 : 2}`;
}

/** First and last month (1–12) of a parsed key. */
function months(kind: PeriodKind, y: number, n: number): [number, number] {
  if (kind === 'month') return [n, n];
  if (kind === 'quarter') return [3 * n - 2, 3 * n];
  return [6 * n - 5, 6 * n];
}

/** The key's kind, or null when it is not a period key. */
export function periodKindOfKey(key: string): PeriodKind | null {
  for (const k of ['month', 'quarter', 'half_year'] as const) if (KEY[k].test(key)) return k;
  return null;
}

/** The first and last day of a period; null when `key` is not a key of `kind`. */
export function periodBounds(kind: PeriodKind, key: string): { start: string; end: string } | null {
  const m = KEY[kind].exec(key);
  if (!m) return null;
  const y = Number(m[1]);
  const [first, last] = months(kind, y, Number(m[2]));
  return { start: `${y}-${pad(first)}-01`, end: `${y}-${pad(last)}-${pad(lastDay(y, last))}` };
}

/** The period of the same kind just before `key` (2026-Q1 → 2025-Q4). */
export function previousPeriodKey(kind: PeriodKind, key: string): string {
  const b = periodBounds(kind, key);
  if (!b) throw new Error(`not a ${kind} key: ${key}`);
  const d = new Date(`${b.start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return periodKeyOf(kind, d.toISOString().slice(0, 10));
}

/** The last complete period of `kind` on `today` (on 2026-11-22, quarterly: 2026-Q3). */
export function lastCompletePeriodKey(kind: PeriodKind, today: string): string {
  return previousPeriodKey(kind, periodKeyOf(kind, today));
}

/** The day a package for a period ending `periodEnd` is due: `dueDays` calendar days later. */
export function filingDueOn(periodEnd: string, dueDays: number): string {
  return addCalendarDays(periodEnd, dueDays);
}

/** How a period is said in Chinese: 2026年10月 / 2026年第三季度 / 2026年下半年. */
export function periodLabel(key: string): string {
  const kind = periodKindOfKey(key);
  const y = key.slice(0, 4);
  if (kind === 'month') return `${y}年${Number(key.slice(5, 7))}月`;
  if (kind === 'quarter') return `${y}年第${'一二三四'[Number(key.slice(6)) - 1]}季度`;
  if (kind === 'half_year') return `${y}年${key.endsWith('1') ? '上' : '下'}半年`;
  return key;
}
