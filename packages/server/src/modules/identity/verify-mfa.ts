import type { MeView } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import { ipThrottle } from '../../platform/auth/ip-throttle.ts';
import { consumeCode } from '../../platform/auth/one-time-code.ts';
import { createSession, revokeSession } from '../../platform/auth/session.ts';
import { withTx } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { loadMe } from './load-me.ts';
import { recordFailedLogin } from './record-failed-login.ts';

/** Second factor: the code sent by SMS after the password. The attempt is committed before a
 *  wrong code is reported, so the five-attempt limit holds. A passed code completes the sign-in:
 *  the session is replaced by a new one (new id, new cookie) and the half-signed-in one revoked,
 *  so an id seen before the privileges were granted (planted, logged, shoulder-surfed) is worth
 *  nothing after. */
export async function verifyMfa(opts: { deps: AppDeps; ctx: RequestContext; code: string; userAgent?: string }): Promise<{ me: MeView; token: string }> {
  const { deps, ctx } = opts;
  ipThrottle(deps).hit(ctx.ip);
  const accountId = ctx.accountId!;
  const sessionIdHash = ctx.sessionIdHash!;
  const outcome = await withTx(deps.pool, async (db) => {
    const acc = await db.query('SELECT phone, COALESCE(locked_until > now(), false) AS locked FROM accounts WHERE id = $1', [accountId]);
    if (acc.rows[0]?.locked) return 'locked' as const;
    const phone = acc.rows[0]?.phone as string | null;
    const ok = phone ? await consumeCode(db, { phone, purpose: 'mfa', code: opts.code, accountId }) : false;
    if (!ok) {
      await appendAudit(db, ctx.actor(), { action: 'auth.mfa_failed', targetType: 'account', targetId: accountId });
      // wrong codes count like wrong passwords: signing in again cannot buy unlimited guesses
      if (await recordFailedLogin(db, deps.config, accountId)) {
        await revokeSession(db, sessionIdHash);
        await appendAudit(db, ctx.actor(), { action: 'auth.locked', targetType: 'account', targetId: accountId, summary: { step: 'mfa' } });
        return 'locked' as const;
      }
      return null;
    }
    const old = await db.query('SELECT active_grant_id FROM sessions WHERE id_hash = $1', [sessionIdHash]);
    const next = await createSession(db, {
      accountId, activeGrantId: old.rows[0]?.active_grant_id == null ? null : Number(old.rows[0].active_grant_id),
      mfaPassed: true, ip: ctx.ip, userAgent: opts.userAgent,
    });
    await revokeSession(db, sessionIdHash);
    await db.query('UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE id = $1', [accountId]);
    await appendAudit(db, ctx.actor(), { action: 'auth.mfa', targetType: 'account', targetId: accountId });
    return { me: await loadMe(db, { accountId, sessionIdHash: next.idHash }), token: next.token };
  });
  if (outcome === 'locked') throw new AppError('ACCOUNT_LOCKED');
  if (!outcome) throw new AppError('BAD_CODE');
  return outcome;
}
