import type { CaseListItem, CaseListPage, CasesQuery } from '@gongzhi/contracts';
import crypto from 'node:crypto';
import pg from 'pg';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { caseVisibleSql, isDepartmentRole } from './case-access.ts';
import { CASE_LIST_COLUMNS, CASE_LIST_JOINS, caseListItemFromRow, caseListRowsById } from './case-view.ts';

// The officials' queue (GET /cases, and its Excel): the cases the caller may see, filtered, by
// default overdue first, then by the running deadline (nulls last), then id. A secretary serving
// several estates asks for mine=secretary: every estate where their ACCOUNT holds an active
// committee_secretary grant, whichever role is active now.

const RUNNING = `c.state IN ('open', 'in_progress')`;
/**
 * The deadline by which a case would be overdue: its resolve deadline while it runs ('infinity'
 * when it has none), null once it no longer runs. OVERDUE is a range of it (the same cases as
 * case-view's OVERDUE_SQL), NOT_OVERDUE its negation among running cases. Written
 * exactly as in migration 0022, whose statistics on it tell the planner that overdue cases are
 * few (resolve_due_at alone is mostly past: closed cases keep theirs) and whose indexes find them
 * as a range (cases_overdue_idx) or walk the running ones in the due order (cases_running_due_idx).
 */
const OVERDUE_KEY = `(CASE WHEN c.state IN ('open', 'in_progress') THEN COALESCE(c.resolve_due_at, 'infinity'::timestamptz) END)`;
const OVERDUE = `${OVERDUE_KEY} < now()`;
/** Among running cases, not overdue. Written as IS NOT TRUE so that the planner reads it as
 *  "almost every running case" (NOT (… < now()) becomes a range, which ANDed with the state
 *  counts running cases as rare twice over and misleads it into walking the due order for a few
 *  matches). Only ever used together with a running state. */
const NOT_OVERDUE = `(${OVERDUE_KEY} < now()) IS NOT TRUE`;

/**
 * A department officer's queue as explicit case ids, read once per request: the department's
 * calls (case_department_calls_dept_idx) and the cases routed to it — caseVisibleSql's rule for a
 * department — or, with `called`, only its calls still pending (or reported), which are visible to
 * it by that same rule. Without this every part of the page and the count rebuilt the set.
 * Null for everyone else.
 */
export async function departmentCaseIds(db: Db, ctx: RequestContext, q: Partial<CasesQuery>): Promise<number[] | null> {
  if (!isDepartmentRole(ctx) || q.mine === 'secretary') return null;
  const d = ctx.scope.departmentId;
  if (d == null) return [];
  const r = q.called
    ? await db.query(`SELECT dc.case_id AS id FROM case_department_calls dc WHERE dc.department_id = $1 AND dc.reported_at ${q.called === 'reported' ? 'IS NOT NULL' : 'IS NULL'}`, [d])
    : await db.query(`SELECT dc.case_id AS id FROM case_department_calls dc WHERE dc.department_id = $1
                      UNION SELECT h.id FROM cases h WHERE h.handler_department_id = $1`, [d]);
  return r.rows.map((x) => Number(x.id));
}

/**
 * A where-clause with its parameters written in as SQL literals. The queue's statements are sent
 * so, without parameters: the pool forces generic plans (platform/db.ts), and PostgreSQL applies
 * that to unnamed parameterised statements too. A generic plan cannot see that `c.state = $3`
 * ('open') meets the running cases' partial indexes, nor how many estates a scope holds, nor the
 * filters' selectivity — at 1M cases the manager's urgent open cases read 3,438 buffers per count
 * generically, 22 with the values in sight. Each page's statements are planned anyway (their
 * text differs per filter), so nothing is lost. Values are the caller's scope (integers) and the
 * validated query (enums, integers, the search words: escaped as a literal).
 */
export function inlineParams(sql: string, params: readonly unknown[]): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => sqlLiteral(params[Number(n) - 1]));
}

/** Named statements of the queue kept per connection (at most; texts beyond run unnamed). */
const PLANS_PER_CONNECTION = 32;
const namedOn = new WeakMap<Db, Set<string>>();

/**
 * Runs a queue statement (values inlined, no parameters) as a named statement, so that its plan
 * is made once per connection and text and then reused: the same official's filter and page on
 * the same connection is the same text. With no parameters the cached plan is exactly the one
 * the values would get. Planning the ordered parts costs as much as running them (~0.7 ms
 * against ~0.5 ms at 1M cases). The first PLANS_PER_CONNECTION texts a connection sees are kept
 * (PostgreSQL holds their plans until the connection closes); any other text is planned per run.
 */
