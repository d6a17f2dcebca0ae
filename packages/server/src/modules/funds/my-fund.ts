import type { z } from 'zod';
import type { fundStatementList, myFundView } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { belowLine } from './balance-line.ts';
import { statementSummaries } from './statement-publish.ts';

// The owner's own fund (我的维修资金): the units they are bound to (approved bindings, i.e. the
// scope's unit ids), and the published statements of those units' estates. Nothing else.

export async function myFund(opts: { db: Db; ctx: RequestContext }): Promise<z.infer<typeof myFundView>> {
  const unitIds = opts.ctx.scope.unitIds ?? [];
  if (!unitIds.length) return { units: [] };
  const r = await opts.db.query(
    `SELECT u.id, u.estate_id, e.name AS estate, b.name AS building, u.number, u.area_centi,
            coalesce(a.credits_fen - a.debits_fen, 0) AS balance, coalesce(a.initial_fen, 0) AS initial
       FROM units u JOIN buildings b ON b.id = u.building_id JOIN estates e ON e.id = u.estate_id
       LEFT JOIN fund_accounts a ON a.unit_id = u.id AND a.kind = 'unit'
      WHERE u.id = ANY($1::bigint[]) AND u.estate_id = ANY($2::bigint[])
      ORDER BY e.name, b.name, u.number`,
    [unitIds, opts.ctx.scope.estateIds],
  );
  return {
    units: r.rows.map((x) => {
      const balanceFen = Number(x.balance);
      const initialFen = Number(x.initial);
      return {
        unitId: Number(x.id), unit: `${x.building}-${x.number}`, estateId: Number(x.estate_id), estateName: x.estate,
        areaCenti: Number(x.area_centi), balanceFen, initialFen, belowLine: belowLine(balanceFen, initialFen),
      };
    }),
  };
}

export async function myStatements(opts: { db: Db; ctx: RequestContext }): Promise<z.infer<typeof fundStatementList>> {
  // an owner's estate ids come from their approved bindings (scope.ts)
  if (!opts.ctx.scope.unitIds?.length) return { items: [] };
  return statementSummaries(opts.db, opts.ctx.scope.estateIds);
}
