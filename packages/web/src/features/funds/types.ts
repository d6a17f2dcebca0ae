// The shapes the fund screens read: the server parts' contracts (packages/contracts/src/funds-*.ts),
// imported as types only so no runtime code from them lands in the bundle.
import type {
  ApportionPreviewView, FundApplicationDetailView, FundApplicationSummaryView, FundConfirmationItem,
  FundOverview, FundReviewItem, FundShareView, FundStageView, FundStagesResponse, FundStatementBody,
  FundUnitLedger,
} from '@gongzhi/contracts';

export type EstateFund = FundOverview;
export type FundBuilding = FundOverview['buildings'][number];
export type FundApplicationSummary = FundApplicationSummaryView;
export type FundApplicationDetail = FundApplicationDetailView;
export type FundShare = FundShareView;
export type ApportionPreview = ApportionPreviewView;
export type FundStage = FundStageView;
export type FundStages = FundStagesResponse;
export type StatementBody = FundStatementBody;
export type StatementLine = FundStatementBody['estate'] & { buildingId?: number; name?: string };
export type UnitLedger = FundUnitLedger;
export type UnitLedgerLine = FundUnitLedger['items'][number];
export type ReviewItem = FundReviewItem;
export type ConfirmationItem = FundConfirmationItem;

// the rows the contracts declare next to their zod schemas (not exported as types there)
export interface FundUnitRow {
  unitId: number; unit: string; buildingId: number; buildingName: string; number: string;
  areaCenti: number; balanceFen: number; initialFen: number; belowLine: boolean;
}
export interface FundMovementRow {
  movementId: number; kind: string; kindLabel: string; bookedOn: string; amountFen: number; unitCount: number;
  memo: string; payee: string; applicationId: number | null; applicationTitle: string | null; stageNo: number | null;
}
export interface FundMovementPage { items: FundMovementRow[]; total: number; page: number; pageSize: number; inFen: number; outFen: number }
export interface FundStatementSummary {
  id: number; estateId: number; estateName: string; periodStart: string; periodEnd: string; publishedAt: string;
  openingFen: number; closingFen: number;
}
