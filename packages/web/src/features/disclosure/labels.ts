// Chinese labels of the disclosure screens (officials). They mirror the domain's tables
// (packages/domain/src/disclosure: REVENUE_CATEGORIES, PERIOD_KIND_LABELS, periodLabel): the web
// bundle does not import the domain package, whose index also pulls in server-side code. The
// server's own labels win where it sends them (categoryLabel, stateLabel).

export type Direction = 'income' | 'expense';

export const DIRECTION_LABELS: Record<Direction, string> = { income: '收入', expense: '支出' };

/** REVENUE_CATEGORIES of the domain */
export const REVENUE_CATEGORIES: Record<Direction, { code: string; label: string }[]> = {
  income: [
    { code: 'parking', label: '停车' },
    { code: 'advertising', label: '广告' },
    { code: 'venue', label: '场地租赁' },
    { code: 'other_income', label: '其他收入' },
  ],
  expense: [
    { code: 'maintenance', label: '共用部位维修养护' },
    { code: 'service_commission', label: '物业管理酬金' },
    { code: 'tax', label: '税费' },
    { code: 'operating', label: '经营成本' },
    { code: 'other_expense', label: '其他支出' },
  ],
};

export function revenueCategoryLabel(code: string | null | undefined): string {
  if (!code) return '—';
  for (const list of Object.values(REVENUE_CATEGORIES)) {
    const c = list.find((x) => x.code === code);
    if (c) return c.label;
  }
  return code;
}

export type PeriodKind = 'month' | 'quarter' | 'half_year';
export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = { month: '月度', quarter: '季度', half_year: '半年度' };

const pad = (n: number) => String(n).padStart(2, '0');

/** periodKeyOf of the domain: the key of the period of `kind` containing YYYY-MM-DD `date` */
export function periodKeyOf(kind: PeriodKind, date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  if (kind === 'month') return `${y}-${pad(m)}`;
  if (kind === 'quarter') return `${y}-Q${Math.ceil(m / 3)}`;
  return `${y}-H${m <= 6 ? 1 : 2}`;
}

/** periodLabel of the domain: 2026年10月 / 2026年第三季度 / 2026年下半年 */
export function periodLabel(key: string | null | undefined): string {
  if (!key) return '—';
  const y = key.slice(0, 4);
  if (/^\d{4}-\d{2}$/.test(key)) return `${y}年${Number(key.slice(5, 7))}月`;
  if (/^\d{4}-Q[1-4]$/.test(key)) return `${y}年第${'一二三四'[Number(key.slice(6)) - 1]}季度`;
  if (/^\d{4}-H[12]$/.test(key)) return `${y}年${key.endsWith('1') ? '上' : '下'}半年`;
  return key;
}

/**
 * The `count` most recent periods of `kind` up to the one containing `today` (newest first), for
 * a period picker. Walks months back from today and keeps each new key (integer calendar maths).
 */
export function recentPeriodKeys(kind: PeriodKind, today: string, count: number): string[] {
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  const keys: string[] = [];
  while (keys.length < count) {
    const k = periodKeyOf(kind, `${y}-${pad(m)}-01`);
    if (!keys.includes(k)) keys.push(k);
    m -= 1;
    if (m === 0) { m = 12; y -= 1; }
  }
  return keys;
}

/** lastCompletePeriodKey of the domain */
export function lastCompletePeriodKey(kind: PeriodKind, today: string): string {
  return recentPeriodKeys(kind, today, 2)[1];
}

/** today in Asia/Shanghai as YYYY-MM-DD (the platform's calendar) */
export function todayInShanghai(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

// party and state names come from the contracts (FILING_PARTY_LABELS, FILING_STATE_LABELS) and
// with every view (partyLabel, stateLabel); only the tag colours are the screens' own
export type FilingState = 'draft' | 'filed' | 'acknowledged' | 'returned';
export const FILING_STATE_COLORS: Record<FilingState, string> = { draft: 'default', filed: 'blue', acknowledged: 'green', returned: 'orange' };

/** recordType `disclosure_filing.<kind>` of the shared attachments store */
export const FILING_ATTACHMENT_KINDS: Record<string, string> = {
  contract: '物业服务合同', fee: '收费标准', contractor: '外包服务合同', other: '其他材料',
};
