// Common revenue (公共收益, 民法典 第282条): the ledger's categories, a period's totals, the balance
// check of a statement and each unit's share of the net by exclusive area (第283条). Pure, integer fen.
import { apportionByArea } from '../tally/areas.ts';

export type RevenueDirection = 'income' | 'expense';

export const REVENUE_DIRECTION_LABELS: Record<RevenueDirection, string> = { income: '收入', expense: '支出' };

/** The ledger's categories, in the order statements list them. */
export const REVENUE_CATEGORIES = {
  income: [
    { category: 'parking', label: '停车' },
    { category: 'advertising', label: '广告' },
    { category: 'venue', label: '场地租赁' },
    { category: 'other_income', label: '其他收入' },
  ],
  expense: [
    { category: 'maintenance', label: '共用部位维修养护' },
    { category: 'service_commission', label: '物业管理酬金' },
    { category: 'tax', label: '税费' },
    { category: 'operating', label: '经营成本' },
    { category: 'other_expense', label: '其他支出' },
  ],
} as const satisfies Record<RevenueDirection, readonly { category: string; label: string }[]>;

export type RevenueCategory =
  | (typeof REVENUE_CATEGORIES.income)[number]['category']
  | (typeof REVENUE_CATEGORIES.expense)[number]['category'];

export const REVENUE_CATEGORY_LABELS: Record<RevenueCategory, string> = Object.fromEntries(
  [...REVENUE_CATEGORIES.income, ...REVENUE_CATEGORIES.expense].map((c) => [c.category, c.label]),
) as Record<RevenueCategory, string>;

/** Whether `category` belongs to `direction` (parking is never an expense). */
export function isRevenueCategory(direction: RevenueDirection, category: string): category is RevenueCategory {
  return (REVENUE_CATEGORIES[direction] as readonly { category: string }[]).some((c) => c.category === category);
}

export interface RevenueEntryAmount {
  direction: RevenueDirection;
  category: string;
  /** always positive, as booked */
  amountFen: number;
  /** a reversal counts with the opposite sign of the entry it reverses (same direction and category) */
  reversal?: boolean;
}

/** What an entry adds to the net: income +, expense −, and a reversal the opposite of what it reverses. */
export function signedRevenueAmount(e: { direction: RevenueDirection; amountFen: number; reversal?: boolean }): number {
  return (e.direction === 'income' ? 1 : -1) * (e.reversal ? -1 : 1) * e.amountFen;
}

export interface RevenueCategoryTotal {
  direction: RevenueDirection;
  category: string;
  label: string;
  amountFen: number;
}

export interface RevenueTotals {
  incomeFen: number;
  expenseFen: number;
  netFen: number;
  /** every known category in the listed order (zero included, so statements look alike), then any unknown */
  byCategory: RevenueCategoryTotal[];
}

export function revenueTotals(entries: readonly RevenueEntryAmount[]): RevenueTotals {
  const sums = new Map<string, number>();
  const keyOf = (d: RevenueDirection, c: string) => `${d}:${c}`;
  let incomeFen = 0;
  let expenseFen = 0;
  for (const e of entries) {
    const signed = e.reversal ? -e.amountFen : e.amountFen;
    if (e.direction === 'income') incomeFen += signed;
    else expenseFen += signed;
    sums.set(keyOf(e.direction, e.category), (sums.get(keyOf(e.direction, e.category)) ?? 0) + signed);
  }
  const byCategory: RevenueCategoryTotal[] = [];
  for (const direction of ['income', 'expense'] as const) {
    for (const c of REVENUE_CATEGORIES[direction]) {
      byCategory.push({ direction, category: c.category, label: c.label, amountFen: sums.get(keyOf(direction, c.category)) ?? 0 });
      sums.delete(keyOf(direction, c.category));
    }
  }
  for (const [key, amountFen] of sums) {
    const [direction, category] = key.split(':') as [RevenueDirection, string];
    byCategory.push({ direction, category, label: category, amountFen });
  }
  return { incomeFen, expenseFen, netFen: incomeFen - expenseFen, byCategory };
}

/**
 * A statement balances when the balance the publisher declares equals opening + income − expense.
 * differenceFen = declared − computed (positive: declared more than the books show).
 */
export function checkClosing(o: { openingFen: number; incomeFen: number; expenseFen: number; declaredClosingFen: number }): {
  closingFen: number;
  differenceFen: number;
} {
  const closingFen = o.openingFen + o.incomeFen - o.expenseFen;
  return { closingFen, differenceFen: o.declaredClosingFen - closingFen };
}

/**
 * Each unit's share of a period's net by area (largest remainder, ties to the earlier unit as
 * listed). A negative net (a period of repairs) is split as its magnitude and negated, so the
 * shares are ≤ 0 and still sum exactly to the net.
 */
export function unitSharesOfNet<T extends { id: number; areaCenti: number }>(
  netFen: number,
  units: readonly T[],
): { id: number; areaCenti: number; shareFen: number }[] {
  const magnitude = apportionByArea(Math.abs(netFen), units.map((u) => u.areaCenti));
  const sign = netFen < 0 ? -1 : 1;
  // `|| 0` keeps -0 out of the output (a zero share of a negative net)
  return units.map((u, i) => ({ id: u.id, areaCenti: u.areaCenti, shareFen: sign * magnitude[i]! || 0 }));
}

/**
 * The net per m² of exclusive area in yuan, rounded half away from zero to 4 decimals, for the
 * printed statement ("每平方米 0.1234 元"); the unit shares themselves are exact. "0.0000" without area.
 */
export function netPerSquareMetre(netFen: number, totalAreaCenti: number): string {
  if (totalAreaCenti <= 0) return '0.0000';
  // yuan per m² = netFen / areaCenti; in units of 0.0001 yuan: netFen × 10000 / areaCenti
  const num = BigInt(Math.abs(netFen)) * 10000n;
  const den = BigInt(totalAreaCenti);
  const q = (num * 2n + den) / (2n * den);
  const s = `${q / 10000n}.${String(q % 10000n).padStart(4, '0')}`;
  return netFen < 0 && q > 0n ? `-${s}` : s;
}
