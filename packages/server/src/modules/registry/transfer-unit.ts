import type { transferUnitBody } from '@gongzhi/contracts';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { fieldError, notFound } from '../../platform/errors.ts';
import { findOwnersUnsafe } from './owners-repository.ts';
import { closeCurrentOwnerships, latestCurrentStart, openOwnerships } from './ownerships-repository.ts';
import { findUnitUnsafe } from './units-repository.ts';

type Input = z.infer<typeof transferUnitBody>;

/** A change of ownership on `date`: the current owners' periods end that day and the new owners'
 *  (several = co-owners) begin it. Nothing is deleted, so the unit's history stays complete. */
export async function transferUnit({ db, ctx, unitId, input }: { db: Db; ctx: RequestContext; unitId: number; input: Input }) {
  // the row lock serialises two transfers of one unit
  const unit = await findUnitUnsafe(db, unitId, { forUpdate: true });
  if (!unit) throw notFound('房屋');
  ctx.assertUnit(unit.id, unit.estateId, '房屋');

  const ownerIds = input.owners.map((o) => o.ownerId);
  const dup = ownerIds.findIndex((id, i) => ownerIds.indexOf(id) !== i);
  if (dup >= 0) throw fieldError(`body.owners.${dup}.ownerId`, '同一业主不能重复填写');
  const found = new Set((await findOwnersUnsafe(db, ownerIds)).map((o) => o.id));
  const missing = ownerIds.findIndex((id) => !found.has(id));
  if (missing >= 0) throw fieldError(`body.owners.${missing}.ownerId`, '业主不存在');

  const since = await latestCurrentStart(db, unit.id);
  if (since && input.date < since) throw fieldError('body.date', `过户日期不能早于现业主的起始日期（${since}）`);

  const previous = await closeCurrentOwnerships(db, unit.id, input.date);
  await openOwnerships(db, { unitId: unit.id, estateId: unit.estateId, ownerIds, date: input.date });
  await appendAudit(db, ctx.actor(), {
    action: 'unit.transfer', targetType: 'unit', targetId: unit.id, estateId: unit.estateId,
    summary: { date: input.date, fromOwnerIds: previous, toOwnerIds: ownerIds },
  });
  return { unitId: unit.id, date: input.date, fromOwnerIds: previous, toOwnerIds: ownerIds };
}
