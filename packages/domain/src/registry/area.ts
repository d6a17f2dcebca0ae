// Areas are exact decimals with at most two places, held as integer hundredths of a m².
// Never parse through a float: "257.16" must become exactly 25716.

export type AreaProblem = 'empty' | 'not_a_number' | 'negative' | 'zero' | 'too_many_decimals' | 'too_large';

/** Largest area accepted for one unit: 100,000.00 m² (keeps sums far inside 2^53). */
export const MAX_AREA_CENTI = 10_000_000;

export function parseAreaCenti(raw: string | number | null | undefined): { ok: true; centi: number } | { ok: false; problem: AreaProblem } {
  if (raw === null || raw === undefined) return { ok: false, problem: 'empty' };
  // numbers (from a spreadsheet cell) go through their shortest decimal representation
  const s = (typeof raw === 'number' ? numberToPlainString(raw) : raw).trim();
  if (s === '') return { ok: false, problem: 'empty' };
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return { ok: false, problem: 'not_a_number' };
  const [, sign, whole, frac = ''] = m;
  const fracTrimmed = frac.replace(/0+$/, '');
  if (fracTrimmed.length > 2) return { ok: false, problem: 'too_many_decimals' };
  const centi = Number(whole) * 100 + Number(fracTrimmed.padEnd(2, '0'));
  if (sign === '-' && centi > 0) return { ok: false, problem: 'negative' };
  if (centi === 0) return { ok: false, problem: 'zero' };
  if (centi > MAX_AREA_CENTI) return { ok: false, problem: 'too_large' };
  return { ok: true, centi };
}

function numberToPlainString(n: number): string {
  if (!Number.isFinite(n)) return 'NaN';
  const s = String(n);
  // 1e-7 and the like: no unit area is written that way; let the regex reject it
  return s;
}

/** 25716 → "257.16" */
export function formatAreaCenti(centi: number): string {
  const sign = centi < 0 ? '-' : '';
  const a = Math.abs(centi);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}
