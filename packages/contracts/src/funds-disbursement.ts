import { z } from 'zod';
import { calendarDay } from './calendar.ts';
import { MAX_AMOUNT_FEN } from './money.ts';

// Maintenance fund (issue 4), part F5: paying an approved use in stages, acceptance of the works
// by the committee with owner representatives, settlement at the actual cost, publication to the
// owners in scope. Money in integer fen; dates YYYY-MM-DD (Asia/Shanghai).

const int = z.number().int();
const fen = z.number().int().positive().max(MAX_AMOUNT_FEN);
const ymd = calendarDay();

export const fundStagesParams = z.object({ id: z.coerce.number().int().positive() });
export const fundStageParams = z.object({
  id: z.coerce.number().int().positive(),
  stageNo: z.coerce.number().int().min(1).max(5),
});

/** A booking of a stage: a withdrawal paid to the contractor, or (settlement only) a reversal
 *  returning what earlier stages over-withdrew to the units. */
export const fundStageBookingView = z.object({
  movementId: int,
  /** withdrawal: paid out; reversal: returned to the units (a positive amount) */
  fen: int,
  bookedOn: z.string(),
  payee: z.string(),
});

export const fundStageView = z.object({
  stageNo: int,
  basisPoints: int,
  /** the stage's part of the budget (before settlement) */
  plannedFen: int,
  /** the last stage is paid at settlement, as actual cost − what earlier stages paid */
  final: z.boolean(),
  paid: fundStageBookingView.nullable(),
  /** final stage only: what went back to the units when earlier stages paid more than the actual share */
  returned: fundStageBookingView.nullable(),
});
export type FundStageView = z.infer<typeof fundStageView>;

export const fundStagesResponse = z.object({
  applicationId: int,
  state: z.string(),
  budgetFen: int,
  actualCostFen: int.nullable(),
  /** withdrawals − reversals booked for this application so far */
  paidFen: int,
  stages: z.array(fundStageView),
});
export type FundStagesResponse = z.infer<typeof fundStagesResponse>;

export const fundDisburseBody = z.object({
  /** value date; default today (Asia/Shanghai) */
  bookedOn: ymd.optional(),
  /** default: the application's contractor */
  payee: z.string().trim().min(1).max(200).optional(),
  memo: z.string().trim().max(500).optional(),
});
export type FundDisburseBody = z.infer<typeof fundDisburseBody>;

export const fundStageResult = z.object({
  id: int,
  state: z.string(),
  stateLabel: z.string(),
  stageNo: int,
  movementId: int,
  amountFen: int,
  unitCount: int,
});
export type FundStageResult = z.infer<typeof fundStageResult>;

export const fundAcceptBody = z.object({
  /** the owner representatives who took part in the acceptance (验收), by name; at least one */
  ownerRepresentatives: z.array(z.string().trim().min(1).max(50)).min(1, '至少填写一名业主代表').max(20),
  note: z.string().trim().max(2000).optional(),
  /** acceptance reports already uploaded (POST /attachments, recordType fund_application.acceptance) */
  attachmentIds: z.array(z.number().int().positive()).max(20).optional(),
});
export type FundAcceptBody = z.infer<typeof fundAcceptBody>;

export const fundSettleBody = z.object({
  actualCostFen: fen,
  bookedOn: ymd.optional(),
  payee: z.string().trim().min(1).max(200).optional(),
  note: z.string().trim().max(2000).optional(),
});
export type FundSettleBody = z.infer<typeof fundSettleBody>;

export const fundSettleResult = z.object({
  id: int,
  state: z.string(),
  stateLabel: z.string(),
  actualCostFen: int,
  /** paid by earlier stages */
  paidBeforeFen: int,
  /** the final stage: paid to the contractor, and returned to the units */
  finalWithdrawal: z.object({ movementId: int, amountFen: int, unitCount: int }).nullable(),
  reversal: z.object({ movementId: int, amountFen: int, unitCount: int }).nullable(),
});
export type FundSettleResult = z.infer<typeof fundSettleResult>;

export const fundPublishBody = z.object({ note: z.string().trim().max(2000).optional() }).optional();

export const fundPublishResult = z.object({
  id: int,
  state: z.string(),
  stateLabel: z.string(),
  /** in-app notices sent to the accounts bound to the scope's units */
  notified: int,
});
export type FundPublishResult = z.infer<typeof fundPublishResult>;

export const fundAcceptResult = z.object({ id: int, state: z.string(), stateLabel: z.string() });
