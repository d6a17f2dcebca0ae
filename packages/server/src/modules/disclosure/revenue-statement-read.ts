import type { MyRevenueStatementItem, MyRevenueStatementView, RevenueStatementSummary, RevenueStatementView } from '@gongzhi/contracts';
import { netPerSquareMetre, periodLabel } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';

// Published common-revenue statements as they were published (the body is frozen): the list of
// an estate, one statement with its categories and entries, and the owner's view with the share
// of each of their own units. Owners reach only statements of their estates (ctx.assertEstate,
// 404 otherwise) and only their own units' shares.

const SUMMARY = `
  SELECT s.id, s.estate_id, e.name AS estate_name, s.period_kind, s.period_key, s.period_start::text AS ps, s.period_end::text AS pe,
         s.opening_fen, s.income_fen, s.expense_fen, s.net_fen, s.closing_fen, s.unit_count, s.total_area_centi,
         s.body ->> 'publisherName' AS publisher_name, s.published_at, a.display_name AS published_by, s.notice_id
    FROM revenue_statements s JOIN estates e ON e.id = s.estate_id LEFT JOIN accounts a ON a.id = s.published_by`;

function toSummary(x: Record<string, any>): RevenueStatementSummary {
  return {
    id: Number(x.id), estateId: Number(x.estate_id), estateName: x.estate_name,
    periodKind: x.period_kind, periodKey: x.period_key, periodLabel: periodLabel(x.period_key), periodStart: x.ps, periodEnd: x.pe,
    openingFen: Number(x.opening_fen), incomeFen: Number(x.income_fen), expenseFen: Number(x.expense_fen),
    netFen: Number(x.net_fen), closingFen: Number(x.closing_fen), unitCount: Number(x.unit_count), totalAreaCenti: Number(x.total_area_centi),
    publisherName: x.publisher_name ?? '', publishedAt: new Date(x.published_at).toISOString(), publishedBy: x.published_by ?? null,
    noticeId: x.notice_id != null ? Number(x.notice_id) : null,
  };
}

/** One statement by id, unchecked (callers check the estate). */
export async function readStatement(db: Db, id: number): Promise<RevenueStatementView | null> {
  const r = await db.query(`${SUMMARY.replace('s.notice_id', 's.notice_id, s.body')} WHERE s.id = $1`, [id]);
  const x = r.rows[0];
  if (!x) return null;
  const s = toSummary(x);
  return {
    ...s, note: x.body.note ?? '', byCategory: x.body.byCategory ?? [], entries: x.body.entries ?? [],
    perSquareMetre: netPerSquareMetre(s.netFen, s.totalAreaCenti),
  };
}

/** A statement the caller may see (any role with the estate in scope, owners of the estate included). */
export async function getRevenueStatement(opts: { db: Db; ctx: RequestContext; statementId: number }): Promise<RevenueStatementView> {
  const s = await readStatement(opts.db, opts.statementId);
  if (!s) throw notFound('公共收益报表');
  opts.ctx.assertEstate(s.estateId, '公共收益报表');
  return s;
}

async function summaries(db: Db, estateIds: number[]): Promise<RevenueStatementSummary[]> {
  const r = await db.query(`${SUMMARY} WHERE s.estate_id = ANY($1::bigint[]) ORDER BY s.period_end DESC, s.id DESC`, [estateIds]);
  return r.rows.map(toSummary);
}

export async function listRevenueStatements(opts: { db: Db; ctx: RequestContext; estateId: number }): Promise<{ items: RevenueStatementSummary[] }> {
  opts.ctx.assertEstate(opts.estateId, '小区');
  return { items: await summaries(opts.db, [opts.estateId]) };
}

type MyShare = MyRevenueStatementItem['myShares'][number];

/** The shares of the owner's own units in some statements, by statement id. */
async function mySharesOf(db: Db, ctx: RequestContext, statementIds: number[]): Promise<Map<number, MyShare[]>> {
  const out = new Map<number, MyShare[]>();
  const unitIds = ctx.scope.unitIds ?? [];
  if (!statementIds.length || !unitIds.length) return out;
  const r = await db.query(
    `SELECT sh.statement_id, sh.unit_id, b.name || '-' || u.number AS unit, sh.area_centi, sh.share_fen
       FROM revenue_statement_shares sh JOIN units u ON u.id = sh.unit_id JOIN buildings b ON b.id = u.building_id
      WHERE sh.statement_id = ANY($1::bigint[]) AND sh.unit_id = ANY($2::bigint[])
      ORDER BY sh.statement_id, b.name, u.number`,
    [statementIds, unitIds],
  );
  for (const x of r.rows) {
    const k = Number(x.statement_id);
    if (!out.has(k)) out.set(k, []);
    out.get(k)!.push({ unitId: Number(x.unit_id), unit: x.unit, areaCenti: Number(x.area_centi), shareFen: Number(x.share_fen) });
  }
  return out;
}

/** GET /my/revenue/statements: the statements of the owner's estates, each with their own units' shares. */
export async function myRevenueStatements(opts: { db: Db; ctx: RequestContext }): Promise<{ items: MyRevenueStatementItem[] }> {
  if (!opts.ctx.scope.unitIds?.length || !opts.ctx.scope.estateIds.length) return { items: [] };
  const items = await summaries(opts.db, opts.ctx.scope.estateIds);
  const shares = await mySharesOf(opts.db, opts.ctx, items.map((s) => s.id));
  return { items: items.map((s) => ({ ...s, myShares: shares.get(s.id) ?? [] })) };
}

export async function myRevenueStatement(opts: { db: Db; ctx: RequestContext; statementId: number }): Promise<MyRevenueStatementView> {
  const s = await getRevenueStatement(opts);
  const shares = await mySharesOf(opts.db, opts.ctx, [s.id]);
  return { ...s, myShares: shares.get(s.id) ?? [] };
}
