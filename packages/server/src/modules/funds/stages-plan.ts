import { formatYuan } from '@gongzhi/contracts';
import { stageAmounts } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { findApplicationUnsafe, type FundApplicationRow } from './application-repository.ts';

// What the stage use cases share: the application as the caller may see it, its frozen shares
// (in position order: the order that breaks apportionment ties everywhere), what each stage has
// booked so far and, per unit, how much this application has taken from it.

export const APPLICATION = '维修资金使用申请';

/** The application, locked when asked, or 404 when it is not in the caller's scope. */
export async function applicationInScope(db: Db, ctx: RequestContext, id: number, forUpdate = false): Promise<FundApplicationRow> {
  const a = await findApplicationUnsafe(db, id, { forUpdate });
  if (!a) throw notFound(APPLICATION);
  ctx.assertEstate(Number(a.estate_id), APPLICATION);
  return a;
}

export interface FrozenShare {
  unitId: number;
  label: string;
  areaCenti: number;
  shareFen: number;
  actualFen: number | null;
}

/** The apportionment frozen at submission, in position order. */
export async function frozenShares(db: Db, applicationId: number): Promise<FrozenShare[]> {
  const r = await db.query(
    `SELECT s.unit_id, s.area_centi, s.share_fen, s.actual_fen, b.name || '-' || u.number AS label
       FROM fund_application_shares s JOIN units u ON u.id = s.unit_id JOIN buildings b ON b.id = u.building_id
      WHERE s.application_id = $1 ORDER BY s.position`,
    [applicationId],
  );
  return r.rows.map((x) => ({
    unitId: Number(x.unit_id), label: String(x.label), areaCenti: Number(x.area_centi), shareFen: Number(x.share_fen),
    actualFen: x.actual_fen == null ? null : Number(x.actual_fen),
  }));
}

export interface StageBooking {
  movementId: number;
  kind: 'withdrawal' | 'reversal';
  stageNo: number;
  fen: number;
  bookedOn: string;
  payee: string;
}

/** Every withdrawal and reversal booked for the application, oldest first. */
export async function stageBookings(db: Db, applicationId: number): Promise<StageBooking[]> {
  const r = await db.query(
    `SELECT id, kind, stage_no, total_fen, booked_on, payee FROM fund_movements
      WHERE application_id = $1 AND kind IN ('withdrawal', 'reversal') ORDER BY id`,
    [applicationId],
  );
  return r.rows.map((x) => ({
    movementId: Number(x.id), kind: x.kind, stageNo: Number(x.stage_no), fen: Number(x.total_fen),
    bookedOn: String(x.booked_on), payee: String(x.payee),
  }));
}

/** Per unit: what this application's withdrawals took minus what its reversals returned. */
export async function takenByUnit(db: Db, applicationId: number): Promise<Map<number, number>> {
  const r = await db.query(
    `SELECT t.unit_id, sum(CASE WHEN m.kind = 'withdrawal' THEN t.amount_fen ELSE -t.amount_fen END) AS taken
       FROM fund_movements m JOIN fund_transfers t ON t.movement_id = m.id
      WHERE m.application_id = $1 AND m.kind IN ('withdrawal', 'reversal')
      GROUP BY t.unit_id`,
    [applicationId],
  );
  return new Map(r.rows.map((x) => [Number(x.unit_id), Number(x.taken)]));
}

/** The stages' parts of the budget (largest remainder: they sum to the budget exactly). */
export function plannedStages(a: Pick<FundApplicationRow, 'budget_fen' | 'stage_plan'>): number[] {
  return stageAmounts(Number(a.budget_fen), a.stage_plan.map(Number));
}

export const yuan = (fen: number) => `${formatYuan(fen)} 元`;
