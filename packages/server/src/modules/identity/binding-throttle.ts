import { limiterFor } from '../../platform/auth/ip-throttle.ts';
import type { AppDeps } from '../../platform/deps.ts';

/** Binding attempts (invitation codes and roster matches) per account: 10 in 10 minutes, so that
 *  the last four digits of an ID number or an invitation code cannot be guessed by trying. */
export const BINDING_ATTEMPTS = { limit: 10, windowMs: 10 * 60_000 };

export function hitBindingThrottle(deps: AppDeps, accountId: number): void {
  limiterFor(deps, 'binding-account', BINDING_ATTEMPTS).hit(String(accountId));
}
