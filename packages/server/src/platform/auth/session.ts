import type { Role, ScopeKind } from '@gongzhi/contracts';
import type { Config } from '../config.ts';
import { randomToken, sha256Hex } from '../crypto.ts';
import type { Db, Pool } from '../db.ts';
import { AppError } from '../errors.ts';
import { scopeColumnsSql, scopeFromRow } from '../scope.ts';
import { RequestContext, type ActiveGrant } from './context.ts';

// Server-side sessions: the cookie carries a random token; the table stores only its sha256.
// A new token on every login (no fixation); 30-minute idle and 12-hour absolute timeouts;
// revocation is a row update, effective on the next request.

export const SESSION_COOKIE = 'gz_sid';

export function sessionCookieOptions(config: Config) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.secureCookies,
    maxAge: Math.floor(config.sessionAbsoluteMs / 1000),
  };
}

export async function createSession(
  db: Db,
  opts: { accountId: number; activeGrantId: number | null; mfaPassed: boolean; ip: string; userAgent?: string },
): Promise<{ token: string; idHash: string }> {
  const token = randomToken();
  const idHash = sha256Hex(token);
  await db.query(
    `INSERT INTO sessions (id_hash, account_id, active_grant_id, mfa_passed, client_ip, user_agent)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [idHash, opts.accountId, opts.activeGrantId, opts.mfaPassed, opts.ip, opts.userAgent ?? null],
  );
  return { token, idHash };
}

export async function revokeSession(db: Db, idHash: string): Promise<void> {
  await db.query('UPDATE sessions SET revoked_at = now() WHERE id_hash = $1 AND revoked_at IS NULL', [idHash]);
}

/** Builds the request context from the session cookie. An expired or revoked session is an error
 *  (SESSION_EXPIRED) so the client can say so; a missing cookie is simply anonymous. */
export async function loadContext(
  pool: Pool,
  config: Config,
  token: string | undefined,
  ip: string,
  lang: 'zh' | 'en',
): Promise<RequestContext> {
  if (!token) return new RequestContext(ip, lang);
  const idHash = sha256Hex(token);
  const client = await pool.connect();
  try {
    // named: a prepared statement is planned once per connection, and planning this join costs
    // more than running it; it runs on every request
    const s = await client.query({
      name: 'auth_load_session',
      text: `SELECT s.account_id, s.active_grant_id, s.mfa_passed, s.created_at, s.last_seen_at, s.revoked_at,
              a.disabled, g.role, g.scope_kind, g.scope_id, g.revoked_at AS grant_revoked,
              ${scopeColumnsSql('s.account_id')},
              (SELECT rv.v FROM registry_version rv WHERE rv.id = 1) AS registry_version
         FROM sessions s JOIN accounts a ON a.id = s.account_id
         LEFT JOIN role_grants g ON g.id = s.active_grant_id
        WHERE s.id_hash = $1`,
      values: [idHash],
    });
    const row = s.rows[0];
    if (!row) return new RequestContext(ip, lang);
    const judged = judgeSession(row, config, Date.now());
    if (judged.kind === 'expired') {
      if (judged.revoke) await revokeSession(client, idHash);
      throw new AppError('SESSION_EXPIRED');
    }
    if (judged.touch) await client.query('UPDATE sessions SET last_seen_at = now() WHERE id_hash = $1', [idHash]);
    // no scope before the second factor: the grant is not active yet, so nothing is reachable
    const scope = judged.grant && judged.mfaPassed ? scopeFromRow(row) : undefined;
    return new RequestContext(ip, lang, judged.accountId, idHash, judged.mfaPassed ? judged.grant : null, scope, judged.mfaPassed, row.registry_version);
  } finally {
    client.release();
  }
}

/** The session columns judgeSession reads (a caller selecting them itself, as casting does). */
export interface SessionRow {
  account_id: unknown;
  active_grant_id: unknown;
  mfa_passed: boolean;
  created_at: Date | string;
  last_seen_at: Date | string;
  revoked_at: Date | string | null;
  disabled: boolean;
  role: string | null;
  scope_kind: string | null;
  scope_id: unknown;
  grant_revoked: Date | string | null;
}

export type JudgedSession =
  | { kind: 'expired'; revoke: boolean }
  | { kind: 'ok'; accountId: number; grant: ActiveGrant | null; mfaPassed: boolean; touch: boolean };

/** THE rule for whether a session row is alive (idle and absolute timeouts, revocation, a disabled
 *  account), whether to touch it (at most once a minute) and which grant is active. */
export function judgeSession(row: SessionRow, config: Config, now: number): JudgedSession {
  const lastSeen = new Date(row.last_seen_at).getTime();
  const expired =
    row.revoked_at !== null ||
    row.disabled ||
    now - lastSeen > config.sessionIdleMs ||
    now - new Date(row.created_at).getTime() > config.sessionAbsoluteMs;
  if (expired) return { kind: 'expired', revoke: row.revoked_at === null };
  const hasGrant = row.active_grant_id != null && row.grant_revoked == null && row.role != null;
  const grant: ActiveGrant | null = hasGrant
    ? { id: Number(row.active_grant_id), role: row.role as Role, scopeKind: row.scope_kind as ScopeKind, scopeId: row.scope_id == null ? null : Number(row.scope_id) }
    : null;
  // touch at most once a minute: the idle clock needs minute precision, not a write per request
  return { kind: 'ok', accountId: Number(row.account_id), grant, mfaPassed: row.mfa_passed, touch: now - lastSeen > 60_000 };
}
