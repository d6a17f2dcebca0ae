import { emptyByCategory, type CaseFigureGroup, type CaseFigureRow, type CaseFigures, type CaseFiguresQuery } from '@gongzhi/contracts';
import { averageCenti, permille, type CaseCategory } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { fieldError } from '../../platform/errors.ts';
import { caseVisibleSql } from './case-access.ts';

// GET /cases/figures — volumes by category, the share resolved within the deadline, the reopen
// rate and the average rating, per estate, company, street or department, for the cases filed in
// a date range (Asia/Shanghai days, inclusive). Counted in SQL per group and category; the rates
// are the domain's integer permille and centi, so the page, the chart and Excel agree.
//
// Which cases: those the caller may read (their scope's estates; a department officer: the cases
// it was called in on, or routed to it), never a merged duplicate (its survivor counts).

/** The grouping: the case's key and name columns and what to join for them, over cases `c`. */
const GROUPS: Record<CaseFigureGroup | 'all', { key: string; name: string; join: string }> = {
  all: { key: 'NULL::bigint', name: `'合计'`, join: '' },
  estate: { key: 'c.estate_id', name: 'e.name', join: 'JOIN estates e ON e.id = c.estate_id' },
  company: { key: 'c.company_id', name: `coalesce(co.name, '未关联物业服务企业')`, join: 'LEFT JOIN companies co ON co.id = c.company_id' },
  street: {
    key: 'st.id', name: 'st.name',
    join: 'JOIN estates e ON e.id = c.estate_id JOIN regions com ON com.id = e.community_id JOIN regions st ON st.id = com.parent_id',
  },
  // a case called in to two departments is in both rows; one routed to a department has its call row
  department: {
    key: 'dp.id', name: 'dp.name',
    join: `JOIN LATERAL (SELECT k.department_id AS id FROM case_department_calls k WHERE k.case_id = c.id
                          UNION SELECT c.handler_department_id WHERE c.handler_department_id IS NOT NULL) kd ON true
           JOIN departments dp ON dp.id = kd.id`,
  },
};

interface Filter { where: string[]; params: unknown[] }

function filterOf(ctx: RequestContext, q: CaseFiguresQuery): Filter {
  const params: unknown[] = [];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const where = [`c.state <> 'merged'`];
  // the cases the caller may read: the one visibility rule of the queues and the case page
  where.push(caseVisibleSql(ctx, params));
  if (q.estateId != null) {
    if (ctx.scope.departmentId == null) ctx.assertEstate(q.estateId, '小区');
    where.push(`c.estate_id = ${p(q.estateId)}`);
  }
  if (q.from && q.to && q.to < q.from) throw fieldError('querystring.to', '结束日期不能早于开始日期');
  if (q.from) where.push(`c.created_at >= (${p(q.from)}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  if (q.to) where.push(`c.created_at < (${p(q.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  if (q.category) where.push(`c.category = ${p(q.category)}`);
  return { where, params };
}

interface Counts { name: string; total: number; byCategory: Record<CaseCategory, number>; resolved: number; inTime: number; reopened: number; rated: number; ratingSum: number }

async function countBy(db: Db, f: Filter, group: CaseFigureGroup | 'all', onlyDepartment: number | null): Promise<Map<number | null, Counts>> {
  const g = GROUPS[group];
  const params = [...f.params];
  const where = [...f.where];
  // a department officer's department rows: its own, not the others called in on the same cases
  if (group === 'department' && onlyDepartment != null) { params.push(onlyDepartment); where.push(`dp.id = $${params.length}`); }
  const r = await db.query(
    `SELECT ${g.key} AS key, ${g.name} AS name, c.category,
            count(*)::int AS total,
            count(*) FILTER (WHERE c.state IN ('resolved', 'closed'))::int AS resolved,
            count(*) FILTER (WHERE c.state IN ('resolved', 'closed') AND c.resolved_in_time)::int AS in_time,
            count(*) FILTER (WHERE c.reopen_count > 0)::int AS reopened,
            count(c.rating)::int AS rated,
            coalesce(sum(c.rating), 0)::int AS rating_sum
       FROM cases c ${g.join}
      WHERE ${where.join(' AND ')}
      GROUP BY 1, 2, 3`,
    params,
  );
  const out = new Map<number | null, Counts>();
  for (const x of r.rows) {
    const key = x.key == null ? null : Number(x.key);
    let c = out.get(key);
    if (!c) {
      c = { name: String(x.name), total: 0, byCategory: emptyByCategory(), resolved: 0, inTime: 0, reopened: 0, rated: 0, ratingSum: 0 };
      out.set(key, c);
    }
    c.byCategory[x.category as CaseCategory] += x.total;
    c.total += x.total; c.resolved += x.resolved; c.inTime += x.in_time; c.reopened += x.reopened; c.rated += x.rated; c.ratingSum += x.rating_sum;
  }
  return out;
}

function row(key: number | null, c: Counts): CaseFigureRow {
  return {
    key, name: c.name, total: c.total, byCategory: c.byCategory,
    resolved: c.resolved, resolvedInTime: c.inTime, inTimePermille: permille(c.inTime, c.resolved),
    reopened: c.reopened, reopenPermille: permille(c.reopened, c.total),
    rated: c.rated, avgRatingCenti: averageCenti(c.ratingSum, c.rated),
  };
}

const EMPTY: Counts = { name: '合计', total: 0, byCategory: emptyByCategory(), resolved: 0, inTime: 0, reopened: 0, rated: 0, ratingSum: 0 };

export async function caseFigures(db: Db, o: { ctx: RequestContext; query: CaseFiguresQuery }): Promise<CaseFigures> {
  const { ctx, query } = o;
  const f = filterOf(ctx, query);
  const groups = await countBy(db, f, query.groupBy, ctx.scope.departmentId);
  // totals count every case once; grouped by department only the cases a department was in on
  const totalsFilter = query.groupBy === 'department'
    ? { where: [...f.where, `(c.handler_department_id IS NOT NULL OR EXISTS (SELECT 1 FROM case_department_calls k WHERE k.case_id = c.id))`], params: f.params }
    : f;
  const totals = await countBy(db, totalsFilter, 'all', null);
  const rows = [...groups].map(([k, c]) => row(k, c))
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'zh-CN') || (a.key ?? 0) - (b.key ?? 0));
  return {
    groupBy: query.groupBy, from: query.from ?? null, to: query.to ?? null,
    rows, totals: row(null, { ...(totals.get(null) ?? { ...EMPTY, byCategory: emptyByCategory() }), name: '合计' }),
  };
}
