import type { FundStatementBody } from '@gongzhi/contracts';
import type { Db } from '../../platform/db.ts';
import { fieldError, notFound } from '../../platform/errors.ts';
import { belowLine, naturalOrder } from './balance-line.ts';

// A statement (对账单) of one period, per building and for the estate: opening balance, what came
// in by kind, what went out, closing balance, unit count. Read from the transfers alone (each one
// carries its kind, building and value date), in ONE aggregate pass over the estate's transfers up
// to the period's end — the API, the half-yearly job and bench/fund-statement.ts all call this.

export interface StatementPeriod {
  estateId: number;
  periodStart: string;
  periodEnd: string;
}

type Figures = FundStatementBody['estate'];
const KIND_FIELD = {
  deposit: 'depositsFen', replenishment: 'replenishmentsFen', interest: 'interestFen',
  withdrawal: 'withdrawalsFen', reversal: 'reversalsFen', refund: 'refundsFen',
} as const;
const INFLOW = new Set(['deposit', 'replenishment', 'interest', 'reversal']);

const empty = (unitCount: number): Figures => ({
  openingFen: 0, depositsFen: 0, replenishmentsFen: 0, interestFen: 0, withdrawalsFen: 0, reversalsFen: 0, refundsFen: 0,
  closingFen: 0, unitCount, initialFen: 0, belowLine: false,
});

export async function buildEstateStatement(db: Db, p: StatementPeriod): Promise<FundStatementBody> {
  if (p.periodEnd < p.periodStart) throw fieldError('periodEnd', '对账期结束日期不能早于开始日期');
  const e = await db.query('SELECT name FROM estates WHERE id = $1', [p.estateId]);
  if (!e.rows.length) throw notFound('小区');
  const b = await db.query(
    `SELECT b.id, b.name, (SELECT count(*)::int FROM units u WHERE u.building_id = b.id) AS unit_count
       FROM buildings b WHERE b.estate_id = $1 ORDER BY ${naturalOrder('b.name')}, b.id`,
    [p.estateId],
  );
  // one pass: per building and kind, the sums before the period and within it
  const agg = await db.query(
    `SELECT building_id, kind,
            coalesce(sum(amount_fen) FILTER (WHERE booked_on < $2), 0)::bigint AS before_fen,
            coalesce(sum(amount_fen) FILTER (WHERE booked_on >= $2), 0)::bigint AS during_fen
       FROM fund_transfers
      WHERE estate_id = $1 AND booked_on <= $3
      GROUP BY building_id, kind`,
    [p.estateId, p.periodStart, p.periodEnd],
  );
  const mv = await db.query(
    `SELECT count(*)::int AS n FROM fund_movements WHERE estate_id = $1 AND booked_on BETWEEN $2 AND $3`,
    [p.estateId, p.periodStart, p.periodEnd],
  );
  const byBuilding = new Map<number, Figures>(b.rows.map((x) => [Number(x.id), empty(x.unit_count)]));
  for (const r of agg.rows) {
    const f = byBuilding.get(Number(r.building_id));
    if (!f) continue; // every transfer names a building of the estate (0014); nothing else to count
    const sign = INFLOW.has(r.kind) ? 1 : -1;
    const before = Number(r.before_fen);
    const during = Number(r.during_fen);
    f.openingFen += sign * before;
    f[KIND_FIELD[r.kind as keyof typeof KIND_FIELD]] += during;
    f.closingFen += sign * (before + during);
    if (r.kind === 'deposit') f.initialFen += before + during;
  }
  const buildings = b.rows.map((x) => {
    const f = byBuilding.get(Number(x.id))!;
    f.belowLine = belowLine(f.closingFen, f.initialFen);
    return { buildingId: Number(x.id), name: x.name as string, ...f };
  });
  const estate = empty(0);
  for (const f of buildings) {
    for (const k of Object.keys(estate) as (keyof Figures)[]) if (k !== 'belowLine') (estate[k] as number) += f[k] as number;
  }
  estate.belowLine = belowLine(estate.closingFen, estate.initialFen);
  return {
    estateId: p.estateId, estateName: e.rows[0].name, periodStart: p.periodStart, periodEnd: p.periodEnd,
    movementCount: mv.rows[0].n, estate, buildings,
  };
}
