import type { MeView, Role, RoleGrantView, ScopeKind } from '@gongzhi/contracts';
import { ROLE_PERMISSIONS } from '@gongzhi/contracts';
import { maskPhone as maskMobile } from '@gongzhi/domain';
import type { Db } from '../../platform/db.ts';

/** The account's live role grants, oldest first, with the name of each scope for the role switcher. */
export async function listLiveGrants(db: Db, accountId: number): Promise<RoleGrantView[]> {
  const r = await db.query(
    `SELECT g.id, g.role, g.scope_kind, g.scope_id,
            CASE g.scope_kind
              WHEN 'estate' THEN (SELECT name FROM estates WHERE id = g.scope_id)
              WHEN 'company' THEN (SELECT name FROM companies WHERE id = g.scope_id)
              WHEN 'region' THEN (SELECT name FROM regions WHERE id = g.scope_id)
              WHEN 'department' THEN (SELECT name FROM departments WHERE id = g.scope_id)
              ELSE '我的房屋' END AS scope_name
       FROM role_grants g
      WHERE g.account_id = $1 AND g.revoked_at IS NULL
      ORDER BY g.id`,
    [accountId],
  );
  return r.rows.map((g) => ({
    id: Number(g.id),
    role: g.role as Role,
    scopeKind: g.scope_kind as ScopeKind,
    scopeId: g.scope_id == null ? null : Number(g.scope_id),
    scopeName: (g.scope_name as string | null) ?? '',
  }));
}

/** What the web client knows about the caller. Permissions are those of the active role, and none
 *  until the second factor (if required) has been passed. */
export async function loadMe(db: Db, opts: { accountId: number; sessionIdHash: string }): Promise<MeView> {
  const s = await db.query(
    `SELECT a.display_name, a.phone, s.active_grant_id, s.mfa_passed
       FROM sessions s JOIN accounts a ON a.id = s.account_id
      WHERE s.id_hash = $1 AND s.account_id = $2`,
    [opts.sessionIdHash, opts.accountId],
  );
  const row = s.rows[0];
  if (!row) throw new Error('loadMe: session not found');
  const grants = await listLiveGrants(db, opts.accountId);
  const active = grants.find((g) => g.id === Number(row.active_grant_id)) ?? null;
  const mfaPassed = Boolean(row.mfa_passed);
  return {
    accountId: opts.accountId,
    displayName: row.display_name as string,
    grants,
    activeGrantId: active?.id ?? null,
    permissions: active && mfaPassed ? [...ROLE_PERMISSIONS[active.role]] : [],
    mfaPassed,
    // the web client shows where a binding code will go; the full number never leaves the server
    phoneMasked: row.phone ? maskMobile(row.phone as string) : null,
  };
}

/** 13812345678 → 138****5678: the one helper (domain), kept under this name for the module */
export const maskPhone = (phone: string | null | undefined): string => maskMobile(phone);
