import type { AccountView } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { accountViews, loadManagedAccount } from './account-scope.ts';

/** Disables (or enables) an account the caller manages. Disabling also revokes its sessions, so a
 *  signed-in browser is out on its next request; enabling clears a sign-in lock as well. */
export async function setAccountDisabled(opts: { db: Db; ctx: RequestContext; accountId: number; disabled: boolean }): Promise<AccountView> {
  const { db, ctx, disabled } = opts;
  const account = await loadManagedAccount(db, ctx, opts.accountId);
  if (disabled && account.id === ctx.accountId) throw new AppError('INVALID_TRANSITION', { message: '不能停用自己的账号' });
  if (disabled) {
    await db.query('UPDATE accounts SET disabled = true WHERE id = $1', [account.id]);
    await db.query('UPDATE sessions SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL', [account.id]);
  } else {
    await db.query('UPDATE accounts SET disabled = false, failed_logins = 0, locked_until = NULL WHERE id = $1', [account.id]);
  }
  await appendAudit(db, ctx.actor(), {
    action: disabled ? 'account.disable' : 'account.enable',
    targetType: 'account',
    targetId: account.id,
    summary: { wasDisabled: account.disabled },
  });
  return (await accountViews(db, ctx, [account.id]))[0];
}
