import type { AuditEventView, AuditQuery } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { fieldError } from '../../platform/errors.ts';

// Dates in the filter are calendar days as people in China read them.
const TZ = 'Asia/Shanghai';

/** Whether the caller's grant is a region at the root of the tree (admin, city officers, city
 *  auditors): only they also see events that belong to no estate (logins, accounts, regions). */
export function seesPlatformEvents(ctx: RequestContext): boolean {
  const p = ctx.scope.regionPath;
  return ctx.grant?.scopeKind === 'region' && p != null && p.split('/').filter(Boolean).length === 1;
}

/** The audit log of the caller's scope, newest first, filtered and paged. */
export async function listAuditEvents(
  db: Db,
  opts: { ctx: RequestContext; query: AuditQuery },
): Promise<{ items: AuditEventView[]; total: number; page: number; pageSize: number }> {
  const { ctx, query: q } = opts;
  if (q.from && q.to && q.from > q.to) throw fieldError('query.to', '结束日期不能早于开始日期');
  const params: unknown[] = [ctx.scope.estateIds];
  const where = [seesPlatformEvents(ctx) ? '(e.estate_id = ANY($1) OR e.estate_id IS NULL)' : 'e.estate_id = ANY($1)'];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (q.action) add((n) => `e.action = ${n}`, q.action);
  if (q.targetType) add((n) => `e.target_type = ${n}`, q.targetType);
  if (q.actorAccountId) add((n) => `e.actor_account_id = ${n}`, q.actorAccountId);
  if (q.estateId) add((n) => `e.estate_id = ${n}`, q.estateId);
  if (q.from) add((n) => `e.at >= (${n}::date::timestamp AT TIME ZONE '${TZ}')`, q.from);
  if (q.to) add((n) => `e.at < ((${n}::date + 1)::timestamp AT TIME ZONE '${TZ}')`, q.to);
  const filter = where.join(' AND ');
  const total = await db.query(`SELECT count(*)::int AS n FROM audit_events e WHERE ${filter}`, params);
  const r = await db.query(
    `SELECT e.*, a.display_name AS actor_name FROM audit_events e
       LEFT JOIN accounts a ON a.id = e.actor_account_id
      WHERE ${filter} ORDER BY e.seq DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, q.pageSize, (q.page - 1) * q.pageSize],
  );
  return {
    items: r.rows.map((e) => ({
      seq: Number(e.seq),
      at: (e.at as Date).toISOString(),
      actorAccountId: e.actor_account_id == null ? null : Number(e.actor_account_id),
      actorName: e.actor_name ?? null,
      actorRole: e.actor_role ?? null,
      action: e.action,
      targetType: e.target_type,
      targetId: e.target_id ?? null,
      estateId: e.estate_id == null ? null : Number(e.estate_id),
      summary: e.summary ?? {},
      clientIp: e.client_ip ?? null,
    })),
    total: total.rows[0].n,
    page: q.page,
    pageSize: q.pageSize,
  };
}
