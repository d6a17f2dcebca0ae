// The replenishment line (续筹, 住宅专项维修资金管理办法 第17条 and the local rules built on it):
// when the balance of a unit's or a building's account falls below 30% of its initial deposits,
// the owners are to replenish. Integers only: balance < 30% of initial ⇔ 10·balance < 3·initial.
// Nothing deposited yet (initial 0) is never "below the line": there is no basis to compare.

export function belowLine(balanceFen: number, initialFen: number): boolean {
  return initialFen > 0 && 10 * balanceFen < 3 * initialFen;
}

/** balance / initial in per cent, rounded down to one decimal (so 29.99% shows 29.9, never 30.0). */
export function ratioPct(balanceFen: number, initialFen: number): number | null {
  if (initialFen <= 0) return null;
  return Math.floor((balanceFen * 1000) / initialFen) / 10;
}

/** ORDER BY terms that count 2号楼 before 10号楼 (same rule as the registry's naturalOrder): the
 *  order of units everywhere in the fund (building name, then unit number). */
export function naturalOrder(column: string): string {
  const digits = `ltrim(substring(${column} from '[0-9]+'), '0')`;
  return `length(${digits}) NULLS LAST, ${digits} COLLATE "C", ${column}`;
}
