import type { ApportionPreviewBody, ApportionPreviewView } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { resolveScopeUnits } from './scope-units.ts';
import { computeShares } from './shares-compute.ts';

// The apportionment a scope and budget would give, before anything is saved (the new-application
// form shows it live), with the scope's balance and the shortfall the submission would refuse.

export async function previewShares(opts: { db: Db; ctx: RequestContext; estateId: number; input: ApportionPreviewBody }): Promise<ApportionPreviewView> {
  opts.ctx.assertEstate(opts.estateId, '小区');
  const units = await resolveScopeUnits(opts.db, opts.estateId, opts.input);
  return computeShares(units, opts.input.budgetFen);
}
