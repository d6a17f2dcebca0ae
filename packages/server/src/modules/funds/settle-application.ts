import type { FundSettleBody, FundSettleResult } from '@gongzhi/contracts';
import { FUND_APPLICATION_STATE_LABELS, settlementLines } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { localDate } from '../meetings/index.ts';
import { fundActorFor } from './fund-actor.ts';
import { postMovement, type PostedMovement } from './ledger-writer.ts';
import { APPLICATION, applicationInScope, frozenShares, takenByUnit, yuan } from './stages-plan.ts';
import { transitionApplication } from './transition-application.ts';

// Settlement (结算) after acceptance: the district bureau enters the actual cost. Each unit's
// actual share is the actual cost apportioned over the frozen areas (largest remainder, position
// order), stored beside its budget share. The last stage is, per unit, the actual share minus
// what earlier stages took from it: units still owing pay the contractor in one withdrawal with
// the last stage's number; units that paid more get it back in one reversal. Per-unit rounding
// can go either way, so one settlement may book both; together with the earlier stages they take
// exactly the actual cost from each unit and in total.
//
// An actual cost the scope cannot pay is refused before anything is written, with the shortfall.

export async function settleApplication(
  db: Db,
  opts: { ctx: RequestContext; applicationId: number; now?: Date } & FundSettleBody,
): Promise<FundSettleResult> {
  const { ctx, applicationId, actualCostFen } = opts;
  const a = await applicationInScope(db, ctx, applicationId, true);
  const actor = fundActorFor(ctx, a, 'settle');
  const estateId = Number(a.estate_id);
  const lastStage = a.stage_plan.length;
  const bookedOn = opts.bookedOn ?? localDate(opts.now ?? new Date());
  let paidBeforeFen = 0;
  let withdrawal: PostedMovement | null = null;
  let reversal: PostedMovement | null = null;
  const out = await transitionApplication(db, {
    applicationId, action: 'settle', actor, ctxActor: ctx.actor(), now: opts.now,
    before: async () => {
      const shares = await frozenShares(db, applicationId);
      if (shares.length === 0) throw new AppError('INVALID_TRANSITION', { message: `${APPLICATION}没有冻结的分摊，不能结算` });
      const taken = await takenByUnit(db, applicationId);
      const takenFen = shares.map((x) => taken.get(x.unitId) ?? 0);
      paidBeforeFen = takenFen.reduce((sum, x) => sum + x, 0);
      const due = settlementLines(actualCostFen, shares.map((s) => s.areaCenti), takenFen).map((l, i) => ({ share: shares[i]!, ...l }));
      await refuseUnpayable(db, { estateId, due, actualCostFen, paidBeforeFen });
      await db.query(
        `UPDATE fund_application_shares s SET actual_fen = t.fen
           FROM unnest($2::bigint[], $3::bigint[]) AS t(unit_id, fen)
          WHERE s.application_id = $1 AND s.unit_id = t.unit_id`,
        [applicationId, due.map((d) => d.share.unitId), due.map((d) => d.actualFen)],
      );
      const pay = due.filter((d) => d.dueFen > 0).map((d) => ({ unitId: d.share.unitId, amountFen: d.dueFen }));
      const back = due.filter((d) => d.dueFen < 0).map((d) => ({ unitId: d.share.unitId, amountFen: -d.dueFen }));
      const common = { estateId, bookedOn, applicationId, stageNo: lastStage, actor: ctx.actor() };
      if (pay.length) {
        const payee = opts.payee ?? a.contractor_name.trim();
        if (!payee) throw fieldError('body.payee', '申请未填写施工单位，请填写收款人');
        withdrawal = await postMovement(db, {
          ...common, kind: 'withdrawal', lines: pay, payee, memo: `「${a.title}」结算尾款（第 ${lastStage} 期）`,
        });
      }
      if (back.length) {
        reversal = await postMovement(db, { ...common, kind: 'reversal', lines: back, memo: `「${a.title}」结算退回多拨款项` });
      }
      return {
        set: { actual_cost_fen: actualCostFen },
        audit: {
          actualCostFen, paidBeforeFen, finalWithdrawalFen: withdrawal?.totalFen ?? 0, reversalFen: reversal?.totalFen ?? 0,
          ...(opts.note ? { note: opts.note } : {}),
        },
      };
    },
  });
  const booked = (m: PostedMovement | null) => (m ? { movementId: m.movementId, amountFen: m.totalFen, unitCount: m.lineCount } : null);
  return {
    id: Number(out.application.id), state: out.application.state, stateLabel: FUND_APPLICATION_STATE_LABELS[out.application.state],
    actualCostFen, paidBeforeFen, finalWithdrawal: booked(withdrawal), reversal: booked(reversal),
  };
}

/** Refuses (FUND_INSUFFICIENT_BALANCE, nothing written) when a unit cannot pay what it still owes:
 *  the message gives the actual cost against what the scope can pay, the details every unit short. */
async function refuseUnpayable(
  db: Db,
  o: { estateId: number; due: { share: { unitId: number; label: string }; dueFen: number }[]; actualCostFen: number; paidBeforeFen: number },
): Promise<void> {
  const r = await db.query(
    `SELECT unit_id, credits_fen - debits_fen AS balance FROM fund_accounts
      WHERE kind = 'unit' AND estate_id = $1 AND unit_id = ANY($2::bigint[]) ORDER BY id FOR UPDATE`,
    [o.estateId, o.due.map((d) => d.share.unitId)],
  );
  const balance = new Map(r.rows.map((x) => [Number(x.unit_id), Number(x.balance)]));
  const scopeBalanceFen = o.due.reduce((s, d) => s + (balance.get(d.share.unitId) ?? 0), 0);
  const units = o.due
    .map((d) => ({ d, bal: balance.get(d.share.unitId) ?? 0 }))
    .filter(({ d, bal }) => d.dueFen > bal)
    .map(({ d, bal }) => ({ unitId: d.share.unitId, unit: d.share.label, balanceFen: bal, neededFen: d.dueFen, shortfallFen: d.dueFen - bal }));
  if (units.length === 0) return;
  const shortfallFen = units.reduce((s, u) => s + u.shortfallFen, 0);
  throw new AppError('FUND_INSUFFICIENT_BALANCE', {
    message: `实际费用 ${yuan(o.actualCostFen)} 超出列支范围可支付的金额（已拨付 ${yuan(o.paidBeforeFen)}，范围内余额 ${yuan(scopeBalanceFen)}）：` +
      `${units.length} 户余额不足，合计缺口 ${yuan(shortfallFen)}（如 ${units[0]!.unit}）`,
    details: { shortfallFen, actualCostFen: o.actualCostFen, paidBeforeFen: o.paidBeforeFen, scopeBalanceFen, units },
  });
}
