import type { RevenueSharePage, revenueShareQuery } from '@gongzhi/contracts';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { compareScopeUnits } from '../funds/scope-units.ts';

// Each unit's share of a statement's net (第283条), in the fund's unit order (building, then unit
// number, both in natural order), filtered by building or unit number, with the buildings' sums.

export interface ShareRow { unitId: number; unit: string; buildingId: number; buildingName: string; number: string; areaCenti: number; shareFen: number }

/** Every share of a statement, in unit order, with its net; null when there is no such statement. */
export async function statementShares(db: Db, statementId: number): Promise<{ estateId: number; netFen: number; totalAreaCenti: number; rows: ShareRow[] } | null> {
  const s = await db.query(`SELECT estate_id, net_fen, total_area_centi FROM revenue_statements WHERE id = $1`, [statementId]);
  if (!s.rows[0]) return null;
  const r = await db.query(
    `SELECT sh.unit_id, u.building_id, b.name AS building, u.number, sh.area_centi, sh.share_fen
       FROM revenue_statement_shares sh JOIN units u ON u.id = sh.unit_id JOIN buildings b ON b.id = u.building_id
      WHERE sh.statement_id = $1`,
    [statementId],
  );
  const rows = r.rows.map((x) => ({
    unitId: Number(x.unit_id), unit: `${x.building}-${x.number}`, buildingId: Number(x.building_id), buildingName: x.building as string,
    number: x.number as string, areaCenti: Number(x.area_centi), shareFen: Number(x.share_fen),
  })).sort(compareScopeUnits);
  return { estateId: Number(s.rows[0].estate_id), netFen: Number(s.rows[0].net_fen), totalAreaCenti: Number(s.rows[0].total_area_centi), rows };
}

/** The buildings' sums, in the order their units come. */
export function buildingSums(rows: ShareRow[]): RevenueSharePage['buildings'] {
  const by = new Map<number, RevenueSharePage['buildings'][number]>();
  for (const x of rows) {
    const b = by.get(x.buildingId) ?? { buildingId: x.buildingId, name: x.buildingName, unitCount: 0, areaCenti: 0, shareFen: 0 };
    b.unitCount++;
    b.areaCenti += x.areaCenti;
    b.shareFen += x.shareFen;
    by.set(x.buildingId, b);
  }
  return [...by.values()];
}

export async function listShares(opts: { db: Db; ctx: RequestContext; statementId: number; query: z.infer<typeof revenueShareQuery> }): Promise<RevenueSharePage> {
  const { query } = opts;
  const all = await statementShares(opts.db, opts.statementId);
  if (!all) throw notFound('公共收益报表');
  opts.ctx.assertEstate(all.estateId, '公共收益报表');
  const q = query.q?.toLowerCase();
  const hits = all.rows.filter((x) => (!query.buildingId || x.buildingId === query.buildingId) && (!q || x.unit.toLowerCase().includes(q)));
  const from = (query.page - 1) * query.pageSize;
  return {
    items: hits.slice(from, from + query.pageSize), total: hits.length, page: query.page, pageSize: query.pageSize,
    netFen: all.netFen, totalAreaCenti: all.totalAreaCenti, buildings: buildingSums(all.rows),
  };
}
