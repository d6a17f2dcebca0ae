import type { MyFundApplicationView } from '@gongzhi/contracts';

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

/** a use application that charges one of my units, with my shares (contracts/funds-applications.ts) */
export type MyFundApplication = MyFundApplicationView;
export type MyShare = MyFundApplicationView['myShares'][number];

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
