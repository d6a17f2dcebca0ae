import type { OwnerDetailView } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { findOwnerInScope } from './owners-repository.ts';
import { listOwnerUnits } from './ownerships-repository.ts';
import { presentOwner } from './present.ts';

/** An owner who holds or held a unit in scope, with those ownerships only (not the ones elsewhere). */
export async function getOwner({ db, ctx, ownerId }: { db: Db; ctx: RequestContext; ownerId: number }): Promise<OwnerDetailView> {
  const owner = await findOwnerInScope(db, ownerId, ctx.scope.estateIds, { includePast: true });
  if (!owner) throw notFound('业主');
  const units = await listOwnerUnits(db, ownerId, ctx.scope.estateIds);
  return { ...presentOwner(owner), ownerships: units.map((u) => ({ ...u, current: u.validTo === null })) };
}
