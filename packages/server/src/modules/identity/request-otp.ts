import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import { ipThrottle } from '../../platform/auth/ip-throttle.ts';
import { issueCode } from '../../platform/auth/one-time-code.ts';
import type { Db } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { maskPhone } from './load-me.ts';

/** Sends a one-time code to a phone (public). Whether an account has that phone is not revealed:
 *  the answer is the same, and code sign-in creates the owner account if needed. */
export async function requestOtp(opts: {
  db: Db;
  deps: AppDeps;
  ctx: RequestContext;
  phone: string;
  purpose: 'login' | 'binding';
}): Promise<void> {
  const { db, deps, ctx, phone, purpose } = opts;
  ipThrottle(deps).hit(ctx.ip);
  const acc = await db.query('SELECT id FROM accounts WHERE phone = $1', [phone]);
  const accountId = acc.rows[0] ? Number(acc.rows[0].id) : null;
  await issueCode(db, deps.sender, { phone, purpose, accountId });
  await appendAudit(db, ctx.actor(), {
    action: 'auth.otp_request',
    targetType: 'phone',
    targetId: maskPhone(phone),
    summary: { purpose },
  });
}
