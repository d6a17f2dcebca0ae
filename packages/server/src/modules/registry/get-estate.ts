import type { EstateDetailView } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { listCommittees } from './committees-repository.ts';
import { listContractsOf } from './companies-repository.ts';
import { findEstateUnsafe } from './estates-repository.ts';

export async function getEstate({ db, ctx, estateId }: { db: Db; ctx: RequestContext; estateId: number }): Promise<EstateDetailView> {
  ctx.assertEstate(estateId, '小区');
  const estate = await findEstateUnsafe(db, estateId);
  if (!estate) throw notFound('小区');
  const serviceContracts = await listContractsOf(db, { estateIds: [estateId], estateId });
  const committees = await listCommittees(db, { estateIds: [estateId], estateId, page: 1, pageSize: 200 });
  return { ...estate, serviceContracts, committees: committees.items };
}
