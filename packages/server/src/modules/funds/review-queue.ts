import { workingDaysBetween } from '@gongzhi/domain';
import type { FundReviewsView } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { localDate } from '../meetings/index.ts';
import { reviewCalendarKnown } from './review-present.ts';

// The district's review queue: applications under review in the caller's scope, the nearest
// deadline first (overdue ones lead), with the working days left counted from today in
// Asia/Shanghai. "Overdue" is the deadline job's flag, or the deadline already behind us while
// the job has not run yet (a stopped runner must not hide a late review).

export interface ReviewQueueOptions {
  ctx: RequestContext;
  query: { overdue?: boolean; estateId?: number; page: number; pageSize: number };
  now?: Date;
}

export async function listReviews(db: Db, o: ReviewQueueOptions): Promise<FundReviewsView> {
  const today = localDate(o.now ?? new Date());
  const q = o.query;
  const estates = q.estateId ? o.ctx.scope.estateIds.filter((e) => e === q.estateId) : o.ctx.scope.estateIds;
  const overdueSql = `(a.review_overdue OR a.review_due_on < $2::date)`;
  const where = `a.estate_id = ANY($1) AND a.state = 'under_review'`
    + (q.overdue === true ? ` AND ${overdueSql}` : q.overdue === false ? ` AND NOT ${overdueSql}` : '');
  const r = await db.query(
    `SELECT a.id, a.estate_id, e.name AS estate_name, a.title, a.category, a.path, a.budget_fen,
            a.review_started_on::text AS review_started_on, a.review_due_on::text AS review_due_on,
            ${overdueSql} AS overdue, a.escalated_at, count(*) OVER () AS total,
            count(*) FILTER (WHERE ${overdueSql}) OVER () AS overdue_count
       FROM fund_applications a JOIN estates e ON e.id = a.estate_id
      WHERE ${where}
      ORDER BY a.review_due_on, a.id
      LIMIT $3 OFFSET $4`,
    [estates, today, q.pageSize, (q.page - 1) * q.pageSize],
  );
  let total = r.rows.length ? Number(r.rows[0].total) : 0;
  let overdueCount = r.rows.length ? Number(r.rows[0].overdue_count) : 0;
  if (!r.rows.length && q.page > 1) {
    // a page past the end still reports the totals
    const c = await db.query(`SELECT count(*) AS total, count(*) FILTER (WHERE ${overdueSql}) AS overdue_count FROM fund_applications a WHERE ${where}`, [estates, today]);
    total = Number(c.rows[0].total);
    overdueCount = Number(c.rows[0].overdue_count);
  }
  return {
    today, total, overdueCount,
    items: r.rows.map((x) => ({
      applicationId: Number(x.id), estateId: Number(x.estate_id), estateName: x.estate_name, title: x.title, category: x.category,
      path: x.path, budgetFen: Number(x.budget_fen), reviewStartedOn: x.review_started_on, reviewDueOn: x.review_due_on,
      daysLeft: workingDaysBetween(today, x.review_due_on), overdue: Boolean(x.overdue),
      escalatedAt: x.escalated_at ? (x.escalated_at as Date).toISOString() : null,
      calendarKnown: reviewCalendarKnown({ review_started_on: x.review_started_on, review_due_on: x.review_due_on }) ?? true,
    })),
  };
}
