import type { FundDisburseBody, FundStageResult } from '@gongzhi/contracts';
import { FUND_APPLICATION_STATE_LABELS, stageLines } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { isUniqueViolation } from '../../platform/db.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { localDate } from '../meetings/index.ts';
import { fundActorFor } from './fund-actor.ts';
import { postMovement, type PostedMovement } from './ledger-writer.ts';
import { APPLICATION, applicationInScope, frozenShares, plannedStages, stageBookings, yuan } from './stages-plan.ts';
import { transitionApplication } from './transition-application.ts';

// The district bureau pays a stage before the last (e.g. 70% at the start of the works) to the
// contractor: the stage's part of the budget, apportioned over the frozen areas of the scope's
// units by the largest remainder, booked as one withdrawal. The last stage waits for settlement.
//
// A stage is paid once. The application row is locked before anything is read, so a second
// request for the same stage (a double click, two officers at once) waits for the first and then
// finds its withdrawal; the unique index on (application, stage) of withdrawals stands behind it.

export async function disburseStage(
  db: Db,
  opts: { ctx: RequestContext; applicationId: number; stageNo: number; now?: Date } & FundDisburseBody,
): Promise<FundStageResult> {
  const { ctx, applicationId, stageNo } = opts;
  const a = await applicationInScope(db, ctx, applicationId, true);
  const actor = fundActorFor(ctx, a, 'disburse');
  const stages = a.stage_plan.length;
  if (stageNo > stages) throw fieldError('params.stageNo', `本申请只有 ${stages} 期`);
  if (stageNo === stages) {
    throw fieldError('params.stageNo', stages === 1 ? '本申请在结算时按实际费用一次拨付' : `第 ${stages} 期为尾款，在结算时按实际费用拨付`);
  }
  const bookings = await stageBookings(db, applicationId);
  const paid = bookings.find((b) => b.kind === 'withdrawal' && b.stageNo === stageNo);
  if (paid) throw alreadyPaid(stageNo, paid);
  const amountFen = plannedStages(a)[stageNo - 1]!;
  const bookedOn = opts.bookedOn ?? localDate(opts.now ?? new Date());
  let posted: PostedMovement | undefined;
  try {
    const out = await transitionApplication(db, {
      applicationId, action: 'disburse', actor, ctxActor: ctx.actor(), now: opts.now,
      // runs once the transition table allows the step (an application not yet approved is told so first)
      before: async () => {
        for (let k = 1; k < stageNo; k++) {
          if (!bookings.some((b) => b.kind === 'withdrawal' && b.stageNo === k)) throw fieldError('params.stageNo', `请先拨付第 ${k} 期`);
        }
        const payee = opts.payee ?? a.contractor_name.trim();
        if (!payee) throw fieldError('body.payee', '申请未填写施工单位，请填写收款人');
        const shares = await frozenShares(db, applicationId);
        if (shares.length === 0) throw new AppError('INVALID_TRANSITION', { message: `${APPLICATION}尚未冻结分摊，不能拨付` });
        const perUnit = stageLines(Number(a.budget_fen), a.stage_plan.map(Number), stageNo, shares.map((s) => s.areaCenti));
        posted = await postMovement(db, {
          estateId: Number(a.estate_id), kind: 'withdrawal', bookedOn, payee, applicationId, stageNo, actor: ctx.actor(),
          memo: opts.memo ?? `「${a.title}」第 ${stageNo} 期（${Number(a.stage_plan[stageNo - 1]) / 100}%）`,
          lines: shares.map((s, i) => ({ unitId: s.unitId, amountFen: perUnit[i]! })),
        });
        return { audit: { stageNo, movementId: posted.movementId, amountFen, payee } };
      },
    });
    return {
      id: Number(out.application.id), state: out.application.state, stateLabel: FUND_APPLICATION_STATE_LABELS[out.application.state],
      stageNo, movementId: posted!.movementId, amountFen, unitCount: posted!.lineCount,
    };
  } catch (e) {
    // the row lock makes this unreachable in practice; the index answers the same way if not
    if (isUniqueViolation(e)) throw alreadyPaid(stageNo, null);
    throw e;
  }
}

function alreadyPaid(stageNo: number, paid: { movementId: number; fen: number; bookedOn: string } | null): AppError {
  return new AppError('FUND_STAGE_ALREADY_PAID', {
    message: paid ? `第 ${stageNo} 期款项已于 ${paid.bookedOn} 拨付 ${yuan(paid.fen)}，不能重复拨付` : `第 ${stageNo} 期款项已拨付，不能重复拨付`,
    details: { stageNo, ...(paid ? { movementId: paid.movementId, amountFen: paid.fen, bookedOn: paid.bookedOn } : {}) },
  });
}
