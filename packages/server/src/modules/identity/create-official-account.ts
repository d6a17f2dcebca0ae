import type { AccountView, CreateAccountBody } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { accountViews, assertGrantable } from './account-scope.ts';
import { createAccount } from './create-account.ts';

const taken = (field: string, message: string) =>
  new AppError('CONFLICT', { message, details: { issues: [{ field, message }] } });

/** An administrator creates an official's account with roles inside the administrator's scope.
 *  Every grant is checked before anything is written; createAccount writes the account, its grants
 *  and the audit event (no password in it) in the caller's transaction. */
export async function createOfficialAccount(opts: { db: Db; ctx: RequestContext; body: CreateAccountBody }): Promise<AccountView> {
  const { db, ctx, body } = opts;
  for (const [i, g] of body.grants.entries()) await assertGrantable(db, ctx, g, `body.grants.${i}`);
  // name the field that collides, so the form can show it next to the right input
  if (body.username) {
    const r = await db.query('SELECT 1 FROM accounts WHERE username = $1', [body.username]);
    if (r.rows.length) throw taken('body.username', '用户名已被使用');
  }
  if (body.phone) {
    const r = await db.query('SELECT 1 FROM accounts WHERE phone = $1', [body.phone]);
    if (r.rows.length) throw taken('body.phone', '手机号已被使用');
  }
  const { id } = await createAccount({
    db,
    username: body.username,
    phone: body.phone,
    password: body.password,
    displayName: body.displayName,
    grants: body.grants.map((g) => ({ role: g.role, scopeId: g.scopeId })),
    actor: ctx.actor(),
  });
  return (await accountViews(db, ctx, [id]))[0];
}
