// Case figures (issue 6): rates and averages as integers, rounded half up, so the server, the
// Excel export and the charts show the same numbers. Exact for any safe integer (BigInt inside).

function count(x: number, what: string): bigint {
  if (!Number.isSafeInteger(x) || x < 0) throw new RangeError(`${what} must be a whole number ≥ 0: ${x}`);
  return BigInt(x);
}

/** round(a / b) half up, for a ≥ 0 and b > 0. */
const divHalfUp = (a: bigint, b: bigint): number => Number((2n * a + b) / (2n * b));

/** n out of d in thousandths (‰), rounded half up: permille(1, 3) = 333, permille(1, 2000) = 1;
 *  0 when d = 0 (nothing to rate). */
export function permille(n: number, d: number): number {
  const bn = count(n, 'numerator');
  const bd = count(d, 'denominator');
  return bd === 0n ? 0 : divHalfUp(bn * 1000n, bd);
}

/** The average of n values summing to `sum`, × 100, rounded half up (4.666… → 467); 0 when n = 0. */
export function averageCenti(sum: number, n: number): number {
  const bs = count(sum, 'sum');
  const bn = count(n, 'count');
  return bn === 0n ? 0 : divHalfUp(bs * 100n, bn);
}
