import type { fundInterestBody } from '@gongzhi/contracts';
import { apportionByArea } from '@gongzhi/domain';
import type { z } from 'zod';
import type { AuditActor } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { fieldError } from '../../platform/errors.ts';
import { localDate } from '../meetings/index.ts';
import { bookingDate, naturalOrder } from './balance-line.ts';
import { postMovement, type PostedMovement } from './ledger-writer.ts';

// Interest the bank paid on the estate's fund, allocated to the unit accounts in proportion to
// their balances (增值收益按分户账余额分摊), by the same largest-remainder rule as apportionment:
// the shares sum exactly to the interest, ties go to the earlier unit in building / number order.

export async function bookInterest(opts: {
  db: Db; ctx: RequestContext; estateId: number; input: z.infer<typeof fundInterestBody>;
}): Promise<PostedMovement> {
  const { db, ctx, estateId, input } = opts;
  ctx.assertEstate(estateId, '小区');
  return allocateInterest(db, {
    estateId, totalFen: input.totalFen, bookedOn: bookingDate(input.bookedOn, localDate(new Date())), memo: input.memo, actor: ctx.actor(),
  });
}

/** The allocation itself (the API's booking and the demo's yearly interest). */
export async function allocateInterest(db: Db, o: {
  estateId: number; totalFen: number; bookedOn: string; memo?: string; actor: AuditActor;
}): Promise<PostedMovement> {
  const r = await db.query(
    `SELECT a.unit_id, a.credits_fen - a.debits_fen AS balance
       FROM fund_accounts a JOIN units u ON u.id = a.unit_id JOIN buildings b ON b.id = u.building_id
      WHERE a.estate_id = $1 AND a.kind = 'unit' AND a.credits_fen > a.debits_fen
      ORDER BY ${naturalOrder('b.name')}, b.id, ${naturalOrder('u.number')}, u.id`,
    [o.estateId],
  );
  if (!r.rows.length) throw fieldError('body.totalFen', '本小区各户维修资金余额均为零，无法按余额分配利息');
  const shares = apportionByArea(o.totalFen, r.rows.map((x) => Number(x.balance)));
  return postMovement(db, {
    estateId: o.estateId, kind: 'interest', bookedOn: o.bookedOn, memo: o.memo, actor: o.actor,
    lines: r.rows.map((x, i) => ({ unitId: Number(x.unit_id), amountFen: shares[i]! })),
    auditExtra: { allocatedBy: 'balance' },
  });
}
