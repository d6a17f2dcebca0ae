import { z } from 'zod';
import { calendarDay, isoInstant } from './calendar.ts';
import { MAX_AMOUNT_FEN } from './money.ts';

// Maintenance fund (issue 4), the ledger part: balances per estate / building / unit, the unit
// ledger, movements, bookings (deposits, interest, refunds), statements and the owner's view.
// Money is integer fen (fields end in Fen), areas integer centi (0.01 m²), dates YYYY-MM-DD in
// Asia/Shanghai.

const id = z.coerce.number().int().positive();
const int = z.number().int();
const date = calendarDay();
const fen = (label: string) => z.number({ error: `${label}须为整数（分）` }).int(`${label}须为整数（分）`).positive(`${label}须大于 0`)
  .max(MAX_AMOUNT_FEN, `${label}过大`);
const memo = z.string().trim().max(500, '摘要不能超过500个字符').default('');

export const fundMovementKinds = z.enum(['deposit', 'replenishment', 'interest', 'withdrawal', 'reversal', 'refund']);
export type FundMovementKind = z.infer<typeof fundMovementKinds>;

export const fundEstateParams = z.object({ id });
export const fundUnitParams = z.object({ unitId: id });
export const fundBuildingParams = z.object({ id, buildingId: id });

// --- balances -------------------------------------------------------------------------------
export const fundBuildingBalance = z.object({
  buildingId: int, name: z.string(), unitCount: int, balanceFen: int, initialFen: int,
  /** balance below 30% of the initial deposits (续筹 line, 办法 第17条) */
  belowLine: z.boolean(),
  /** balance / initial in per cent, one decimal (null while nothing was deposited) */
  ratioPct: z.number().nullable(),
});
export const fundOverview = z.object({
  estateId: int, estateName: z.string(),
  totals: z.object({ balanceFen: int, initialFen: int, unitCount: int, belowLine: z.boolean(), ratioPct: z.number().nullable() }),
  buildings: z.array(fundBuildingBalance),
  cityRules: z.object({ emergencyList: z.string(), reviewWorkingDays: int }),
});
export type FundOverview = z.infer<typeof fundOverview>;

