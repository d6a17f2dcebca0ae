import type { LoginResponse, Role } from '@gongzhi/contracts';
import type { AuditActor } from '../../platform/audit.ts';
import { appendAudit } from '../../platform/audit.ts';
import { ipThrottle } from '../../platform/auth/ip-throttle.ts';
import { issueCode } from '../../platform/auth/one-time-code.ts';
import { hashPassword, verifyPassword } from '../../platform/auth/password.ts';
import { createSession } from '../../platform/auth/session.ts';
import { withTx } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { listLiveGrants, loadMe } from './load-me.ts';
import { needsSecondFactor } from './mfa-policy.ts';
import { recordFailedLogin } from './record-failed-login.ts';

// Password sign-in. Failures must leave a trace even though the request fails, so they are
// counted and audited in their own committed transaction before the error is thrown.

let dummyHash: Promise<string> | undefined;
/** Unknown accounts are checked against this hash so they cost about as long as a wrong password. */
const getDummyHash = () => (dummyHash ??= hashPassword('gongzhi-no-such-account'));

interface AccountRow {
  id: number;
  phone: string | null;
  password_hash: string | null;
  mfa_required: boolean;
  locked: boolean;
}

export async function passwordLogin(opts: {
  deps: AppDeps;
  login: string;
  password: string;
  ip: string;
  userAgent?: string;
}): Promise<{ token: string; body: LoginResponse }> {
  const { deps, login, ip } = opts;
  ipThrottle(deps).hit(ip);
  const found = await deps.pool.query(
    `SELECT id, phone, password_hash, mfa_required, COALESCE(locked_until > now(), false) AS locked
       FROM accounts WHERE (username = $1 OR phone = $1) AND NOT disabled
      ORDER BY (username = $1) DESC LIMIT 1`,
    [login],
  );
  const account = found.rows[0] ? ({ ...found.rows[0], id: Number(found.rows[0].id) } as AccountRow) : undefined;
  const anonymous: AuditActor = { accountId: null, role: null, ip };

  if (account?.locked) {
    await withTx(deps.pool, (db) =>
      appendAudit(db, anonymous, { action: 'auth.login_failed', targetType: 'account', targetId: account.id, summary: { reason: 'locked' } }),
    );
    throw new AppError('ACCOUNT_LOCKED');
  }

  const ok = await verifyPassword(account?.password_hash ?? (await getDummyHash()), opts.password);
  if (!account || !account.password_hash || !ok) {
    const lockedNow = await withTx(deps.pool, async (db) => {
      let locked = false;
      if (account) {
        locked = await recordFailedLogin(db, deps.config, account.id);
      }
      await appendAudit(db, anonymous, {
        action: 'auth.login_failed',
        targetType: 'account',
        targetId: account?.id ?? null,
        summary: { reason: account ? 'bad_password' : 'unknown_account', login },
      });
      if (locked) {
        await appendAudit(db, anonymous, {
          action: 'auth.locked',
          targetType: 'account',
          targetId: account!.id,
          summary: { failures: deps.config.loginLockThreshold, minutes: Math.round(deps.config.loginLockMs / 60_000) },
        });
      }
      return locked;
    });
    throw new AppError(lockedNow ? 'ACCOUNT_LOCKED' : 'BAD_CREDENTIALS');
  }

  return withTx(deps.pool, async (db) => {
    const grants = await listLiveGrants(db, account.id);
    const mfa = needsSecondFactor(deps.config, { accountFlag: account.mfa_required, roles: grants.map((g) => g.role as Role) });
    // with a second factor pending the count is reset only once the code is right
    if (!mfa) await db.query('UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE id = $1', [account.id]);
    if (mfa && !account.phone) {
      throw new AppError('MFA_REQUIRED', { message: '此账号需要短信验证，但未登记手机号，请联系管理员' });
    }
    const session = await createSession(db, {
      accountId: account.id,
      activeGrantId: grants[0]?.id ?? null,
      mfaPassed: !mfa,
      ip,
      userAgent: opts.userAgent,
    });
    if (mfa) await issueCode(db, deps.sender, { phone: account.phone!, purpose: 'mfa', accountId: account.id, ifRecent: 'keep' });
    await appendAudit(db, { accountId: account.id, role: grants[0]?.role ?? null, ip }, {
      action: 'auth.login',
      targetType: 'account',
      targetId: account.id,
      summary: { method: 'password', mfaPending: mfa },
    });
    const body: LoginResponse = mfa
      ? { mfaRequired: true }
      : await loadMe(db, { accountId: account.id, sessionIdHash: session.idHash });
    return { token: session.token, body };
  });
}
