import type { FundOverview } from '@gongzhi/contracts';
import { z } from 'zod';
import type { fundUnitListQuery, fundUnitPage } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { belowLine, naturalOrder, ratioPct } from './balance-line.ts';

// Balances as they stand (按幢立账、按户核算): per building and for the estate, from the unit
// accounts the ledger trigger keeps; per unit, paged. Units without an account yet count as 0.

/** The estate's city rules (emergency list, review days); no row: national list, 5 days. */
export async function cityRulesOf(db: Db, estateId: number): Promise<{ emergencyList: string; reviewWorkingDays: number }> {
  const r = await db.query(
    `SELECT fr.emergency_list, fr.review_working_days
       FROM estates e JOIN regions c ON c.id = e.community_id
       JOIN regions city ON city.level = 'city' AND c.path LIKE city.path || '%'
       JOIN fund_city_rules fr ON fr.city_region_id = city.id
      WHERE e.id = $1`,
    [estateId],
  );
  return r.rows.length
    ? { emergencyList: r.rows[0].emergency_list, reviewWorkingDays: Number(r.rows[0].review_working_days) }
    : { emergencyList: 'national', reviewWorkingDays: 5 };
}

export async function getFundOverview(opts: { db: Db; ctx: RequestContext; estateId: number }): Promise<FundOverview> {
  const { db, ctx, estateId } = opts;
  ctx.assertEstate(estateId, '小区');
  const e = await db.query('SELECT name FROM estates WHERE id = $1', [estateId]);
  if (!e.rows.length) throw notFound('小区');
  const r = await db.query(
    `SELECT b.id, b.name,
            (SELECT count(*)::int FROM units u WHERE u.building_id = b.id) AS unit_count,
            coalesce(sum(a.credits_fen - a.debits_fen), 0)::bigint AS balance, coalesce(sum(a.initial_fen), 0)::bigint AS initial
       FROM buildings b LEFT JOIN fund_accounts a ON a.building_id = b.id AND a.kind = 'unit'
      WHERE b.estate_id = $1
      GROUP BY b.id ORDER BY ${naturalOrder('b.name')}, b.id`,
    [estateId],
  );
  const buildings = r.rows.map((x) => {
    const balanceFen = Number(x.balance);
    const initialFen = Number(x.initial);
    return {
      buildingId: Number(x.id), name: x.name, unitCount: x.unit_count, balanceFen, initialFen,
      belowLine: belowLine(balanceFen, initialFen), ratioPct: ratioPct(balanceFen, initialFen),
    };
  });
  const balanceFen = buildings.reduce((s, b) => s + b.balanceFen, 0);
  const initialFen = buildings.reduce((s, b) => s + b.initialFen, 0);
  return {
    estateId, estateName: e.rows[0].name,
    totals: {
      balanceFen, initialFen, unitCount: buildings.reduce((s, b) => s + b.unitCount, 0),
      belowLine: belowLine(balanceFen, initialFen), ratioPct: ratioPct(balanceFen, initialFen),
    },
    buildings,
    cityRules: await cityRulesOf(db, estateId),
  };
}

export async function listFundUnits(opts: {
  db: Db; ctx: RequestContext; estateId: number; query: z.infer<typeof fundUnitListQuery>;
}): Promise<z.infer<typeof fundUnitPage>> {
  const { db, ctx, estateId, query } = opts;
  ctx.assertEstate(estateId, '小区');
  const params: unknown[] = [estateId];
  const where = ['u.estate_id = $1'];
  if (query.buildingId) where.push(`u.building_id = $${params.push(query.buildingId)}`);
  if (query.q) where.push(`(b.name || '-' || u.number) ILIKE $${params.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
  const bal = 'coalesce(a.credits_fen - a.debits_fen, 0)';
  const ini = 'coalesce(a.initial_fen, 0)';
  if (query.belowLine === '1') where.push(`${ini} > 0 AND 10 * ${bal} < 3 * ${ini}`);
  if (query.belowLine === '0') where.push(`NOT (${ini} > 0 AND 10 * ${bal} < 3 * ${ini})`);
  const from = `FROM units u JOIN buildings b ON b.id = u.building_id
                LEFT JOIN fund_accounts a ON a.unit_id = u.id AND a.kind = 'unit'
               WHERE ${where.join(' AND ')}`;
  const total = await db.query(`SELECT count(*)::int AS n ${from}`, params);
  const r = await db.query(
    `SELECT u.id, u.building_id, b.name AS building, u.number, u.area_centi, ${bal} AS balance, ${ini} AS initial ${from}
      ORDER BY ${naturalOrder('b.name')}, b.id, ${naturalOrder('u.number')}, u.id
      LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, query.pageSize, (query.page - 1) * query.pageSize],
  );
  return {
    items: r.rows.map((x) => {
      const balanceFen = Number(x.balance);
      const initialFen = Number(x.initial);
      return {
        unitId: Number(x.id), unit: `${x.building}-${x.number}`, buildingId: Number(x.building_id), buildingName: x.building,
        number: x.number, areaCenti: Number(x.area_centi), balanceFen, initialFen, belowLine: belowLine(balanceFen, initialFen),
      };
    }),
    total: total.rows[0].n, page: query.page, pageSize: query.pageSize,
  };
}