export const fundUnitListQuery = z.object({
  buildingId: id.optional(),
  q: z.string().trim().max(100).optional(),
  belowLine: z.enum(['1', '0']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const fundUnitBalance = z.object({
  unitId: int, unit: z.string(), buildingId: int, buildingName: z.string(), number: z.string(),
  areaCenti: int, balanceFen: int, initialFen: int, belowLine: z.boolean(),
});
export const fundUnitPage = z.object({ items: z.array(fundUnitBalance), total: int, page: int, pageSize: int });

// --- a unit's ledger (分户账), newest first with the balance after each line ------------------
export const fundUnitLedgerLine = z.object({
  movementId: int, kind: fundMovementKinds, kindLabel: z.string(), bookedOn: z.string(),
  /** signed: + into the unit's account, − out of it */
  amountFen: int, balanceAfterFen: int, memo: z.string(), payee: z.string(),
  applicationId: int.nullable(), stageNo: int.nullable(),
});
export const fundUnitLedger = z.object({
  unit: z.object({ unitId: int, unit: z.string(), estateId: int, estateName: z.string(), buildingId: int, areaCenti: int }),
  balanceFen: int, initialFen: int, belowLine: z.boolean(),
  items: z.array(fundUnitLedgerLine),
});
export type FundUnitLedger = z.infer<typeof fundUnitLedger>;

// --- the estate's movements --------------------------------------------------------------------
export const fundMovementQuery = z.object({
  kind: fundMovementKinds.optional(),
  from: date.optional(),
  to: date.optional(),
  /** only the movements that touched this building, with the building's part of each */
  buildingId: id.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const fundMovementView = z.object({
  movementId: int, kind: fundMovementKinds, kindLabel: z.string(), bookedOn: z.string(),
  /** signed as seen by the owners' accounts: + in, − out (the building's part when filtered) */
  amountFen: int, unitCount: int, memo: z.string(), payee: z.string(),
  applicationId: int.nullable(), applicationTitle: z.string().nullable(), stageNo: int.nullable(), createdAt: z.string(),
});
export const fundMovementPage = z.object({
  items: z.array(fundMovementView), total: int, page: int, pageSize: int,
  /** sums over every page of the filter: money in and out (positive numbers) */
  inFen: int, outFen: int,
});

// --- bookings ----------------------------------------------------------------------------------
const bookingBase = {
  kind: z.enum(['deposit', 'replenishment'], { error: '类型须为 deposit（首期交存）或 replenishment（续筹）' }),
  /** default: today (Asia/Shanghai) */
  bookedOn: date.optional(),
  memo,
};
/** Either explicit lines per unit, or every unit of the buildings at a rate per m² (area × rate,
 *  rounded half up to the fen for each unit). */
export const fundDepositBody = z.union([
  z.object({
    ...bookingBase,
    lines: z.array(z.object({ unitId: id, amountFen: fen('金额') })).min(1, '至少需要一户').max(100_000, '一次最多 100000 户'),
  }).strict(),
  z.object({
    ...bookingBase,
    buildingIds: z.array(id).min(1, '请选择至少一个楼栋').max(1000),
    rateFenPerSqm: fen('每平方米交存额'),
  }).strict(),
], { error: '请给出逐户金额 lines，或楼栋 buildingIds 加每平方米交存额 rateFenPerSqm' });
export type FundDepositBody = z.infer<typeof fundDepositBody>;

export const fundInterestBody = z.object({ totalFen: fen('利息总额'), bookedOn: date.optional(), memo });
export const fundRefundBody = z.object({
  amountFen: fen('退还金额'),
  payee: z.string().trim().min(1, '请填写收款人').max(100, '收款人不能超过100个字符'),
  reason: z.string().trim().min(1, '请填写退还原因').max(500, '退还原因不能超过500个字符'),
  bookedOn: date.optional(),
});
export const fundPostedView = z.object({ movementId: int, totalFen: int, lineCount: int });

// --- statements --------------------------------------------------------------------------------
export const fundStatementFigures = z.object({
  openingFen: int, depositsFen: int, replenishmentsFen: int, interestFen: int, withdrawalsFen: int,
  reversalsFen: int, refundsFen: int, closingFen: int, unitCount: int,
  /** initial deposits so far and the 30% line at the period's end */
  initialFen: int, belowLine: z.boolean(),
});
export const fundStatementBody = z.object({
  estateId: int, estateName: z.string(), periodStart: z.string(), periodEnd: z.string(), movementCount: int,
  estate: fundStatementFigures,
  buildings: z.array(fundStatementFigures.extend({ buildingId: int, name: z.string() })),
});
export type FundStatementBody = z.infer<typeof fundStatementBody>;
export const fundStatementPeriod = z.object({ periodStart: date, periodEnd: date });
export const fundStatementView = z.object({
  id: int, estateId: int, periodStart: z.string(), periodEnd: z.string(), publishedAt: z.string(),
  publishedBy: z.string().nullable(), body: fundStatementBody,
});
export const fundStatementSummary = z.object({
  id: int, estateId: int, estateName: z.string(), periodStart: z.string(), periodEnd: z.string(), publishedAt: z.string(),
  openingFen: int, closingFen: int,
});
export const fundStatementList = z.object({ items: z.array(fundStatementSummary) });

// --- the replenishment offer (matter 6 scoped to the building) ---------------------------------
export const fundReplenishmentItemBody = z.union([
  z.object({ meetingId: id, title: z.string().trim().max(200).optional(), description: z.string().trim().max(5000).optional() }).strict(),
  z.object({
    newMeeting: z.object({
      title: z.string().trim().min(1, '请填写会议名称').max(200),
      votingOpensAt: isoInstant('投票开始时间应为 ISO 8601 时间'),
      votingClosesAt: isoInstant('投票截止时间应为 ISO 8601 时间'),
    }),
    title: z.string().trim().max(200).optional(),
    description: z.string().trim().max(5000).optional(),
  }).strict(),
], { error: '请给出草稿会议 meetingId，或新会议 newMeeting' });
export const fundReplenishmentItemView = z.object({ meetingId: int, itemId: int, created: z.boolean() });

// --- the owner ---------------------------------------------------------------------------------
export const myFundView = z.object({
  units: z.array(z.object({
    unitId: int, unit: z.string(), estateId: int, estateName: z.string(), areaCenti: int,
    balanceFen: int, initialFen: int, belowLine: z.boolean(),
  })),
});

// --- the shapes as types, for the web -----------------------------------------------------------
export type FundBuildingBalance = z.infer<typeof fundBuildingBalance>;
export type FundUnitBalance = z.infer<typeof fundUnitBalance>;
export type FundUnitPage = z.infer<typeof fundUnitPage>;
export type FundUnitLedgerLine = z.infer<typeof fundUnitLedgerLine>;
export type FundMovementView = z.infer<typeof fundMovementView>;
export type FundMovementPage = z.infer<typeof fundMovementPage>;
export type FundStatementFigures = z.infer<typeof fundStatementFigures>;
export type FundStatementView = z.infer<typeof fundStatementView>;
export type FundStatementSummary = z.infer<typeof fundStatementSummary>;
export type FundReplenishmentItemBody = z.infer<typeof fundReplenishmentItemBody>;
export type FundReplenishmentItemView = z.infer<typeof fundReplenishmentItemView>;
export type MyFundView = z.infer<typeof myFundView>;
