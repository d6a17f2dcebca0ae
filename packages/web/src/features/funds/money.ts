// Money is integer fen on the wire; shown as ¥1,234.56 by the contracts' formatYuan (integer maths).
import { formatYuan } from '@gongzhi/contracts';

export function formatFen(fen: number | null | undefined, opts: { sign?: boolean } = {}): string {
  if (fen === null || fen === undefined) return '—';
  const n = Math.trunc(fen);
  const s = `¥${formatYuan(Math.abs(n))}`;
  if (n < 0) return `-${s}`;
  return opts.sign && n > 0 ? `+${s}` : s;
}

/** "1234.56" (yuan, as typed) → 123456 fen, or null when it is not a money amount */
export function parseYuan(text: string | number | null | undefined): number | null {
  if (text === null || text === undefined) return null;
  const s = String(text).trim().replace(/,/g, '');
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** fen → "1234.56" for an input's initial value */
export function fenToYuanText(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** basis points → "70%" / "33.33%" */
export function formatBp(bp: number): string {
  return bp % 100 === 0 ? `${bp / 100}%` : `${(bp / 100).toFixed(2)}%`;
}
