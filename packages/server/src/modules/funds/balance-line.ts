import { balanceRatioPct, isBelowReplenishmentLine } from '@gongzhi/domain';
import { fieldError } from '../../platform/errors.ts';

// The replenishment line (续筹, 办法 第17条): the domain's rule (funds/low-balance.ts), applied to
// a unit's or a building's account. Nothing deposited yet (initial 0) is never "below the line":
// there is no basis to compare (and a balance can never be negative).

export function belowLine(balanceFen: number, initialFen: number): boolean {
  return initialFen > 0 && isBelowReplenishmentLine(balanceFen, initialFen);
}

/** balance / initial in per cent, rounded down to one decimal (29.99% shows 29.9, never 30.0). */
export const ratioPct = balanceRatioPct;

/** ORDER BY terms that count 2号楼 before 10号楼 (same rule as the registry's naturalOrder): the
 *  order of units everywhere in the fund (building name, then unit number). */
export function naturalOrder(column: string): string {
  const digits = `ltrim(substring(${column} from '[0-9]+'), '0')`;
  return `length(${digits}) NULLS LAST, ${digits} COLLATE "C", ${column}`;
}

/** A booking's value date: today by default; never after today (Asia/Shanghai) — the books record
 *  money that has moved, not money expected. */
export function bookingDate(bookedOn: string | undefined, today: string): string {
  if (bookedOn && bookedOn > today) throw fieldError('body.bookedOn', `记账日期不能晚于今天（${today}）`);
  return bookedOn ?? today;
}
