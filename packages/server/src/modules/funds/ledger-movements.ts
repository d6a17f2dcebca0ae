import type { fundMovementPage, fundMovementQuery } from '@gongzhi/contracts';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { fieldError } from '../../platform/errors.ts';
import { MOVEMENT_KIND_LABELS, type MovementKind } from './ledger-writer.ts';

// The estate's movements (业务流水): one row per booking, filtered by kind, value dates and
// building. Filtered by a building, each row carries that building's part of the booking only
// (the transfers of its units), so the building's own book can be read off the list.

export type MovementQuery = Omit<z.infer<typeof fundMovementQuery>, 'page' | 'pageSize'>;
export type MovementView = z.infer<typeof fundMovementPage>['items'][number];

/** money into the owners' accounts; the others (withdrawal, refund) take money out */
export const INFLOW_KINDS: readonly MovementKind[] = ['deposit', 'replenishment', 'interest', 'reversal'];
const signed = (kind: string, fen: number) => (INFLOW_KINDS.includes(kind as MovementKind) ? fen : -fen);

function filterSql(estateId: number, q: MovementQuery, alias: string) {
  if (q.from && q.to && q.from > q.to) throw fieldError('query.to', '结束日期不能早于开始日期');
  const params: unknown[] = [estateId];
  const where = [`${alias}.estate_id = $1`];
  if (q.kind) where.push(`${alias}.kind = $${params.push(q.kind)}`);
  if (q.from) where.push(`${alias}.booked_on >= $${params.push(q.from)}`);
  if (q.to) where.push(`${alias}.booked_on <= $${params.push(q.to)}`);
  if (q.buildingId) where.push(`${alias}.building_id = $${params.push(q.buildingId)}`);
  return { params, where: where.join(' AND ') };
}

/** The rows of a filter as one SELECT (movement id, amount, unit count) to page or export. */
function baseSql(estateId: number, q: MovementQuery) {
  if (q.buildingId) {
    const f = filterSql(estateId, q, 't');
    return {
      params: f.params,
      sql: `SELECT t.movement_id AS id, sum(t.amount_fen)::bigint AS amount, count(*)::int AS unit_count
              FROM fund_transfers t WHERE ${f.where} GROUP BY t.movement_id`,
    };
  }
  const f = filterSql(estateId, { ...q, buildingId: undefined }, 'm');
  return { params: f.params, sql: `SELECT m.id, m.total_fen AS amount, NULL::int AS unit_count FROM fund_movements m WHERE ${f.where}` };
}

export async function movementRows(db: Db, estateId: number, q: MovementQuery, page?: { limit: number; offset: number }): Promise<MovementView[]> {
  const b = baseSql(estateId, q);
  const lim = page ? `LIMIT $${b.params.length + 1} OFFSET $${b.params.length + 2}` : '';
  const r = await db.query(
    `SELECT m.id, m.kind, m.booked_on::text AS booked_on, s.amount, m.memo, m.payee, m.application_id, m.stage_no, m.created_at,
            coalesce(s.unit_count, (SELECT count(*)::int FROM fund_transfers t WHERE t.movement_id = m.id)) AS unit_count,
            fa.title AS application_title
       FROM (${b.sql}) s JOIN fund_movements m ON m.id = s.id
       LEFT JOIN fund_applications fa ON fa.id = m.application_id
      ORDER BY m.booked_on DESC, m.id DESC ${lim}`,
    page ? [...b.params, page.limit, page.offset] : b.params,
  );
  return r.rows.map((x) => ({
    movementId: Number(x.id), kind: x.kind, kindLabel: MOVEMENT_KIND_LABELS[x.kind as MovementKind], bookedOn: x.booked_on,
    amountFen: signed(x.kind, Number(x.amount)), unitCount: x.unit_count, memo: x.memo, payee: x.payee,
    applicationId: x.application_id == null ? null : Number(x.application_id), applicationTitle: x.application_title ?? null,
    stageNo: x.stage_no == null ? null : Number(x.stage_no), createdAt: new Date(x.created_at).toISOString(),
  }));
}

export async function listMovements(opts: {
  db: Db; ctx: RequestContext; estateId: number; query: z.infer<typeof fundMovementQuery>;
}): Promise<z.infer<typeof fundMovementPage>> {
  const { db, ctx, estateId, query } = opts;
  ctx.assertEstate(estateId, '小区');
  const b = baseSql(estateId, query);
  const sums = await db.query(
    `SELECT count(*)::int AS n,
            coalesce(sum(s.amount) FILTER (WHERE m.kind = ANY($${b.params.length + 1})), 0)::bigint AS in_fen,
            coalesce(sum(s.amount) FILTER (WHERE NOT m.kind = ANY($${b.params.length + 1})), 0)::bigint AS out_fen
       FROM (${b.sql}) s JOIN fund_movements m ON m.id = s.id`,
    [...b.params, INFLOW_KINDS],
  );
  const items = await movementRows(db, estateId, query, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return {
    items, total: sums.rows[0].n, page: query.page, pageSize: query.pageSize,
    inFen: Number(sums.rows[0].in_fen), outFen: Number(sums.rows[0].out_fen),
  };
}
