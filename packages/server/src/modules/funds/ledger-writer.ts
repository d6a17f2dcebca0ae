import { formatYuan, MAX_ESTATE_FUND_FEN } from '@gongzhi/contracts';
import type { Db } from '../../platform/db.ts';
import { appendAudit, type AuditActor } from '../../platform/audit.ts';
import { AppError, fieldError } from '../../platform/errors.ts';

// The one writer of the fund's books. A movement is one booking (a deposit run, an interest
// allocation, a stage paid for a use ...) made of one transfer per unit between the unit's
// account (分户账) and the estate's counter account for that kind. Balances follow by the
// statement trigger of 0014_funds.sql; a unit can never be overdrawn (CHECK), a movement's
// transfers must sum to its total (deferred constraint trigger), a stage is withdrawn once
// (unique index). This file checks first so that the refusal names the units and the shortfall.

export type MovementKind = 'deposit' | 'replenishment' | 'interest' | 'withdrawal' | 'reversal' | 'refund';

/** Which counter account a kind moves money from/to, and whether the unit is credited. */
const DIRECTION: Record<MovementKind, { counter: 'deposits' | 'interest' | 'payouts' | 'refunds'; unitCredited: boolean }> = {
  deposit: { counter: 'deposits', unitCredited: true },
  replenishment: { counter: 'deposits', unitCredited: true },
  interest: { counter: 'interest', unitCredited: true },
  withdrawal: { counter: 'payouts', unitCredited: false },
  reversal: { counter: 'payouts', unitCredited: true },
  refund: { counter: 'refunds', unitCredited: false },
};

export const MOVEMENT_KIND_LABELS: Record<MovementKind, string> = {
  deposit: '首期交存',
  replenishment: '续筹',
  interest: '利息分配',
  withdrawal: '使用支出',
  reversal: '结算退回',
  refund: '退还业主',
};

export interface UnitAmount {
  unitId: number;
  amountFen: number;
}

/** Opens the estate's counter accounts and an account for every unit that has none (idempotent). */
export async function ensureFundAccounts(db: Db, estateId: number): Promise<void> {
  await db.query(
    `INSERT INTO fund_accounts (estate_id, kind)
       SELECT $1, k FROM unnest(ARRAY['deposits', 'interest', 'payouts', 'refunds']) k
     ON CONFLICT DO NOTHING`,
    [estateId],
  );
  await db.query(
    `INSERT INTO fund_accounts (estate_id, kind, unit_id, building_id)
       SELECT u.estate_id, 'unit', u.id, u.building_id FROM units u
        WHERE u.estate_id = $1 AND NOT EXISTS (SELECT 1 FROM fund_accounts a WHERE a.unit_id = u.id AND a.kind = 'unit')
     ON CONFLICT DO NOTHING`,
    [estateId],
  );
}

export interface PostMovementOptions {
  estateId: number;
  kind: MovementKind;
  /** one line per unit, amounts > 0 (zero lines are dropped); units must be in the estate */
  lines: readonly UnitAmount[];
  /** value date, YYYY-MM-DD (Asia/Shanghai) */
  bookedOn: string;
  memo?: string;
  applicationId?: number;
  stageNo?: number;
  payee?: string;
  actor: AuditActor;
  /** the audit summary may carry more (e.g. the rate per m² of a deposit run) */
  auditExtra?: Record<string, unknown>;
}

export interface PostedMovement {
  movementId: number;
  totalFen: number;
  lineCount: number;
}

/**
 * Books one movement in the caller's transaction. Refuses (changing nothing) with
 * FUND_INSUFFICIENT_BALANCE naming every unit that would go below zero, with its shortfall.
 */
