import type { UnitDetailView } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { listUnitHistory } from './ownerships-repository.ts';
import { presentOwnership } from './present.ts';
import { findUnitUnsafe } from './units-repository.ts';

/** A unit with its whole ownership history; outside the caller's scope it does not exist. */
export async function getUnit({ db, ctx, unitId }: { db: Db; ctx: RequestContext; unitId: number }): Promise<UnitDetailView> {
  const unit = await findUnitUnsafe(db, unitId);
  if (!unit) throw notFound('房屋');
  ctx.assertUnit(unit.id, unit.estateId, '房屋');
  const history = await listUnitHistory(db, unit.id);
  return { ...unit, history: history.map(presentOwnership) };
}
