import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db.ts';

/** Counts one failed sign-in step (wrong password or wrong second-factor code). The failure that
 *  reaches the threshold locks the account for a while and starts a fresh count. Returns whether
 *  the account is now locked. */
export async function recordFailedLogin(db: Db, config: Config, accountId: number): Promise<boolean> {
  const r = await db.query(
    `UPDATE accounts
        SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
            locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(secs => $3) ELSE locked_until END
      WHERE id = $1 RETURNING COALESCE(locked_until > now(), false) AS locked`,
    [accountId, config.loginLockThreshold, config.loginLockMs / 1000],
  );
  return Boolean(r.rows[0]?.locked);
}
