import type { RevenuePreview } from '@gongzhi/contracts';
import { checkClosing, periodLabel } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { localDate } from '../meetings/index.ts';
import { boundsOf, totalsBetween } from './revenue-books.ts';

// A statement period of an estate as it stands now: the opening balance (the closing of the
// latest statement before it: statements chain), the period's totals, and every reason it cannot
// be published yet. The preview shows it; publication recomputes it under the books' lock.

export type PeriodKind = 'month' | 'quarter';
export type BlockedKind = 'overlap' | 'later' | 'unstated' | 'not_ended' | null;

export async function computePeriod(db: Db, o: {
  estateId: number; periodKind: PeriodKind; periodKey: string; field: string; now?: Date;
}): Promise<RevenuePreview & { blockedKind: BlockedKind }> {
  const { estateId, periodKind, periodKey } = o;
  const b = boundsOf(periodKind, periodKey, o.field);
  const prev = await db.query(
    `SELECT id, closing_fen, period_end::text AS pe FROM revenue_statements
      WHERE estate_id = $1 AND period_end < $2::date ORDER BY period_end DESC LIMIT 1`,
    [estateId, b.start],
  );
  const p = prev.rows[0];
  const overlaps = await db.query(
    `SELECT id, period_key, period_start::text AS ps, period_end::text AS pe FROM revenue_statements
      WHERE estate_id = $1 AND period_start <= $3::date AND period_end >= $2::date ORDER BY period_start`,
    [estateId, b.start, b.end],
  );
  const later = await db.query(
    `SELECT period_key FROM revenue_statements WHERE estate_id = $1 AND period_start > $2::date ORDER BY period_start LIMIT 1`,
    [estateId, b.end],
  );
  // entries after the previous statement and before this period would be in no statement at all
  const gap = await db.query(
    `SELECT count(*)::int AS n, min(booked_on)::text AS first FROM revenue_entries
      WHERE estate_id = $1 AND booked_on < $2::date AND ($3::date IS NULL OR booked_on > $3::date)`,
    [estateId, b.start, p?.pe ?? null],
  );
  const totals = await totalsBetween(db, estateId, b.start, b.end);
  const units = await db.query(`SELECT count(*)::int AS n, coalesce(sum(area_centi), 0)::bigint AS area FROM units WHERE estate_id = $1`, [estateId]);
  const openingFen = p ? Number(p.closing_fen) : 0;
  const periodEnded = b.end < localDate(o.now ?? new Date());
  const unstatedEarlierCount = Number(gap.rows[0].n);
  const overlapRefs = overlaps.rows.map((x) => ({ id: Number(x.id), periodKey: x.period_key, periodLabel: periodLabel(x.period_key), periodStart: x.ps, periodEnd: x.pe }));
  // the first reason that applies, as its kind and its message
  const [blockedKind, blockedReason]: [BlockedKind, string | null] =
    overlapRefs.length ? ['overlap', `与已公布的报表期间重叠：${overlapRefs.map((x) => `${x.periodLabel}（${x.periodStart} 至 ${x.periodEnd}）`).join('、')}`]
    : later.rows[0] ? ['later', `已公布更晚期间（${periodLabel(later.rows[0].period_key)}）的报表，报表须按期间先后公布`]
    : unstatedEarlierCount ? ['unstated', `本期之前有 ${unstatedEarlierCount} 笔收支（最早记账日期 ${gap.rows[0].first}）未列入任何报表，请先公布该期间的报表`]
    : !periodEnded ? ['not_ended', `${periodLabel(periodKey)}尚未结束（${b.end}），期间结束后才能公布报表`]
    : [null, null];
  return {
    estateId, periodKind, periodKey, periodLabel: periodLabel(periodKey), periodStart: b.start, periodEnd: b.end,
    openingFen, previousStatementId: p ? Number(p.id) : null,
    incomeFen: totals.incomeFen, expenseFen: totals.expenseFen, netFen: totals.netFen,
    closingFen: checkClosing({ openingFen, incomeFen: totals.incomeFen, expenseFen: totals.expenseFen, declaredClosingFen: 0 }).closingFen,
    byCategory: totals.byCategory, entryCount: totals.entryCount,
    unitCount: Number(units.rows[0].n), totalAreaCenti: Number(units.rows[0].area),
    overlaps: overlapRefs, unstatedEarlierCount, periodEnded, blockedReason, blockedKind,
  };
}

export async function previewPeriod(opts: { db: Db; ctx: RequestContext; estateId: number; periodKind: PeriodKind; periodKey: string }): Promise<RevenuePreview> {
  opts.ctx.assertEstate(opts.estateId, '小区');
  const { blockedKind: _, ...preview } = await computePeriod(opts.db, { ...opts, field: 'query.periodKey' });
  return preview;
}