function queueQuery(db: Db, sql: string) {
  const name = `cq_${crypto.createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
  let named = namedOn.get(db);
  if (!named) namedOn.set(db, (named = new Set()));
  if (!named.has(name) && named.size >= PLANS_PER_CONNECTION) return db.query(sql);
  named.add(name);
  return db.query({ name, text: sql });
}

function sqlLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new Error(`not an integer: ${v}`);
    return String(v);
  }
  if (typeof v === 'string') return pg.escapeLiteral(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'number')) return `'{${v.map((x) => sqlLiteral(x)).join(',')}}'`;
    return v.length ? `ARRAY[${v.map((x) => sqlLiteral(x)).join(', ')}]` : `'{}'`;
  }
  throw new Error(`no SQL literal for ${typeof v}`);
}

/** Where-clause and parameters of a queue query; `deptIds`: departmentCaseIds, which then stands
 *  for the visibility rule and the department's `called` filter. */
export function caseQueueWhere(ctx: RequestContext, q: Partial<CasesQuery>, deptIds: number[] | null = null): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const conds: string[] = [];
  if (deptIds) {
    conds.push(`c.id = ANY(${p(deptIds)}::bigint[])`);
  } else if (q.mine === 'secretary') {
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
  if (q.overdue) conds.push(OVERDUE);
  if (q.assignee === 'me') conds.push(`c.assignee_account_id = ${p(ctx.accountId)}`);
  if (q.called && !deptIds) {
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

/** Totals above this are counted no further: the pager needs no more (50 pages of 20), and
 *  counting a city's queue exactly cost more than reading its page. The page then says
 *  `totalCapped` and shows "1000+". */
export const CASE_COUNT_CAP = 1_000;

/** Which parts of the due order a filter can reach: a running-only filter (overdue, open, in
 *  progress, active) never needs the closed history, and a closed-only one never the running. */
type Parts = { running: boolean; rest: boolean; stateIsRunning?: boolean };
function partsFor(q: Partial<CasesQuery>): Parts {
  const stateIsRunning = q.state === 'open' || q.state === 'in_progress' || q.state === 'active';
  if (q.overdue || stateIsRunning) return { running: true, rest: false, stateIsRunning };
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
 * `selective` (the filters match at most CASE_COUNT_CAP cases): no parts, one sort of the
 * matches (found by the filters' own indexes) on the same keys; an ordered walk would read the
 * whole table when matches are rare. Otherwise matches are dense and the parts' ordered walks
 * (cases_running_due_idx or cases_active_queue_idx for the running ones, the primary key for the
 * rest) stop after k rows. Overdue cases and running ones without a running deadline are few:
 * always sorted.
 */
function dueOrderSql(where: string, k: number, parts: Parts, selective: boolean): string {
  if (selective) {
    return `SELECT c.id, CASE WHEN ${OVERDUE} THEN 0 WHEN c.next_due_at IS NOT NULL THEN 1 ELSE 2 END AS part,
                   c.next_due_at FROM cases c WHERE ${where}`;
  }
  // the state filter already says running (the partial indexes need it said; twice would make
  // the planner count running cases as rarer than they are)
  const running = parts.stateIsRunning ? '' : ` AND ${RUNNING}`;
  const sql: string[] = [];
  if (parts.running) {
    sql.push(
      // always sorted: overdue cases are few, found per estate as a range of cases_overdue_idx
      // (looked for along the due order, they were read to its end: at the street or a department
      // they have no running deadline)
      `(SELECT c.id, 0 AS part, c.next_due_at FROM cases c WHERE ${where} AND ${OVERDUE}
         ORDER BY c.next_due_at + interval '0' ASC NULLS LAST, c.id + 0 LIMIT ${k})`,
      `(SELECT c.id, 1 AS part, c.next_due_at FROM cases c
         WHERE ${where}${running} AND ${NOT_OVERDUE} AND c.next_due_at IS NOT NULL
         ORDER BY c.next_due_at, c.id LIMIT ${k})`,
      `(SELECT c.id, 2 AS part, NULL::timestamptz AS next_due_at FROM cases c
         WHERE ${where}${running} AND c.next_due_at IS NULL AND ${NOT_OVERDUE} ORDER BY c.id + 0 LIMIT ${k})`,
    );
  }
  if (parts.rest) {
    sql.push(`(SELECT c.id, 2 AS part, NULL::timestamptz AS next_due_at FROM cases c WHERE ${where} AND NOT ${RUNNING} ORDER BY c.id LIMIT ${k})`);
  }
  return sql.join('\n UNION ALL\n');
}

/** The ids of one page (offset, size) of the queue in the due order. */
function pageIdsSql(where: string, parts: Parts, selective: boolean, offset: number, size: number): string {
  return `SELECT p.id FROM (${dueOrderSql(where, offset + size, parts, selective)}) p
           ORDER BY p.part, p.next_due_at ASC NULLS LAST, p.id LIMIT ${size} OFFSET ${offset}`;
}

/**
 * How many cases the filters match (counted no further than CASE_COUNT_CAP + 1), with one page of
 * the queue's ids, in one statement: the page is read the selective way when the count says the
 * matches are few, by the ordered parts otherwise (only the branch taken runs: each is an init
 * plan read on demand). `where` has its values inlined (inlineParams).
 */
async function countAndPageIds(db: Db, o: { where: string; parts: Parts; offset: number; size: number }): Promise<{ n: number; ids: number[] }> {
  const r = await queueQuery(
    db,
    `WITH m AS (SELECT count(*)::int AS n FROM (SELECT 1 FROM cases c WHERE ${o.where} LIMIT ${CASE_COUNT_CAP + 1}) x)
     SELECT m.n, CASE WHEN m.n <= ${CASE_COUNT_CAP} THEN ARRAY(${pageIdsSql(o.where, o.parts, true, o.offset, o.size)})
                      ELSE ARRAY(${pageIdsSql(o.where, o.parts, false, o.offset, o.size)}) END AS ids
       FROM m`,
  );
  return { n: Number(r.rows[0].n), ids: (r.rows[0].ids as unknown[]).map(Number) };
}

/** One page of the queue: its count, then its cases' list columns read by id (one statement of
 *  both cost more to plan — the parts' index choices times the joins' orders — than the page
 *  costs to read). */
async function queuePage(db: Db, o: { where: string; sort: CasesQuery['sort']; parts: Parts; offset: number; size: number }) {
  if (o.sort === 'created') {
    const n = Number((await queueQuery(db, `SELECT count(*)::int AS n FROM (SELECT 1 FROM cases c WHERE ${o.where} LIMIT ${CASE_COUNT_CAP + 1}) x`)).rows[0].n);
    const r = await db.query(
      `SELECT ${CASE_LIST_COLUMNS} FROM cases c ${CASE_LIST_JOINS}
        WHERE ${o.where} ORDER BY c.created_at DESC, c.id DESC LIMIT ${o.size} OFFSET ${o.offset}`,
    );
    return { n, rows: r.rows };
  }
  const { n, ids } = await countAndPageIds(db, o);
  if (ids.length === 0) return { n, rows: [] };
  const r = await caseListRowsById(db, ids);
  const byId = new Map(r.rows.map((row) => [Number(row.id), row]));
  return { n, rows: ids.map((id) => byId.get(id)).filter((row) => row != null) };
}

export async function listCases(db: Db, opts: { ctx: RequestContext; query: CasesQuery }): Promise<CaseListPage> {
  const { query } = opts;
  const q = caseQueueWhere(opts.ctx, query, await departmentCaseIds(db, opts.ctx, query));
  const { n, rows } = await queuePage(db, {
    where: inlineParams(q.where, q.params), sort: query.sort, parts: partsFor(query),
    offset: (query.page - 1) * query.pageSize, size: query.pageSize,
  });
  return {
    items: rows.map((r) => caseListItemFromRow(r)),
    total: Math.min(n, CASE_COUNT_CAP), ...(n > CASE_COUNT_CAP ? { totalCapped: true } : {}),
    page: query.page, pageSize: query.pageSize,
  };
}

/** Every case of the queue's filters (Excel), in the queue's order, capped. */
export async function allQueueCases(db: Db, opts: { ctx: RequestContext; query: Partial<CasesQuery>; limit: number }): Promise<CaseListItem[]> {
  const q = caseQueueWhere(opts.ctx, opts.query, await departmentCaseIds(db, opts.ctx, opts.query));
  const r = await queuePage(db, {
    where: inlineParams(q.where, q.params), sort: opts.query.sort ?? 'due', parts: partsFor(opts.query),
    offset: 0, size: Math.max(1, Math.floor(opts.limit)),
  });
  return r.rows.map((row) => caseListItemFromRow(row));
}
