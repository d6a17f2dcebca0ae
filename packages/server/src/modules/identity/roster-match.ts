import type { BindingView } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { notify } from '../../platform/notify/notify.ts';
import { bindingById } from './binding-view.ts';
import { ensureOwnerGrant } from './ensure-owner-grant.ts';

/** An owner asks to be bound by matching the roster: unit + name + last four of the ID number.
 *  A match only opens a request; the committee (or the community) reviews it. A miss says
 *  nothing about which part failed. */
export async function rosterMatch(opts: {
  db: Db;
  deps: AppDeps;
  ctx: RequestContext;
  estateId: number;
  building: string;
  unit: string;
  name: string;
  idLast4: string;
}): Promise<BindingView> {
  const { db, deps, ctx, estateId } = opts;
  const accountId = ctx.accountId!;
  const match = await db.query(
    `SELECT u.id AS unit_id, o.id AS owner_id
       FROM units u
       JOIN buildings b ON b.id = u.building_id
       JOIN ownerships os ON os.unit_id = u.id AND os.valid_to IS NULL
       JOIN owners o ON o.id = os.owner_id
      WHERE u.estate_id = $1 AND b.name = $2 AND u.number = $3 AND o.name = $4 AND o.id_number_last4 = $5
      ORDER BY o.id LIMIT 1`,
    [estateId, opts.building, opts.unit, opts.name, opts.idLast4.toUpperCase()],
  );
  if (!match.rows.length) throw new AppError('ROSTER_NO_MATCH');
  const unitId = Number(match.rows[0].unit_id);
  const ownerId = Number(match.rows[0].owner_id);

  const live = await db.query(
    `SELECT status FROM bindings WHERE account_id = $1 AND unit_id = $2 AND status IN ('pending', 'approved')`,
    [accountId, unitId],
  );
  if (live.rows.length) {
    throw new AppError('CONFLICT', { message: live.rows[0].status === 'approved' ? '您已绑定此房屋' : '您已提交过此房屋的绑定申请，请等待审核' });
  }
  const grantId = await ensureOwnerGrant(db, accountId, ctx.actor());
  const r = await db.query(
    `INSERT INTO bindings (account_id, unit_id, owner_id, estate_id, method, status)
     VALUES ($1, $2, $3, $4, 'roster_match', 'pending') RETURNING id`,
    [accountId, unitId, ownerId, estateId],
  );
  const bindingId = Number(r.rows[0].id);
  await db.query('UPDATE sessions SET active_grant_id = $2 WHERE id_hash = $1 AND active_grant_id IS NULL', [ctx.sessionIdHash, grantId]);
  await appendAudit(db, ctx.actor(), {
    action: 'binding.request',
    targetType: 'binding',
    targetId: bindingId,
    estateId,
    summary: { method: 'roster_match', unitId, ownerId },
  });
  const view = await bindingById(db, bindingId);
  // everyone holding a committee role in this estate hears of it
  const reviewers = await db.query(
    `SELECT DISTINCT account_id FROM role_grants WHERE scope_kind = 'estate' AND scope_id = $1 AND revoked_at IS NULL`,
    [estateId],
  );
  for (const rv of reviewers.rows) {
    await notify(db, deps.sender, {
      channel: 'inbox',
      accountId: Number(rv.account_id),
      subject: '新的房屋绑定申请待审核',
      body: `${view.estateName} ${view.unitLabel} 的业主 ${view.ownerName} 申请绑定账号（名册核对），请在“绑定审核”中处理。`,
    });
  }
  return view;
}
