// 办法 第十七条 (and 上海 第六十五条, 杭州 第七十一条, 北京 第八十三条): an account whose balance is
// below 30% of its initial deposit (首期交存额) must be topped up. Compared in integers: b < 0.3·i
// ⇔ 10·b < 3·i, so exactly 30% is NOT below the line.

function asBig(n: number, what: string): bigint {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be whole fen: ${n}`);
  return BigInt(n);
}

export function isBelowReplenishmentLine(balanceFen: number, initialFen: number): boolean {
  return 10n * asBig(balanceFen, 'balance') < 3n * asBig(initialFen, 'initial deposit');
}

/** The smallest balance that is not below the line: ⌈0.3 · initial⌉ fen. */
export function replenishmentLineFen(initialFen: number): number {
  const i = asBig(initialFen, 'initial deposit');
  return Number((3n * i + 9n) / 10n);
}

/** balance / initial in percent with one decimal (rounded down), or null without an initial deposit. */
export function balanceRatioPct(balanceFen: number, initialFen: number): number | null {
  const i = asBig(initialFen, 'initial deposit');
  if (i <= 0n) return null;
  const b = asBig(balanceFen, 'balance');
  const tenths = (b * 1000n) / i;
  return Number(tenths) / 10;
}
