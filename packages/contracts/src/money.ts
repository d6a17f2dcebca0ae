// Money is integer fen (分) everywhere; this is the one way it is written for people, in integer
// arithmetic: 123456 → "1,234.56", -5 → "-0.05". Server messages add " 元", screens add "¥" or " 元".

export function formatYuan(fen: number): string {
  const n = Math.trunc(fen);
  const abs = Math.abs(n);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** The largest single amount the API takes (a budget, a booking line, a revenue entry): 10 亿元. */
export const MAX_AMOUNT_FEN = 100_000_000_000;
/** The most one estate's maintenance fund may hold (1,000 亿元): far above any real estate and far
 *  below Number.MAX_SAFE_INTEGER, so every sum over an estate's accounts stays an exact integer
 *  (the fuzz test once pushed a balance past it and every fund page answered 500). */
export const MAX_ESTATE_FUND_FEN = 10_000_000_000_000;
