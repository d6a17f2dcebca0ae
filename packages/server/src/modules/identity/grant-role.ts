import type { AccountView, GrantBody } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { accountViews, assertGrantable, loadManagedAccount } from './account-scope.ts';

/** Grants one more role, in the caller's scope, to an account the caller manages. */
export async function grantRole(opts: { db: Db; ctx: RequestContext; accountId: number; grant: GrantBody }): Promise<AccountView> {
  const { db, ctx, grant } = opts;
  const account = await loadManagedAccount(db, ctx, opts.accountId);
  await assertGrantable(db, ctx, grant, 'body');
  const dup = await db.query(
    `SELECT 1 FROM role_grants WHERE account_id = $1 AND role = $2 AND scope_kind = $3 AND scope_id = $4 AND revoked_at IS NULL`,
    [account.id, grant.role, grant.scopeKind, grant.scopeId],
  );
  if (dup.rows.length) throw new AppError('CONFLICT', { message: '该账号已有此角色' });
  const r = await db.query(
    `INSERT INTO role_grants (account_id, role, scope_kind, scope_id) VALUES ($1, $2, $3, $4) RETURNING id`,
    [account.id, grant.role, grant.scopeKind, grant.scopeId],
  );
  await appendAudit(db, ctx.actor(), {
    action: 'account.grant',
    targetType: 'account',
    targetId: account.id,
    estateId: grant.scopeKind === 'estate' ? grant.scopeId : null,
    summary: { grantId: Number(r.rows[0].id), role: grant.role, scopeKind: grant.scopeKind, scopeId: grant.scopeId },
  });
  return (await accountViews(db, ctx, [account.id]))[0];
}
