import type { FundApplicationListQuery, FundApplicationSummaryView } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { APPLICATION_SELECT, toSummaryView } from './application-view.ts';

// Applications across the caller's scope (every estate the role reaches), newest first, with
// the filters of the list page. The export reads the same query without paging.

type Filters = Omit<FundApplicationListQuery, 'page' | 'pageSize'>;

function where(ctx: RequestContext, f: Filters): { sql: string; args: unknown[] } {
  const args: unknown[] = [ctx.scope.estateIds];
  const conds = ['a.estate_id = ANY($1::bigint[])'];
  const add = (cond: (n: number) => string, v: unknown) => { args.push(v); conds.push(cond(args.length)); };
  if (f.estateId) add((n) => `a.estate_id = $${n}`, f.estateId);
  if (f.state) add((n) => `a.state = $${n}`, f.state);
  if (f.path) add((n) => `a.path = $${n}`, f.path);
  if (f.overdue) add((n) => `a.review_overdue = $${n}`, f.overdue === 'true');
  if (f.q) add((n) => `(a.title ILIKE $${n} OR a.reason ILIKE $${n} OR a.contractor_name ILIKE $${n} OR e.name ILIKE $${n})`, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return { sql: conds.join(' AND '), args };
}

export async function listApplications(opts: { db: Db; ctx: RequestContext; query: FundApplicationListQuery }) {
  const { db, ctx, query } = opts;
  const w = where(ctx, query);
  const total = await db.query(`SELECT count(*)::int AS n FROM fund_applications a JOIN estates e ON e.id = a.estate_id WHERE ${w.sql}`, w.args);
  const r = await db.query(
    `${APPLICATION_SELECT} WHERE ${w.sql} ORDER BY a.created_at DESC, a.id DESC LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
    w.args,
  );
  return { items: r.rows.map(toSummaryView), total: Number(total.rows[0].n), page: query.page, pageSize: query.pageSize };
}

/** Every matching application (the export), capped so a runaway filter cannot exhaust memory. */
export async function allApplications(db: Db, ctx: RequestContext, f: Filters, cap = 20_000): Promise<FundApplicationSummaryView[]> {
  const w = where(ctx, f);
  const r = await db.query(`${APPLICATION_SELECT} WHERE ${w.sql} ORDER BY a.created_at DESC, a.id DESC LIMIT ${cap}`, w.args);
  return r.rows.map(toSummaryView);
}
