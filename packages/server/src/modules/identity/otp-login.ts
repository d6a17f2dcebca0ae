import type { MeView } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import { ipThrottle } from '../../platform/auth/ip-throttle.ts';
import { consumeCode } from '../../platform/auth/one-time-code.ts';
import { createSession } from '../../platform/auth/session.ts';
import { withTx } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { createAccount } from './create-account.ts';
import { ensureOwnerGrant } from './ensure-owner-grant.ts';
import { loadMe, maskPhone } from './load-me.ts';

// Owner sign-in by SMS code. A phone with no account gets one, with the owner role; binding to
// units comes next. Accounts that hold any other role must use their password (and second
// factor): a code alone must not open an official's or a committee member's powers.

export async function otpLogin(opts: {
  deps: AppDeps;
  ctx: RequestContext;
  phone: string;
  code: string;
  userAgent?: string;
}): Promise<{ token: string; body: MeView }> {
  const { deps, ctx, phone } = opts;
  ipThrottle(deps).hit(ctx.ip);
  // the attempt is committed on its own so a wrong code still counts toward the limit
  const ok = await withTx(deps.pool, async (db) => {
    const good = await consumeCode(db, { phone, purpose: 'login', code: opts.code });
    if (!good) {
      await appendAudit(db, ctx.actor(), {
        action: 'auth.login_failed',
        targetType: 'phone',
        targetId: maskPhone(phone),
        summary: { method: 'otp', reason: 'bad_code' },
      });
    }
    return good;
  });
  if (!ok) throw new AppError('BAD_CODE');

  return withTx(deps.pool, async (db) => {
    await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`account:${phone}`]);
    const found = await db.query('SELECT id, disabled FROM accounts WHERE phone = $1', [phone]);
    let accountId: number;
    if (found.rows.length) {
      accountId = Number(found.rows[0].id);
      if (found.rows[0].disabled) throw new AppError('FORBIDDEN', { message: '账号已停用' });
      const other = await db.query(
        `SELECT 1 FROM role_grants WHERE account_id = $1 AND role <> 'owner' AND revoked_at IS NULL LIMIT 1`,
        [accountId],
      );
      if (other.rows.length) throw new AppError('FORBIDDEN', { message: '此账号持有管理角色，请使用账号和密码登录' });
    } else {
      accountId = (await createAccount({ db, phone, displayName: maskPhone(phone), grants: [{ role: 'owner' }], actor: ctx.actor() })).id;
    }
    const grantId = await ensureOwnerGrant(db, accountId, ctx.actor());
    const session = await createSession(db, { accountId, activeGrantId: grantId, mfaPassed: true, ip: ctx.ip, userAgent: opts.userAgent });
    await appendAudit(db, { accountId, role: 'owner', ip: ctx.ip }, {
      action: 'auth.login',
      targetType: 'account',
      targetId: accountId,
      summary: { method: 'otp', created: found.rows.length === 0 },
    });
    return { token: session.token, body: await loadMe(db, { accountId, sessionIdHash: session.idHash }) };
  });
}
