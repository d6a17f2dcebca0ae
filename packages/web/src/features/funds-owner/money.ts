// Money is integer fen (分): written by the contracts' formatYuan (integer maths, never floats).
import { formatYuan } from '@gongzhi/contracts';

/** 123456 → "1,234.56 元"; `signed` puts + on money in and − on money out */
export function formatFen(fen: number | null | undefined, opts: { signed?: boolean; unit?: string } = {}): string {
  if (fen === null || fen === undefined) return '—';
  const unit = opts.unit ?? ' 元';
  const n = Math.trunc(fen);
  const sign = n < 0 ? '−' : opts.signed && n > 0 ? '+' : '';
  return `${sign}${formatYuan(Math.abs(n))}${unit}`;
}

/** balance as a share of the initial deposit, in whole percent rounded down (display only) */
export function ratioPct(balanceFen: number, initialFen: number): number | null {
  if (initialFen <= 0) return null;
  return Math.floor((balanceFen * 100) / initialFen);
}

/** area share as a percentage with four decimals, from integer centi areas (display only: the
 *  formula next to it uses the areas themselves, so rounding here misleads no one) */
export function areaPct(areaCenti: number, totalCenti: number): string {
  if (totalCenti <= 0) return '—';
  // the percentage times 10^6, as an integer (areas stay far below 2^53 / 10^8)
  const millionths = Math.round((areaCenti * 100_000_000) / totalCenti);
  const whole = Math.floor(millionths / 1_000_000);
  const frac = String(Math.floor((millionths % 1_000_000) / 100)).padStart(4, '0');
  return `${whole}.${frac}%`;
}
