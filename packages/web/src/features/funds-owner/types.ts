import type { FundApplicationState } from '../../../../domain/src/funds/application-transitions.ts';

// What the owner's fund routes answer (/my/fund..., see docs: funds-design "API"). Written
// against the agreed API while the server parts land; fields marked optional are ones a server
// part may leave out, and the screens then say less rather than guess.

export interface MyFundUnit {
  unitId: number;
  /** '1-101' */
  unit: string;
  estateName: string;
  estateId?: number;
  areaCenti?: number;
  balanceFen: number;
  initialFen: number;
  belowLine: boolean;
}

export interface MyFundResponse {
  units: MyFundUnit[];
}

export interface MyFundMovement {
  movementId: number;
  kind: string;
  kindLabel: string;
  bookedOn: string;
  /** signed: + in, − out */
  amountFen: number;
  balanceAfterFen: number;
  memo: string;
  applicationId: number | null;
}

export interface MyFundMovementsResponse {
  unit: string | { unitId?: number; unit?: string; label?: string; estateName?: string; areaCenti?: number };
  balanceFen: number;
  initialFen?: number;
  belowLine?: boolean;
  items: MyFundMovement[];
}

export interface MyShare {
  unitId?: number;
  unit: string;
  areaCenti?: number;
  shareFen: number;
  actualFen: number | null;
  payer?: 'owner' | 'developer';
}

export interface MyFundApplicationSummary {
  id: number;
  estateId?: number;
  estateName?: string;
  title: string;
  category: string;
  categoryLabel?: string;
  path: 'ordinary' | 'emergency';
  state: FundApplicationState;
  budgetFen: number;
  actualCostFen: number | null;
  meetingId: number | null;
  myShares: MyShare[];
  submittedAt?: string | null;
  publishedAt?: string | null;
}

export interface MyFundApplicationDetail extends MyFundApplicationSummary {
  reason: string;
  applicantKind?: 'company' | 'committee';
  applicantName?: string;
  emergencyList?: string | null;
  emergencyCategory?: string | null;
  emergencyCategoryLabel?: string | null;
  scopeKind?: 'units' | 'buildings' | 'facility';
  scopeLabel?: string;
  facilityName?: string | null;
  /** the whole scope: what my share was computed from */
  totalAreaCenti?: number;
  unitCount?: number;
  decisionReason?: string | null;
  rejectedExclusion?: string | null;
  meetingTitle?: string | null;
  meetingState?: string | null;
  contractorName?: string;
  reviewDueOn?: string | null;
  approvedAt?: string | null;
  acceptedAt?: string | null;
  settledAt?: string | null;
  confirmations?: { kind: 'committee' | 'street' | 'acceptance'; note: string; createdAt: string; ownerRepresentatives?: string[] }[];
}

export interface StatementFigures {
  openingFen: number;
  depositsFen: number;
  replenishmentsFen: number;
  interestFen: number;
  withdrawalsFen: number;
  reversalsFen: number;
  refundsFen: number;
  closingFen: number;
  unitCount: number;
}

export interface MyFundStatement {
  id: number;
  estateId?: number;
  estateName?: string;
  periodStart: string;
  periodEnd: string;
  publishedAt: string;
  body?: { estate?: StatementFigures; buildings?: (StatementFigures & { buildingId?: number; name: string })[] };
}
