import type { FundApplicationState } from '../../../../domain/src/funds/application-transitions.ts';

// What the owner's fund routes answer: /my/fund, /my/fund/units/:id/movements and
// /my/fund/statements (contracts/funds-ledger.ts), /my/fund/applications[/:id]
// (contracts/funds-applications.ts). Fields marked optional are ones the server may leave out;
// the screens then say less rather than guess.

export interface MyFundUnit {
  unitId: number;
  /** '1-101' */
  unit: string;
  estateId: number;
  estateName: string;
  areaCenti: number;
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
  /** signed: + into the unit's account, − out of it */
  amountFen: number;
  balanceAfterFen: number;
  memo: string;
  payee: string;
  applicationId: number | null;
  stageNo: number | null;
}

/** newest first, with the balance after each line */
export interface MyFundLedger {
  unit: { unitId: number; unit: string; estateId: number; estateName: string; buildingId: number; areaCenti: number };
  balanceFen: number;
  initialFen: number;
  belowLine: boolean;
  items: MyFundMovement[];
}

export interface MyShare {
  unitId: number;
  unit: string;
  areaCenti: number;
  /** the share of the budget, frozen at submission: what the owner votes on */
  shareFen: number;
  /** after settlement: the share of the actual cost */
  actualFen: number | null;
  payer: 'owner' | 'developer';
}

export interface MyFundApplication {
  id: number;
  estateId: number;
  estateName: string;
  title: string;
  reason: string;
  category: string;
  categoryLabel: string;
  path: 'ordinary' | 'emergency';
  state: FundApplicationState;
  stateLabel: string;
  scopeLabel: string;
  budgetFen: number;
  actualCostFen: number | null;
  contractorName: string;
  decisionReason: string | null;
  submittedAt: string | null;
  publishedAt: string | null;
  meeting: { meetingId: number; itemId: number | null; title: string; state: string } | null;
  myShares: MyShare[];
  // --- in the detail when the server gives them -------------------------------------------
  applicantKind?: 'company' | 'committee';
  applicantName?: string;
  emergencyCategory?: string | null;
  emergencyCategoryLabel?: string | null;
  rejectedExclusion?: string | null;
  reviewDueOn?: string | null;
  approvedAt?: string | null;
  /** the whole scope: what my share was computed from */
  totalAreaCenti?: number;
  unitCount?: number;
  shares?: { unitCount: number; totalAreaCenti: number };
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
  initialFen?: number;
  belowLine?: boolean;
}

export interface MyFundStatementSummary {
  id: number;
  estateId: number;
  estateName: string;
  periodStart: string;
  periodEnd: string;
  publishedAt: string;
  openingFen: number;
  closingFen: number;
}

export interface MyFundStatement {
  id: number;
  estateId: number;
  periodStart: string;
  periodEnd: string;
  publishedAt: string;
  body: { estateName: string; estate: StatementFigures; buildings: (StatementFigures & { buildingId: number; name: string })[] };
}
