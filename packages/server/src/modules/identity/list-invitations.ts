import type { InvitationView } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { selectInvitations } from './invitation-view.ts';

/** Invitations issued in the caller's estates, newest first, one page. */
export async function listInvitations(opts: {
  db: Db;
  ctx: RequestContext;
  estateId?: number;
  page: number;
  pageSize: number;
}): Promise<{ items: InvitationView[]; total: number; page: number; pageSize: number }> {
  const { db, ctx, page, pageSize } = opts;
  if (opts.estateId !== undefined) ctx.assertEstate(opts.estateId, '小区');
  const estateIds = opts.estateId !== undefined ? [opts.estateId] : ctx.scope.estateIds;
  const total = await db.query('SELECT count(*)::int AS n FROM invitations WHERE estate_id = ANY($1)', [estateIds]);
  const items = await selectInvitations(db, 'i.estate_id = ANY($1)', [estateIds, pageSize, (page - 1) * pageSize],
    'ORDER BY i.created_at DESC, i.id DESC LIMIT $2 OFFSET $3');
  return { items, total: Number(total.rows[0].n), page, pageSize };
}
