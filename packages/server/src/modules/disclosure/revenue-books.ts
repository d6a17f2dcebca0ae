import { periodBounds, periodLabel, revenueTotals, type RevenueTotals } from '@gongzhi/domain';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError } from '../../platform/errors.ts';

// The common-revenue books of an estate as the use cases read them: the per-estate lock that
// keeps a booking and a statement of the same period from passing each other, the statement a
// date is already stated in, and the totals of a span of booking dates.

/** Serialises revenue writes of one estate (entries and statements) for the transaction. */
export async function lockRevenueBooks(db: Db, estateId: number): Promise<void> {
  // two-key advisory lock: 7261500 names the revenue books, the estate id the estate
  await db.query(`SELECT pg_advisory_xact_lock(7261500, $1::int)`, [estateId]);
}

export interface StatedPeriod { id: number; periodKey: string; periodStart: string; periodEnd: string }

/** The published statement whose period holds `date`, if any. */
export async function statementCovering(db: Db, estateId: number, date: string): Promise<StatedPeriod | null> {
  const r = await db.query(
    `SELECT id, period_key, period_start::text AS ps, period_end::text AS pe FROM revenue_statements
      WHERE estate_id = $1 AND period_start <= $2::date AND period_end >= $2::date LIMIT 1`,
    [estateId, date],
  );
  const x = r.rows[0];
  return x ? { id: Number(x.id), periodKey: x.period_key, periodStart: x.ps, periodEnd: x.pe } : null;
}

/** Refuses a booking date inside a stated period (REVENUE_PERIOD_CLOSED naming the field). */
export async function assertPeriodOpen(db: Db, estateId: number, bookedOn: string, field = 'body.bookedOn'): Promise<void> {
  const s = await statementCovering(db, estateId, bookedOn);
  if (!s) return;
  throw new AppError('REVENUE_PERIOD_CLOSED', {
    message: `记账日期 ${bookedOn} 所在期间（${periodLabel(s.periodKey)}，${s.periodStart} 至 ${s.periodEnd}）的公共收益报表已公布，不能再记入；请按实际日期记入未公布的期间`,
    details: { field, statementId: s.id, periodKey: s.periodKey, periodStart: s.periodStart, periodEnd: s.periodEnd,
      issues: [{ field, message: `${periodLabel(s.periodKey)}的报表已公布，该期间不能再记账` }] },
  });
}

/** A period key checked against its kind, as a field error on `field`. */
export function boundsOf(kind: 'month' | 'quarter', key: string, field: string): { start: string; end: string } {
  const b = periodBounds(kind, key);
  if (!b) throw fieldError(field, kind === 'month' ? '月度期间应为 YYYY-MM，例如 2026-10' : '季度期间应为 YYYY-Qn，例如 2026-Q3');
  return b;
}

/** The totals of the entries booked from `from` to `to` (inclusive), and how many there are. */
export async function totalsBetween(db: Db, estateId: number, from: string, to: string): Promise<RevenueTotals & { entryCount: number }> {
  const r = await db.query(
    `SELECT direction, category, reverses_id IS NOT NULL AS reversal, sum(amount_fen)::bigint AS amount, count(*)::int AS n
       FROM revenue_entries WHERE estate_id = $1 AND booked_on BETWEEN $2::date AND $3::date
      GROUP BY 1, 2, 3`,
    [estateId, from, to],
  );
  const totals = revenueTotals(r.rows.map((x) => ({ direction: x.direction, category: x.category, amountFen: Number(x.amount), reversal: x.reversal })));
  return { ...totals, entryCount: r.rows.reduce((a, x) => a + Number(x.n), 0) };
}
