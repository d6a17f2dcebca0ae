import type { BindingView } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { selectBindings } from './binding-view.ts';

/** Binding requests in the reviewer's estates (at most 500, newest first). */
export async function listBindings(opts: {
  db: Db;
  ctx: RequestContext;
  status?: BindingView['status'];
  estateId?: number;
}): Promise<BindingView[]> {
  const { db, ctx } = opts;
  if (opts.estateId !== undefined) ctx.assertEstate(opts.estateId, '小区');
  const estateIds = opts.estateId !== undefined ? [opts.estateId] : ctx.scope.estateIds;
  return selectBindings(db, 'bd.estate_id = ANY($1) AND ($2::text IS NULL OR bd.status = $2)', [estateIds, opts.status ?? null],
    'ORDER BY bd.requested_at DESC, bd.id DESC LIMIT 500');
}
