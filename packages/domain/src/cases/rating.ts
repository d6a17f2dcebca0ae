// The owner's rating when confirming a resolved case: a whole number of stars from 1 to 5.

export const CASE_RATING_MIN = 1;
export const CASE_RATING_MAX = 5;
export type CaseRating = 1 | 2 | 3 | 4 | 5;

export const CASE_RATING_LABELS: Record<CaseRating, string> = {
  1: '很不满意', 2: '不满意', 3: '一般', 4: '满意', 5: '非常满意',
};

/** true for 1, 2, 3, 4 or 5 (numbers only: not '5', 4.5, NaN or 0). */
export function isValidRating(x: unknown): x is CaseRating {
  return typeof x === 'number' && Number.isInteger(x) && x >= CASE_RATING_MIN && x <= CASE_RATING_MAX;
}
