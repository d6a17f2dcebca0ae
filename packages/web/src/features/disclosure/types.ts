// Shapes of the disclosure API (issue 5): the contracts' types under the names the screens use.

// common revenue: the contracts' shapes (D2)
export type {
  RevenueEntryView as RevenueEntry, RevenueEntryPage, RevenuePreview, RevenueSharePage,
  RevenueStatementSummary, RevenueStatementView, RevenueTotalsView,
} from '@gongzhi/contracts';

// filings: the contracts' shapes (D3)
export type {
  DisclosureCityRulesView as CityRules, FilingContentView as FilingContent, FilingDetail, FilingListItem,
  FilingStatusRow, FilingStatusView,
} from '@gongzhi/contracts';
