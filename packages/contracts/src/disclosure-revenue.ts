import { z } from 'zod';
import { calendarDay } from './calendar.ts';
import { MAX_AMOUNT_FEN } from './money.ts';

// API shapes of the disclosure module's revenue part (issue 5): the common-revenue ledger
// (公共收益, 民法典 第282条), its monthly / quarterly statements and each unit's share of the net
// by area (第283条). The rules (categories and their labels, totals, the balance check, shares)
// live in @gongzhi/domain (disclosure/revenue.ts); these are only the shapes on the wire.
// Money integer fen (fields end in Fen), areas integer centi, dates YYYY-MM-DD Asia/Shanghai.

const id = z.coerce.number().int().positive();
const int = z.number().int();
const date = calendarDay();
const trimmed = (label: string, max: number) =>
  z.string({ error: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}不能超过${max}个字符`);

export const revenueDirections = z.enum(['income', 'expense']);
export type RevenueDirectionCode = z.infer<typeof revenueDirections>;
/** The domain's REVENUE_CATEGORIES codes. Labels come with every view (categoryLabel), and every
 *  `totals.byCategory` lists all categories in order with their labels (use it for a picker). */
export const revenueCategoryCodes = z.enum([
  'parking', 'advertising', 'venue', 'other_income',
  'maintenance', 'service_commission', 'tax', 'operating', 'other_expense',
], { error: '请选择类别' });
export const revenueManagedBy = z.enum(['company', 'committee']);
export const revenuePeriodKinds = z.enum(['month', 'quarter'], { error: '期间类型应为月度或季度' });

export const revenueEstateParams = z.object({ id });

// --- ledger entries ------------------------------------------------------------------------------
export const revenueEntryBody = z.object({
  direction: revenueDirections,
  category: revenueCategoryCodes,
  counterparty: trimmed('交易对方', 200),
  /** the period the income or cost relates to (e.g. the parking month) */
  periodStart: date,
  periodEnd: date,
  /** the booking date: decides the statement the entry falls in (not in a stated period) */
  bookedOn: date,
  amountFen: z.number({ error: '金额须为整数（分）' }).int('金额须为整数（分）').positive('金额须大于 0')
    .max(MAX_AMOUNT_FEN, '金额过大'),
  memo: z.string().trim().max(500, '摘要不能超过500个字符').default(''),
  /** default: the caller's party (company staff → company, committee → committee) */
  managedBy: revenueManagedBy.optional(),
}).strict();
export type RevenueEntryBody = z.input<typeof revenueEntryBody>;

export const revenueReverseBody = z.object({
  reason: trimmed('冲正原因', 200),
  /** default: today; must not fall in a stated period */
  bookedOn: date.optional(),
}).strict();

export const revenueEntryView = z.object({
  id: int, estateId: int,
  direction: revenueDirections, directionLabel: z.string(),
  category: z.string(), categoryLabel: z.string(),
  counterparty: z.string(), periodStart: z.string(), periodEnd: z.string(), bookedOn: z.string(),
  /** as booked, always > 0 */
  amountFen: int,
  /** how it counts in the net: income +, expense −; a reversal the opposite of what it reverses */
  signedAmountFen: int,
  memo: z.string(),
  managedBy: revenueManagedBy, managedByLabel: z.string(),
  /** this entry reverses that one (冲正) */
  reversesId: int.nullable(),
  /** the entry that reversed this one */
  reversedById: int.nullable(),
  /** the published statement whose period holds bookedOn (the entry is then stated) */
  statementId: int.nullable(),
  /** neither a reversal nor already reversed (a stated entry is reversed into an open period) */
  reversible: z.boolean(),
  createdBy: z.string().nullable(), createdAt: z.string(),
});
export type RevenueEntryView = z.infer<typeof revenueEntryView>;

export const revenueEntryQuery = z.object({
  direction: revenueDirections.optional(),
  category: revenueCategoryCodes.optional(),
  /** booked on or after */
  from: date.optional(),
  /** booked on or before */
  to: date.optional(),
  /** counterparty or memo contains */
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type RevenueEntryQuery = z.input<typeof revenueEntryQuery>;

export const revenueCategoryTotal = z.object({
  direction: revenueDirections, category: z.string(), label: z.string(), amountFen: int,
});
export const revenueTotalsView = z.object({
  incomeFen: int, expenseFen: int, netFen: int,
  /** every category in the domain's order (zero included) */
  byCategory: z.array(revenueCategoryTotal),
});
export type RevenueTotalsView = z.infer<typeof revenueTotalsView>;

export const revenueEntryPage = z.object({
  items: z.array(revenueEntryView), total: int, page: int, pageSize: int,
  /** over every entry of the filter, not only this page */
  totals: revenueTotalsView,
});
export type RevenueEntryPage = z.infer<typeof revenueEntryPage>;

// --- statements --------------------------------------------------------------------------------
export const revenuePeriodQuery = z.object({
  periodKind: revenuePeriodKinds,
  /** 2026-10 (month) or 2026-Q3 (quarter) */
  periodKey: z.string().trim().min(1, '请选择期间'),
});

export const revenueStatementRef = z.object({ id: int, periodKey: z.string(), periodLabel: z.string(), periodStart: z.string(), periodEnd: z.string() });

export const revenuePreview = z.object({
  estateId: int, periodKind: revenuePeriodKinds, periodKey: z.string(), periodLabel: z.string(),
  periodStart: z.string(), periodEnd: z.string(),
  /** the closing of the latest statement before this period (0 for the first) */
  openingFen: int,
  previousStatementId: int.nullable(),
  incomeFen: int, expenseFen: int, netFen: int,
  /** opening + income − expense: the balance to declare */
  closingFen: int,
  byCategory: z.array(revenueCategoryTotal),
  entryCount: int,
  unitCount: int, totalAreaCenti: int,
  /** published statements this period overlaps (publishing is refused while non-empty) */
  overlaps: z.array(revenueStatementRef),
  /** entries booked before this period and after the previous statement: not in any statement
   *  (publishing is refused until their period is stated) */
  unstatedEarlierCount: int,
  /** false while the period has not ended (today in Asia/Shanghai) */
  periodEnded: z.boolean(),
  /** why publishing this period would be refused now (overlap, a later statement, unstated
   *  earlier entries, the period not over), in Chinese; null when it can be published */
  blockedReason: z.string().nullable(),
});
export type RevenuePreview = z.infer<typeof revenuePreview>;

export const revenueStatementBody = z.object({
  periodKind: revenuePeriodKinds,
  periodKey: z.string().trim().min(1, '请选择期间'),
  /** the account balance at the period's end, as the publisher declares it (must equal the books) */
  declaredClosingFen: z.number({ error: '期末余额须为整数（分）' }).int('期末余额须为整数（分）')
    .min(-Number.MAX_SAFE_INTEGER, '期末余额过小').max(Number.MAX_SAFE_INTEGER, '期末余额过大'),
  note: z.string().trim().max(2000, '说明不能超过2000个字符').optional(),
}).strict();
export type RevenueStatementBody = z.input<typeof revenueStatementBody>;

export const revenueStatementSummary = z.object({
  id: int, estateId: int, estateName: z.string(),
  periodKind: revenuePeriodKinds, periodKey: z.string(), periodLabel: z.string(), periodStart: z.string(), periodEnd: z.string(),
  openingFen: int, incomeFen: int, expenseFen: int, netFen: int, closingFen: int,
  unitCount: int, totalAreaCenti: int,
  publisherName: z.string(),
  publishedAt: z.string(), publishedBy: z.string().nullable(),
  /** the announcement that published it to the owners */
  noticeId: int.nullable(),
});
export type RevenueStatementSummary = z.infer<typeof revenueStatementSummary>;
export const revenueStatementList = z.object({ items: z.array(revenueStatementSummary) });

/** An entry as frozen in the statement at publication. */
export const revenueStatementEntry = z.object({
  id: int, direction: revenueDirections, category: z.string(), categoryLabel: z.string(), counterparty: z.string(),
  periodStart: z.string(), periodEnd: z.string(), bookedOn: z.string(), amountFen: int, signedAmountFen: int,
  memo: z.string(), managedBy: revenueManagedBy, reversesId: int.nullable(),
});
export const revenueStatementView = revenueStatementSummary.extend({
  note: z.string(),
  byCategory: z.array(revenueCategoryTotal),
  entries: z.array(revenueStatementEntry),
  /** net ÷ total area, yuan per m² with 4 decimals, for the printed page (the shares are exact) */
  perSquareMetre: z.string(),
});
export type RevenueStatementView = z.infer<typeof revenueStatementView>;

export const revenueShareQuery = z.object({
  buildingId: id.optional(),
  /** unit number contains */
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
export const revenueShareRow = z.object({
  unitId: int, unit: z.string(), buildingId: int, buildingName: z.string(), number: z.string(), areaCenti: int, shareFen: int,
});
export const revenueSharePage = z.object({
  items: z.array(revenueShareRow), total: int, page: int, pageSize: int,
  /** every unit of the statement, whatever the filter: they sum to netFen */
  netFen: int, totalAreaCenti: int,
  buildings: z.array(z.object({ buildingId: int, name: z.string(), unitCount: int, areaCenti: int, shareFen: int })),
});
export type RevenueSharePage = z.infer<typeof revenueSharePage>;

// --- the owner's view ----------------------------------------------------------------------------
export const myRevenueShare = z.object({ unitId: int, unit: z.string(), areaCenti: int, shareFen: int });
export const myRevenueStatementItem = revenueStatementSummary.extend({ myShares: z.array(myRevenueShare) });
export const myRevenueStatementList = z.object({ items: z.array(myRevenueStatementItem) });
export const myRevenueStatementView = revenueStatementView.extend({ myShares: z.array(myRevenueShare) });
export type MyRevenueStatementItem = z.infer<typeof myRevenueStatementItem>;
export type MyRevenueStatementView = z.infer<typeof myRevenueStatementView>;
