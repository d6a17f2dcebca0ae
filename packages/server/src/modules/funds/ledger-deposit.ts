import type { FundDepositBody } from '@gongzhi/contracts';
import { depositAtRate } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { fieldError } from '../../platform/errors.ts';
import { localDate } from '../meetings/index.ts';
import { bookingDate, naturalOrder } from './balance-line.ts';
import { postMovement, type PostedMovement, type UnitAmount } from './ledger-writer.ts';
import { scheduleHalfYearStatement } from './statement-jobs.ts';

// Initial deposits (首期交存) and replenishments (续筹) into the unit accounts, either as explicit
// lines per unit (what the bank's deposit list says) or for whole buildings at a rate per m² of
// each unit's area (the domain's depositAtRate: half up to the fen for each unit separately, so
// each owner's amount is what they compute from their own area; the run's total is the sum of
// those, not area-sum × rate).

export async function bookDeposit(opts: { db: Db; ctx: RequestContext; estateId: number; input: FundDepositBody }): Promise<PostedMovement> {
  const { db, ctx, estateId, input } = opts;
  ctx.assertEstate(estateId, '小区');
  let lines: UnitAmount[];
  let auditExtra: Record<string, unknown> | undefined;
  if ('lines' in input) {
    const seen = new Set<number>();
    input.lines.forEach((l, i) => {
      if (seen.has(l.unitId)) throw fieldError(`body.lines.${i}.unitId`, '同一户重复出现');
      seen.add(l.unitId);
    });
    const r = await db.query(`SELECT id FROM units WHERE estate_id = $1 AND id = ANY($2::bigint[])`, [estateId, [...seen]]);
    const inEstate = new Set(r.rows.map((x) => Number(x.id)));
    const bad = input.lines.findIndex((l) => !inEstate.has(l.unitId));
    if (bad >= 0) throw fieldError(`body.lines.${bad}.unitId`, '房屋不在本小区');
    lines = input.lines;
  } else {
    const b = await db.query(`SELECT id FROM buildings WHERE estate_id = $1 AND id = ANY($2::bigint[])`, [estateId, input.buildingIds]);
    const ok = new Set(b.rows.map((x) => Number(x.id)));
    const bad = input.buildingIds.findIndex((id) => !ok.has(id));
    if (bad >= 0) throw fieldError(`body.buildingIds.${bad}`, '楼栋不在本小区');
    const u = await db.query(
      `SELECT u.id, u.area_centi FROM units u JOIN buildings b ON b.id = u.building_id
        WHERE u.building_id = ANY($1::bigint[]) ORDER BY ${naturalOrder('b.name')}, b.id, ${naturalOrder('u.number')}, u.id`,
      [input.buildingIds],
    );
    if (!u.rows.length) throw fieldError('body.buildingIds', '所选楼栋没有房屋');
    lines = u.rows.map((x) => ({ unitId: Number(x.id), amountFen: depositAtRate(Number(x.area_centi), input.rateFenPerSqm) }));
    auditExtra = { rateFenPerSqm: input.rateFenPerSqm, buildingIds: input.buildingIds };
  }
  const posted = await postMovement(db, {
    estateId, kind: input.kind, lines, bookedOn: bookingDate(input.bookedOn, localDate(new Date())), memo: input.memo,
    actor: ctx.actor(), auditExtra,
  });
  // an estate with books gets its half-yearly statement (idempotent: one job per half-year)
  await scheduleHalfYearStatement(db, new Date());
  return posted;
}
