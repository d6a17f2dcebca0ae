import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { findCompanyInScope, listContractsOf } from './companies-repository.ts';

/** A company serving (or having served) an estate in scope, with those contracts only. */
export async function getCompany({ db, ctx, companyId }: { db: Db; ctx: RequestContext; companyId: number }) {
  const company = await findCompanyInScope(db, companyId, ctx.scope.estateIds);
  if (!company) throw notFound('物业服务企业');
  const contracts = await listContractsOf(db, { estateIds: ctx.scope.estateIds, companyId });
  return { ...company, contracts };
}
