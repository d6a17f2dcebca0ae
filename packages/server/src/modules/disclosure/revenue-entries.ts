import type { RevenueEntryPage, RevenueEntryView, revenueEntryQuery } from '@gongzhi/contracts';
import { REVENUE_CATEGORY_LABELS, REVENUE_DIRECTION_LABELS, revenueTotals, signedRevenueAmount, type RevenueCategory, type RevenueDirection } from '@gongzhi/domain';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { containsPattern, Where } from '../registry/query-helpers.ts';

// Reading the common-revenue ledger: one entry, the filtered list (paged) with the totals of the
// whole filter, and the rows the Excel export writes. An entry says whether a statement holds it
// and whether it can still be reversed.

export const MANAGED_BY_LABELS = { company: '物业服务企业', committee: '业主委员会' } as const;

type EntryQuery = z.infer<typeof revenueEntryQuery>;

const SELECT = `
  SELECT e.id, e.estate_id, e.direction, e.category, e.counterparty, e.period_start::text AS ps, e.period_end::text AS pe,
         e.booked_on::text AS booked_on, e.amount_fen, e.memo, e.managed_by, e.reverses_id, e.created_at,
         r.id AS reversed_by, s.id AS statement_id, a.display_name AS created_by
    FROM revenue_entries e
    LEFT JOIN revenue_entries r ON r.reverses_id = e.id
    LEFT JOIN revenue_statements s ON s.estate_id = e.estate_id AND e.booked_on BETWEEN s.period_start AND s.period_end
    LEFT JOIN accounts a ON a.id = e.created_by`;

export function categoryLabel(category: string): string {
  return REVENUE_CATEGORY_LABELS[category as RevenueCategory] ?? category;
}

function toView(x: Record<string, any>): RevenueEntryView {
  const reversal = x.reverses_id != null;
  return {
    id: Number(x.id), estateId: Number(x.estate_id),
    direction: x.direction, directionLabel: REVENUE_DIRECTION_LABELS[x.direction as RevenueDirection],
    category: x.category, categoryLabel: categoryLabel(x.category),
    counterparty: x.counterparty, periodStart: x.ps, periodEnd: x.pe, bookedOn: x.booked_on,
    amountFen: Number(x.amount_fen), signedAmountFen: signedRevenueAmount({ direction: x.direction, amountFen: Number(x.amount_fen), reversal }),
    memo: x.memo, managedBy: x.managed_by, managedByLabel: MANAGED_BY_LABELS[x.managed_by as 'company' | 'committee'],
    reversesId: reversal ? Number(x.reverses_id) : null,
    reversedById: x.reversed_by != null ? Number(x.reversed_by) : null,
    statementId: x.statement_id != null ? Number(x.statement_id) : null,
    reversible: !reversal && x.reversed_by == null,
    createdBy: x.created_by ?? null, createdAt: new Date(x.created_at).toISOString(),
  };
}

/** One entry by id (no scope check: callers check the estate). */
export async function readEntry(db: Db, entryId: number): Promise<RevenueEntryView | null> {
  const r = await db.query(`${SELECT} WHERE e.id = $1`, [entryId]);
  return r.rows[0] ? toView(r.rows[0]) : null;
}

function filterSql(estateId: number, q: EntryQuery): Where {
  const w = new Where().add('e.estate_id = ?', estateId);
  if (q.direction) w.add('e.direction = ?', q.direction);
  if (q.category) w.add('e.category = ?', q.category);
  if (q.from) w.add('e.booked_on >= ?::date', q.from);
  if (q.to) w.add('e.booked_on <= ?::date', q.to);
  if (q.q) {
    // one parameter serves both columns (the placeholder is repeated)
    const p = w.param(containsPattern(q.q));
    w.add(`(e.counterparty ILIKE ${p} OR e.memo ILIKE ${p})`);
  }
  return w;
}

/** Every entry of the filter, oldest booking first (the export). */
export async function entryRows(db: Db, estateId: number, q: EntryQuery): Promise<RevenueEntryView[]> {
  const f = filterSql(estateId, q);
  const r = await db.query(`${SELECT} ${f.sql()} ORDER BY e.booked_on, e.id`, f.params);
  return r.rows.map(toView);
}

export async function listEntries(opts: { db: Db; ctx: RequestContext; estateId: number; query: EntryQuery }): Promise<RevenueEntryPage> {
  const { db, ctx, estateId, query } = opts;
  ctx.assertEstate(estateId, '小区');
  const f = filterSql(estateId, query);
  const page = await db.query(
    `${SELECT} ${f.sql()} ORDER BY e.booked_on DESC, e.id DESC LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
    f.params,
  );
  const sums = await db.query(
    `SELECT e.direction, e.category, e.reverses_id IS NOT NULL AS reversal, sum(e.amount_fen)::bigint AS amount, count(*)::int AS n
       FROM revenue_entries e ${f.sql()} GROUP BY 1, 2, 3`,
    f.params,
  );
  const totals = revenueTotals(sums.rows.map((x) => ({ direction: x.direction, category: x.category, amountFen: Number(x.amount), reversal: x.reversal })));
  return {
    items: page.rows.map(toView),
    total: sums.rows.reduce((a, x) => a + Number(x.n), 0),
    page: query.page, pageSize: query.pageSize, totals,
  };
}

export async function getEntry(opts: { db: Db; ctx: RequestContext; entryId: number }): Promise<RevenueEntryView> {
  const e = await readEntry(opts.db, opts.entryId);
  if (!e) throw notFound('收支记录');
  opts.ctx.assertEstate(e.estateId, '收支记录');
  return e;
}
