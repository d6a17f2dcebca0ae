import { MONEY_ROLES, OFFICIAL_ROLES, type Role } from '@gongzhi/contracts';
import type { Config } from '../../platform/config.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import { AppError } from '../../platform/errors.ts';

/** Whether signing in needs a one-time code after the password: by configuration for officials and
 *  for committee roles that handle money, or by a per-account flag. Any grant that needs it makes the
 *  whole session need it, since the person may switch to that role without signing in again. */
export function needsSecondFactor(config: Config, opts: { accountFlag: boolean; roles: Role[] }): boolean {
  if (opts.accountFlag) return true;
  return opts.roles.some(
    (r) => (config.mfaFor.officials && OFFICIAL_ROLES.includes(r)) || (config.mfaFor.money && MONEY_ROLES.includes(r)),
  );
}

/** 'authenticated' routes that act on the account need a finished sign-in, second factor included. */
export function requireFullSignIn(ctx: RequestContext): void {
  if (!ctx.authenticated) throw new AppError('UNAUTHENTICATED');
  if (!ctx.mfaPassed) throw new AppError('MFA_REQUIRED');
}
