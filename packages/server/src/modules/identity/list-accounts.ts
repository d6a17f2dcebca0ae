import type { AccountView, Role } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { accountViews, GRANT_IN_SCOPE_SQL, scopeParams } from './account-scope.ts';

/** Accounts the caller manages (a live grant inside the caller's scope), newest first, one page.
 *  `q` matches username, phone or display name; `role` keeps accounts holding that role in scope. */
export async function listAccounts(opts: {
  db: Db;
  ctx: RequestContext;
  q?: string;
  role?: Role;
  page: number;
  pageSize: number;
}): Promise<{ items: AccountView[]; total: number; page: number; pageSize: number }> {
  const { db, ctx, page, pageSize } = opts;
  const like = opts.q ? `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = `EXISTS (SELECT 1 FROM role_grants g
       WHERE g.account_id = a.id AND g.revoked_at IS NULL AND ${GRANT_IN_SCOPE_SQL}
         AND ($4::text IS NULL OR g.role = $4))
     AND ($3::text IS NULL OR a.username ILIKE $3 OR a.phone LIKE $3 OR a.display_name ILIKE $3)`;
  const params = [...scopeParams(ctx), like, opts.role ?? null];
  const total = await db.query(`SELECT count(*)::int AS n FROM accounts a WHERE ${where}`, params);
  const ids = await db.query(
    `SELECT a.id FROM accounts a WHERE ${where} ORDER BY a.id DESC LIMIT $5 OFFSET $6`,
    [...params, pageSize, (page - 1) * pageSize],
  );
  const items = await accountViews(db, ctx, ids.rows.map((r) => Number(r.id)));
  return { items, total: Number(total.rows[0].n), page, pageSize };
}
