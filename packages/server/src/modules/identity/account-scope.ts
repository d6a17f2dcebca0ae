import type { AccountView, GrantBody, Role, RoleGrantView, ScopeKind } from '@gongzhi/contracts';
import { ROLE_SCOPE } from '@gongzhi/contracts';
import { maskPhone } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { fieldError, notFound } from '../../platform/errors.ts';

// Which accounts an administrator manages: those holding a live grant whose scope lies inside the
// administrator's own scope. The rule is one SQL predicate over a grant aliased `g`, with the
// caller's estate ids as $1 and region path as $2, used by the list and by every single lookup.

export const GRANT_IN_SCOPE_SQL = `(
  (g.scope_kind = 'estate' AND g.scope_id = ANY($1::bigint[]))
  OR (g.scope_kind = 'region' AND EXISTS (SELECT 1 FROM regions r WHERE r.id = g.scope_id AND r.path LIKE $2 || '%'))
  OR (g.scope_kind = 'company' AND EXISTS (SELECT 1 FROM service_contracts sc
        WHERE sc.company_id = g.scope_id AND sc.estate_id = ANY($1::bigint[])))
  OR (g.scope_kind = 'owner' AND EXISTS (SELECT 1 FROM bindings b
        WHERE b.account_id = g.account_id AND b.status = 'approved' AND b.estate_id = ANY($1::bigint[])))
  OR (g.scope_kind = 'department' AND EXISTS (SELECT 1 FROM departments d JOIN regions r ON r.id = d.region_id
        WHERE d.id = g.scope_id AND r.path LIKE $2 || '%'))
)`;

export const scopeParams = (ctx: RequestContext): [number[], string | null] => [ctx.scope.estateIds, ctx.scope.regionPath];

const SCOPE_NAME_SQL = `CASE g.scope_kind
  WHEN 'estate' THEN (SELECT name FROM estates WHERE id = g.scope_id)
  WHEN 'company' THEN (SELECT name FROM companies WHERE id = g.scope_id)
  WHEN 'region' THEN (SELECT name FROM regions WHERE id = g.scope_id)
  WHEN 'department' THEN (SELECT name FROM departments WHERE id = g.scope_id)
  ELSE '业主' END`;

/** The views of the given accounts, in the given order, with only their in-scope live grants. */
export async function accountViews(db: Db, ctx: RequestContext, ids: number[]): Promise<AccountView[]> {
  if (!ids.length) return [];
  const accounts = await db.query(
    `SELECT id, username, phone, display_name, disabled, locked_until FROM accounts WHERE id = ANY($1::bigint[])`,
    [ids],
  );
  const grants = await db.query(
    `SELECT g.id, g.account_id, g.role, g.scope_kind, g.scope_id, ${SCOPE_NAME_SQL} AS scope_name
       FROM role_grants g
      WHERE g.account_id = ANY($3::bigint[]) AND g.revoked_at IS NULL AND ${GRANT_IN_SCOPE_SQL}
      ORDER BY g.id`,
    [...scopeParams(ctx), ids],
  );
  const byAccount = new Map<number, RoleGrantView[]>();
  for (const g of grants.rows) {
    const list = byAccount.get(Number(g.account_id)) ?? [];
    list.push({
      id: Number(g.id), role: g.role as Role, scopeKind: g.scope_kind as ScopeKind,
      scopeId: g.scope_id == null ? null : Number(g.scope_id), scopeName: (g.scope_name as string | null) ?? '',
    });
    byAccount.set(Number(g.account_id), list);
  }
  const rows = new Map(accounts.rows.map((r) => [Number(r.id), r]));
  return ids.filter((id) => rows.has(id)).map((id) => {
    const r = rows.get(id)!;
    return {
      id,
      username: r.username as string | null,
      phoneMasked: r.phone ? maskPhone(r.phone as string) : null,
      displayName: r.display_name as string,
      disabled: Boolean(r.disabled),
      lockedUntil: r.locked_until && new Date(r.locked_until).getTime() > Date.now() ? new Date(r.locked_until).toISOString() : null,
      grants: byAccount.get(id) ?? [],
    };
  });
}

/** An account the caller manages, locked for the change; otherwise 404 (existence is not leaked). */
export async function loadManagedAccount(db: Db, ctx: RequestContext, accountId: number): Promise<{ id: number; disabled: boolean }> {
  const r = await db.query(
    `SELECT a.id, a.disabled FROM accounts a
      WHERE a.id = $3 AND EXISTS (SELECT 1 FROM role_grants g
              WHERE g.account_id = a.id AND g.revoked_at IS NULL AND ${GRANT_IN_SCOPE_SQL})
      FOR UPDATE`,
    [...scopeParams(ctx), accountId],
  );
  if (!r.rows.length) throw notFound('账号');
  return { id: Number(r.rows[0].id), disabled: Boolean(r.rows[0].disabled) };
}

/** A grant the caller may give: not 'owner', the scope kind its role needs, a scope inside the
 *  caller's own. `field` is the request path of the grant (e.g. "body.grants.0"). */
export async function assertGrantable(db: Db, ctx: RequestContext, g: GrantBody, field: string): Promise<void> {
  if (g.role === ('owner' as Role)) throw fieldError(`${field}.role`, '业主角色由业主自行绑定，不能在此授予');
  if (ROLE_SCOPE[g.role] !== g.scopeKind) {
    const want = { estate: '小区', company: '物业企业', region: '行政区域', owner: '房屋', department: '职能部门' }[ROLE_SCOPE[g.role]];
    throw fieldError(`${field}.scopeKind`, `该角色的范围应为${want}`);
  }
  let ok = false;
  if (g.scopeKind === 'estate') {
    ok = ctx.scope.estateIds.includes(g.scopeId);
  } else if (g.scopeKind === 'region') {
    const r = await db.query(`SELECT 1 FROM regions WHERE id = $1 AND path LIKE $2 || '%'`, [g.scopeId, ctx.scope.regionPath]);
    ok = r.rows.length > 0;
  } else if (g.scopeKind === 'department') {
    // a department is inside when its region lies under the caller's region
    const r = await db.query(
      `SELECT 1 FROM departments d JOIN regions r ON r.id = d.region_id WHERE d.id = $1 AND r.path LIKE $2 || '%'`,
      [g.scopeId, ctx.scope.regionPath],
    );
    ok = r.rows.length > 0;
  } else {
    // a company is inside when it serves (or will serve) an estate in the caller's scope
    const r = await db.query(
      `SELECT 1 FROM service_contracts WHERE company_id = $1 AND estate_id = ANY($2::bigint[]) AND ends_on >= current_date LIMIT 1`,
      [g.scopeId, ctx.scope.estateIds],
    );
    ok = r.rows.length > 0;
  }
  const what = { estate: '小区', company: '物业企业', region: '行政区域', department: '职能部门' }[g.scopeKind];
  if (!ok) throw fieldError(`${field}.scopeId`, `${what}不存在或不在您的管辖范围内`);
}