export async function postMovement(db: Db, o: PostMovementOptions): Promise<PostedMovement> {
  const lines = o.lines.filter((l) => l.amountFen !== 0);
  for (const [i, l] of lines.entries()) {
    if (!Number.isSafeInteger(l.amountFen) || l.amountFen < 0) throw fieldError(`lines.${i}.amountFen`, '金额须为正整数（分）');
  }
  if (lines.length === 0) throw fieldError('lines', '没有需要记账的金额');
  const totalFen = lines.reduce((s, l) => s + l.amountFen, 0);
  if (!Number.isSafeInteger(totalFen)) throw fieldError('lines', '合计金额过大');
  await ensureFundAccounts(db, o.estateId);
  const dir = DIRECTION[o.kind];
  if (dir.unitCredited) {
    // the estate's fund stays within MAX_ESTATE_FUND_FEN, so every sum over it is exact in JS
    const held = await db.query(`SELECT coalesce(sum(credits_fen - debits_fen), 0)::text AS fen FROM fund_accounts WHERE estate_id = $1 AND kind = 'unit'`, [o.estateId]);
    if (BigInt(held.rows[0].fen) + BigInt(totalFen) > BigInt(MAX_ESTATE_FUND_FEN)) {
      throw fieldError('lines', `金额过大：小区维修资金合计不能超过 ${formatYuan(MAX_ESTATE_FUND_FEN)} 元`);
    }
  }
  const unitIds = lines.map((l) => l.unitId);
  // lock the unit accounts in id order (no deadlock between two movements over the same units)
  const acc = await db.query(
    `SELECT a.id, a.unit_id, a.building_id, a.credits_fen - a.debits_fen AS balance, b.name || '-' || u.number AS label
       FROM fund_accounts a JOIN units u ON u.id = a.unit_id JOIN buildings b ON b.id = u.building_id
      WHERE a.kind = 'unit' AND a.unit_id = ANY($1::bigint[]) AND a.estate_id = $2
      ORDER BY a.id FOR UPDATE OF a`,
    [unitIds, o.estateId],
  );
  const byUnit = new Map(acc.rows.map((r) => [Number(r.unit_id), r]));
  const missing = unitIds.filter((u) => !byUnit.has(u));
  if (missing.length) throw fieldError('lines', `房屋不在本小区：${missing.slice(0, 5).join('、')}`);
  if (!dir.unitCredited) {
    const short = lines
      .map((l) => ({ l, r: byUnit.get(l.unitId)! }))
      .filter(({ l, r }) => Number(r.balance) < l.amountFen)
      .map(({ l, r }) => ({ unitId: l.unitId, unit: String(r.label), balanceFen: Number(r.balance), neededFen: l.amountFen, shortfallFen: l.amountFen - Number(r.balance) }));
    if (short.length) {
      const sum = short.reduce((s, x) => s + x.shortfallFen, 0);
      throw new AppError('FUND_INSUFFICIENT_BALANCE', {
        message: `${short.length} 户维修资金余额不足，合计缺口 ${formatYuan(sum)} 元（如 ${short[0]!.unit}）`,
        details: { shortfallFen: sum, units: short },
      });
    }
  }
  const counter = await db.query(`SELECT id FROM fund_accounts WHERE estate_id = $1 AND kind = $2`, [o.estateId, dir.counter]);
  const counterId = Number(counter.rows[0].id);
  const mv = await db.query(
    `INSERT INTO fund_movements (estate_id, kind, total_fen, memo, application_id, stage_no, payee, booked_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [o.estateId, o.kind, totalFen, o.memo ?? '', o.applicationId ?? null, o.stageNo ?? null, o.payee ?? '', o.bookedOn, o.actor.accountId],
  );
  const movementId = Number(mv.rows[0].id);
  const unitAcc = lines.map((l) => byUnit.get(l.unitId)!);
  await db.query(
    `INSERT INTO fund_transfers (movement_id, estate_id, debit_account_id, credit_account_id, amount_fen, kind, unit_id, building_id, booked_on)
     SELECT $1, $2, CASE WHEN $3 THEN $4 ELSE t.acc END, CASE WHEN $3 THEN t.acc ELSE $4 END, t.amount, $5, t.unit, t.building, $6
       FROM unnest($7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[]) AS t(acc, amount, unit, building)`,
    [movementId, o.estateId, dir.unitCredited, counterId, o.kind, o.bookedOn,
      unitAcc.map((r) => r.id), lines.map((l) => l.amountFen), unitIds, unitAcc.map((r) => r.building_id)],
  );
  await appendAudit(db, o.actor, {
    action: `fund.movement.${o.kind}`, targetType: 'fund_movement', targetId: movementId, estateId: o.estateId,
    summary: {
      totalFen, lines: lines.length, bookedOn: o.bookedOn,
      ...(o.applicationId ? { applicationId: o.applicationId, stageNo: o.stageNo } : {}),
      ...(o.payee ? { payee: o.payee } : {}), ...(o.memo ? { memo: o.memo } : {}), ...(o.auditExtra ?? {}),
    },
  });
  return { movementId, totalFen, lineCount: lines.length };
}
