import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { findCommitteeUnsafe, listMembers } from './committees-repository.ts';

export async function getCommittee({ db, ctx, committeeId }: { db: Db; ctx: RequestContext; committeeId: number }) {
  const committee = await findCommitteeUnsafe(db, committeeId);
  if (!committee) throw notFound('委员会');
  ctx.assertEstate(committee.estateId, '委员会');
  return { ...committee, members: await listMembers(db, committee.id) };
}
