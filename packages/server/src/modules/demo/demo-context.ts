import type { Role, ScopeKind } from '@gongzhi/contracts';
import { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { scopeColumnsSql, scopeFromRow } from '../../platform/scope.ts';

// A demo account acting in one of its roles, with the scope a signed-in session of that role
// would have (the same SQL the session lookup uses: platform/scope.ts), so the demo's use-case
// calls are checked exactly as the API's are — an owner reaches only their bound units.

export async function demoContext(db: Db, username: string, role?: Role): Promise<RequestContext> {
  const r = await db.query(
    `SELECT a.id AS account_id, g.id AS grant_id, g.role, g.scope_kind, g.scope_id, ${scopeColumnsSql('a.id')}
       FROM accounts a JOIN role_grants g ON g.account_id = a.id AND g.revoked_at IS NULL
      WHERE a.username = $1 AND ($2::text IS NULL OR g.role = $2) ORDER BY g.id LIMIT 1`,
    [username, role ?? null],
  );
  const x = r.rows[0];
  if (!x) throw new Error(`demo: no account ${username}${role ? ` with role ${role}` : ''}`);
  return new RequestContext('127.0.0.1', 'zh', Number(x.account_id), null,
    { id: Number(x.grant_id), role: x.role as Role, scopeKind: x.scope_kind as ScopeKind, scopeId: x.scope_id == null ? null : Number(x.scope_id) },
    scopeFromRow(x), true);
}
