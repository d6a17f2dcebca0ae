import type { fundRefundBody } from '@gongzhi/contracts';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { localDate } from '../meetings/index.ts';
import { bookingDate } from './balance-line.ts';
import { postMovement, type PostedMovement } from './ledger-writer.ts';

// Money paid back from a unit's account (e.g. the house was demolished, 办法 第28条; or an amount
// deposited twice). The writer refuses an overdraft with FUND_INSUFFICIENT_BALANCE naming the
// shortfall, and the database's CHECK stands behind it.

export async function bookRefund(opts: {
  db: Db; ctx: RequestContext; unitId: number; input: z.infer<typeof fundRefundBody>;
}): Promise<PostedMovement> {
  const { db, ctx, unitId, input } = opts;
  const u = await db.query('SELECT estate_id FROM units WHERE id = $1', [unitId]);
  if (!u.rows.length) throw notFound('房屋');
  const estateId = Number(u.rows[0].estate_id);
  ctx.assertEstate(estateId, '房屋');
  return postMovement(db, {
    estateId, kind: 'refund', lines: [{ unitId, amountFen: input.amountFen }], bookedOn: bookingDate(input.bookedOn, localDate(new Date())),
    memo: input.reason, payee: input.payee, actor: ctx.actor(),
  });
}
