import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import { ipThrottle } from '../../platform/auth/ip-throttle.ts';
import { issueCode } from '../../platform/auth/one-time-code.ts';
import type { Db } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { maskPhone } from './load-me.ts';
import { requireFullSignIn } from './mfa-policy.ts';

/** Sends a one-time code by SMS.
 *  - 'login' (public): to the phone given. Whether an account has that phone is not revealed: the
 *    answer is the same, and code sign-in creates the owner account if needed.
 *  - 'binding' (signed in): always to the caller's own account phone, whatever `phone` says, so
 *    that nobody can send binding codes to other people's phones. */
export async function requestOtp(opts: {
  db: Db;
  deps: AppDeps;
  ctx: RequestContext;
  phone?: string;
  purpose: 'login' | 'binding';
}): Promise<void> {
  const { db, deps, ctx, purpose } = opts;
  ipThrottle(deps).hit(ctx.ip);
  let phone: string;
  let accountId: number | null;
  if (purpose === 'binding') {
    requireFullSignIn(ctx);
    accountId = ctx.accountId!;
    const acc = await db.query('SELECT phone FROM accounts WHERE id = $1', [accountId]);
    phone = acc.rows[0]?.phone as string;
    if (!phone) {
      throw new AppError('VALIDATION_FAILED', {
        message: '您的账号没有登记手机号，收不到绑定验证码；请用手机号和验证码登录后再申请绑定',
        details: { issues: [{ field: 'body.purpose', message: '账号没有手机号' }] },
      });
    }
  } else {
    if (!opts.phone) throw fieldError('body.phone', '请输入 11 位手机号');
    phone = opts.phone;
    const acc = await db.query('SELECT id FROM accounts WHERE phone = $1', [phone]);
    accountId = acc.rows[0] ? Number(acc.rows[0].id) : null;
  }
  await issueCode(db, deps.sender, { phone, purpose, accountId });
  await appendAudit(db, ctx.actor(), {
    action: 'auth.otp_request',
    targetType: 'phone',
    targetId: maskPhone(phone),
    summary: { purpose },
  });
}
