import type { AccountView } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { accountViews, GRANT_IN_SCOPE_SQL, loadManagedAccount, scopeParams } from './account-scope.ts';

/** Revokes one live grant inside the caller's scope. A session with it active loses the role on its
 *  next request (the session lookup ignores revoked grants). An administrator keeps at least one
 *  admin grant of their own, so that nobody locks themselves out by a slip. */
export async function revokeGrant(opts: { db: Db; ctx: RequestContext; accountId: number; grantId: number }): Promise<AccountView> {
  const { db, ctx } = opts;
  const account = await loadManagedAccount(db, ctx, opts.accountId);
  const r = await db.query(
    `SELECT g.id, g.role, g.scope_kind, g.scope_id FROM role_grants g
      WHERE g.id = $3 AND g.account_id = $4 AND g.revoked_at IS NULL AND ${GRANT_IN_SCOPE_SQL}`,
    [...scopeParams(ctx), opts.grantId, account.id],
  );
  const g = r.rows[0];
  if (!g) throw notFound('角色');
  if (account.id === ctx.accountId && g.role === 'admin') {
    const others = await db.query(
      `SELECT 1 FROM role_grants WHERE account_id = $1 AND role = 'admin' AND revoked_at IS NULL AND id <> $2`,
      [account.id, g.id],
    );
    if (!others.rows.length) throw new AppError('INVALID_TRANSITION', { message: '不能撤销自己最后一个管理员角色' });
  }
  await db.query('UPDATE role_grants SET revoked_at = now() WHERE id = $1', [g.id]);
  await appendAudit(db, ctx.actor(), {
    action: 'account.revoke_grant',
    targetType: 'account',
    targetId: account.id,
    estateId: g.scope_kind === 'estate' ? Number(g.scope_id) : null,
    summary: { grantId: Number(g.id), role: g.role, scopeKind: g.scope_kind, scopeId: g.scope_id == null ? null : Number(g.scope_id) },
  });
  // the account may now be outside the caller's scope; answer what the caller still sees of it
  const view = (await accountViews(db, ctx, [account.id]))[0];
  return view;
}
