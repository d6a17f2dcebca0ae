// 居民身份证号码 (GB 11643-1999): 17 digits + a check character over ISO 7064 MOD 11-2.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

export type IdNumberProblem = 'format' | 'birth_date' | 'check_digit';

/** Returns null when valid, else what is wrong. Lower-case x is accepted and means X. */
export function idNumberProblem(raw: string): IdNumberProblem | null {
  const s = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return 'format';
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'birth_date';
  if (idNumberCheckChar(s) !== s[17]) return 'check_digit';
  return null;
}

export const isValidIdNumber = (raw: string): boolean => idNumberProblem(raw) === null;

export function normaliseIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}
