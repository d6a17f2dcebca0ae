// Shapes of the disclosure API (issue 5): the contracts' types under the names the screens use.
import type { Direction } from './labels.ts';

// common revenue: the contracts' shapes (D2)
export type {
  RevenueEntryView as RevenueEntry, RevenueEntryPage, RevenuePreview, RevenueSharePage,
  RevenueStatementSummary, RevenueStatementView, RevenueTotalsView,
} from '@gongzhi/contracts';

/** byCategory: the contracts send rows; a map code → fen is read too (older shapes) */
export type ByCategory = Record<string, number | { direction?: Direction; amountFen?: number; label?: string }>
  | { category: string; direction?: Direction; amountFen?: number; label?: string; categoryLabel?: string }[];

// filings: the contracts' shapes (D3)
export type {
  DisclosureCityRulesView as CityRules, FilingContentView as FilingContent, FilingDetail, FilingListItem,
  FilingStatusRow, FilingStatusView,
} from '@gongzhi/contracts';
