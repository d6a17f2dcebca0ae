import type { FundStagesResponse } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { applicationInScope, plannedStages, stageBookings } from './stages-plan.ts';

// The stages of an approved use: each stage's part of the budget and what was booked for it.
// The last stage is paid at settlement (actual cost − earlier stages), possibly as a payment to
// the contractor and a return to the units at once (rounding per unit can go either way).

export async function listStages(db: Db, opts: { ctx: RequestContext; applicationId: number }): Promise<FundStagesResponse> {
  const a = await applicationInScope(db, opts.ctx, opts.applicationId);
  const planned = plannedStages(a);
  const bookings = await stageBookings(db, Number(a.id));
  const last = a.stage_plan.length;
  const view = (k: 'withdrawal' | 'reversal', n: number) => {
    const b = bookings.find((x) => x.kind === k && x.stageNo === n);
    return b ? { movementId: b.movementId, fen: b.fen, bookedOn: b.bookedOn, payee: b.payee } : null;
  };
  const paidFen = bookings.reduce((s, b) => s + (b.kind === 'withdrawal' ? b.fen : -b.fen), 0);
  return {
    applicationId: Number(a.id),
    state: a.state,
    budgetFen: Number(a.budget_fen),
    actualCostFen: a.actual_cost_fen == null ? null : Number(a.actual_cost_fen),
    paidFen,
    stages: a.stage_plan.map((bp, i) => ({
      stageNo: i + 1,
      basisPoints: Number(bp),
      plannedFen: planned[i]!,
      final: i + 1 === last,
      paid: view('withdrawal', i + 1),
      returned: i + 1 === last ? view('reversal', i + 1) : null,
    })),
  };
}
