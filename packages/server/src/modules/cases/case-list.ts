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

/** Totals above this are counted no further (a city's history would cost a full scan per page):
 *  the page says `totalCapped` and shows "10000+". */
export const CASE_COUNT_CAP = 10_000;

const RUNNING = `c.state IN ('open', 'in_progress')`;

/** Which parts of the due order a filter can reach: a running-only filter (overdue, open, in
 *  progress, active) never needs the closed history, and a closed-only one never the running. */
function partsFor(q: Partial<CasesQuery>): { running: boolean; rest: boolean } {
  if (q.overdue || q.state === 'open' || q.state === 'in_progress' || q.state === 'active') return { running: true, rest: false };
  if (q.state === 'resolved' || q.state === 'closed' || q.state === 'merged') return { running: false, rest: true };
  return { running: true, rest: true };
}

/**
 * The ids of the first `k` cases of the queue's order, as ordered parts instead of one sort of
 * every case in scope: (0) running and overdue, by the running deadline; (1) running, not
 * overdue, with a running deadline, by it; (2) the rest — running without a running deadline, and
 * every case no longer running — by id. Together exactly ORDER BY overdue DESC, next_due_at ASC
 * NULLS LAST, id.
 *
 * `selective` (the filters match at most CASE_COUNT_CAP cases): each part finds its rows by the
 * filters' own indexes and sorts them (a few thousand at most); the sort keys are wrapped (+ 0)
 * so that the planner cannot walk the primary key in order hoping to meet matches early, which
 * reads the whole table when they are rare. Otherwise matches are dense and the ordered walks
 * (cases_active_queue_idx for the running ones, the primary key for the rest) stop after k rows.
 * Running cases without a running deadline are always few: always sorted.
 */
function dueOrderSql(where: string, k: number, parts: { running: boolean; rest: boolean }, selective: boolean): string {
  const due = selective ? `c.next_due_at + interval '0'` : 'c.next_due_at';
  const id = selective ? 'c.id + 0' : 'c.id';
  const sql: string[] = [];
  if (parts.running) {
    sql.push(
      `(SELECT c.id, 0 AS part, c.next_due_at FROM cases c WHERE ${where} AND ${OVERDUE_SQL}
         ORDER BY ${due} ASC NULLS LAST, ${id} LIMIT ${k})`,
      `(SELECT c.id, 1 AS part, c.next_due_at FROM cases c
         WHERE ${where} AND ${RUNNING} AND NOT ${OVERDUE_SQL} AND c.next_due_at IS NOT NULL
         ORDER BY ${due}, ${id} LIMIT ${k})`,
      `(SELECT c.id, 2 AS part, NULL::timestamptz AS next_due_at FROM cases c
         WHERE ${where} AND ${RUNNING} AND NOT ${OVERDUE_SQL} AND c.next_due_at IS NULL ORDER BY c.id + 0 LIMIT ${k})`,
    );
  }
  if (parts.rest) {
    sql.push(`(SELECT c.id, 2 AS part, NULL::timestamptz AS next_due_at FROM cases c WHERE ${where} AND NOT ${RUNNING} ORDER BY ${id} LIMIT ${k})`);
  }
  return sql.join('\n UNION ALL\n');
}

/** One page (offset, size) of the queue in its order, the cases' list columns read for it only. */
async function queuePage(db: Db, o: {
  where: string; params: unknown[]; sort: CasesQuery['sort']; parts: { running: boolean; rest: boolean }; selective: boolean;
  offset: number; size: number;
}) {
  const k = o.offset + o.size;
  if (o.sort === 'created') {
    return db.query(
      `SELECT ${CASE_LIST_COLUMNS} FROM cases c ${CASE_LIST_JOINS}
        WHERE ${o.where} ORDER BY c.created_at DESC, c.id DESC LIMIT ${o.size} OFFSET ${o.offset}`,
      o.params,
    );
  }
  return db.query(
    `WITH page AS (
       SELECT p.id, p.part, p.next_due_at FROM (${dueOrderSql(o.where, k, o.parts, o.selective)}) p
        ORDER BY p.part, p.next_due_at ASC NULLS LAST, p.id LIMIT ${o.size} OFFSET ${o.offset})
     SELECT ${CASE_LIST_COLUMNS} FROM page JOIN cases c ON c.id = page.id ${CASE_LIST_JOINS}
      ORDER BY page.part, page.next_due_at ASC NULLS LAST, page.id`,
    o.params,
  );
}

/** How many cases the filters match, counted no further than CASE_COUNT_CAP + 1. */
async function cappedCount(db: Db, where: string, params: unknown[]): Promise<number> {
  const r = await db.query(`SELECT count(*)::int AS n FROM (SELECT 1 FROM cases c WHERE ${where} LIMIT ${CASE_COUNT_CAP + 1}) x`, params);
  return Number(r.rows[0].n);
}

export async function listCases(db: Db, opts: { ctx: RequestContext; query: CasesQuery }): Promise<CaseListPage> {
  const { query } = opts;
  const { where, params } = caseQueueWhere(opts.ctx, query);
  const n = await cappedCount(db, where, params);
  const items = await queuePage(db, {
    where, params, sort: query.sort, parts: partsFor(query), selective: n <= CASE_COUNT_CAP,
    offset: (query.page - 1) * query.pageSize, size: query.pageSize,
  });
  return {
    items: items.rows.map((r) => caseListItemFromRow(r)),
    total: Math.min(n, CASE_COUNT_CAP), ...(n > CASE_COUNT_CAP ? { totalCapped: true } : {}),
    page: query.page, pageSize: query.pageSize,
  };
}

/** Every case of the queue's filters (Excel), in the queue's order, capped. */
export async function allQueueCases(db: Db, opts: { ctx: RequestContext; query: Partial<CasesQuery>; limit: number }): Promise<CaseListItem[]> {
  const { where, params } = caseQueueWhere(opts.ctx, opts.query);
  const n = await cappedCount(db, where, params);
  const r = await queuePage(db, {
    where, params, sort: opts.query.sort ?? 'due', parts: partsFor(opts.query), selective: n <= CASE_COUNT_CAP,
    offset: 0, size: Math.max(1, Math.floor(opts.limit)),
  });
  return r.rows.map((row) => caseListItemFromRow(row));
}
