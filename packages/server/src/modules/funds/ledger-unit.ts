import type { FundUnitLedger } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { belowLine } from './balance-line.ts';
import { MOVEMENT_KIND_LABELS, type MovementKind } from './ledger-writer.ts';

// One unit's ledger (分户账): every transfer into or out of its account, newest first, each with
// the balance after it (a running sum in booking order: value date, then booking sequence). The
// same function answers officials (scope: the estate) and owners (scope: their own units).

const MAX_LINES = 1000;

export async function getUnitLedger(opts: { db: Db; ctx: RequestContext; unitId: number }): Promise<FundUnitLedger> {
  const { db, ctx, unitId } = opts;
  const u = await db.query(
    `SELECT u.id, u.estate_id, u.building_id, u.number, u.area_centi, b.name AS building, e.name AS estate,
            a.id AS account_id, coalesce(a.credits_fen - a.debits_fen, 0) AS balance, coalesce(a.initial_fen, 0) AS initial
       FROM units u JOIN buildings b ON b.id = u.building_id JOIN estates e ON e.id = u.estate_id
       LEFT JOIN fund_accounts a ON a.unit_id = u.id AND a.kind = 'unit'
      WHERE u.id = $1`,
    [unitId],
  );
  if (!u.rows.length) throw notFound('房屋');
  const x = u.rows[0];
  ctx.assertUnit(unitId, Number(x.estate_id), '房屋');
  const lines = x.account_id == null ? [] : (await db.query(
    `SELECT * FROM (
       SELECT t.movement_id, t.kind, t.booked_on::text AS booked_on, t.id,
              CASE WHEN t.credit_account_id = $2 THEN t.amount_fen ELSE -t.amount_fen END AS amount,
              sum(CASE WHEN t.credit_account_id = $2 THEN t.amount_fen ELSE -t.amount_fen END)
                OVER (ORDER BY t.booked_on, t.id ROWS UNBOUNDED PRECEDING) AS after,
              m.memo, m.payee, m.application_id, m.stage_no
         FROM fund_transfers t JOIN fund_movements m ON m.id = t.movement_id
        WHERE t.unit_id = $1 AND (t.credit_account_id = $2 OR t.debit_account_id = $2)
     ) s ORDER BY booked_on DESC, id DESC LIMIT ${MAX_LINES}`,
    [unitId, x.account_id],
  )).rows;
  const balanceFen = Number(x.balance);
  const initialFen = Number(x.initial);
  return {
    unit: {
      unitId, unit: `${x.building}-${x.number}`, estateId: Number(x.estate_id), estateName: x.estate,
      buildingId: Number(x.building_id), areaCenti: Number(x.area_centi),
    },
    balanceFen, initialFen, belowLine: belowLine(balanceFen, initialFen),
    items: lines.map((l) => ({
      movementId: Number(l.movement_id), kind: l.kind, kindLabel: MOVEMENT_KIND_LABELS[l.kind as MovementKind],
      bookedOn: l.booked_on, amountFen: Number(l.amount), balanceAfterFen: Number(l.after), memo: l.memo, payee: l.payee,
      applicationId: l.application_id == null ? null : Number(l.application_id), stageNo: l.stage_no == null ? null : Number(l.stage_no),
    })),
  };
}
