import type { CaseListItem, CaseListPage, CasesQuery } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { caseVisibleSql, isDepartmentRole } from './case-access.ts';
import { CASE_LIST_COLUMNS, CASE_LIST_JOINS, caseListItemFromRow, OVERDUE_SQL } from './case-view.ts';

// The officials' queue (GET /cases, and its Excel): the cases the caller may see, filtered, by
// default overdue first, then by the running deadline (nulls last), then id. A secretary serving
// several estates asks for mine=secretary: every estate where their ACCOUNT holds an active
// committee_secretary grant, whichever role is active now.

/** Where-clause and parameters of a queue query. */
export function caseQueueWhere(ctx: RequestContext, q: Partial<CasesQuery>): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const conds: string[] = [];
  if (q.mine === 'secretary') {
    conds.push(`c.estate_id IN (SELECT g.scope_id FROM role_grants g
                 WHERE g.account_id = ${p(ctx.accountId)} AND g.role = 'committee_secretary' AND g.scope_kind = 'estate'
                   AND g.revoked_at IS NULL)`);
  } else {
    conds.push(caseVisibleSql(ctx, params));
  }
  if (q.estateId != null) conds.push(`c.estate_id = ${p(q.estateId)}`);
  if (q.state === 'active') conds.push(`c.state IN ('open', 'in_progress')`);
  else if (q.state) conds.push(`c.state = ${p(q.state)}`);
  if (q.category) conds.push(`c.category = ${p(q.category)}`);
  if (q.level) conds.push(`c.level = ${p(q.level)}`);
  if (q.priority) conds.push(`c.priority = ${p(q.priority)}`);
  if (q.overdue) conds.push(OVERDUE_SQL);
  if (q.assignee === 'me') conds.push(`c.assignee_account_id = ${p(ctx.accountId)}`);
  if (q.called) {
    // a department: its own call; anyone else: any department call of the case
    const dept = isDepartmentRole(ctx) && ctx.scope.departmentId != null ? ` AND dc.department_id = ${p(ctx.scope.departmentId)}` : '';
    const reported = q.called === 'reported' ? 'IS NOT NULL' : 'IS NULL';
    conds.push(`EXISTS (SELECT 1 FROM case_department_calls dc WHERE dc.case_id = c.id${dept} AND dc.reported_at ${reported})`);
  }
  if (q.q) {
    const like = p(`%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    conds.push(`(c.no ILIKE ${like} OR c.title ILIKE ${like})`);
  }
  return { where: conds.join(' AND '), params };
}

const ORDER: Record<CasesQuery['sort'], string> = {
  due: `${OVERDUE_SQL} DESC, c.next_due_at ASC NULLS LAST, c.id`,
  created: 'c.created_at DESC, c.id DESC',
};

export async function listCases(db: Db, opts: { ctx: RequestContext; query: CasesQuery }): Promise<CaseListPage> {
  const { query } = opts;
  const { where, params } = caseQueueWhere(opts.ctx, query);
  const total = await db.query(`SELECT count(*)::int AS n FROM cases c WHERE ${where}`, params);
  const offset = (query.page - 1) * query.pageSize;
  const items = await db.query(
    `SELECT ${CASE_LIST_COLUMNS} FROM cases c ${CASE_LIST_JOINS}
      WHERE ${where} ORDER BY ${ORDER[query.sort]} LIMIT ${query.pageSize} OFFSET ${offset}`,
    params,
  );
  return { items: items.rows.map((r) => caseListItemFromRow(r)), total: Number(total.rows[0].n), page: query.page, pageSize: query.pageSize };
}

/** Every case of the queue's filters (Excel), in the queue's order, capped. */
export async function allQueueCases(db: Db, opts: { ctx: RequestContext; query: Partial<CasesQuery>; limit: number }): Promise<CaseListItem[]> {
  const { where, params } = caseQueueWhere(opts.ctx, opts.query);
  const r = await db.query(
    `SELECT ${CASE_LIST_COLUMNS} FROM cases c ${CASE_LIST_JOINS}
      WHERE ${where} ORDER BY ${ORDER[opts.query.sort ?? 'due']} LIMIT ${Math.max(1, Math.floor(opts.limit))}`,
    params,
  );
  return r.rows.map((row) => caseListItemFromRow(row));
}
