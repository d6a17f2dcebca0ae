// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (no I, O, Z, S, V);
// the last is a check character over the first 17 with weights 3^i mod 31.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}

export type CreditCodeProblem = 'format' | 'check_digit';

export function creditCodeProblem(raw: string): CreditCodeProblem | null {
  const s = raw.trim().toUpperCase();
  if (s.length !== 18 || [...s].some((c) => !ALPHABET.includes(c))) return 'format';
  if (creditCodeCheckChar(s) !== s[17]) return 'check_digit';
  return null;
}

export const isValidCreditCode = (raw: string): boolean => creditCodeProblem(raw) === null;
