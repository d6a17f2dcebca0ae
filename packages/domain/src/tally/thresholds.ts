import { matterInfo } from './matters.ts';
import type { Matter } from './types.ts';

// Every comparison is between cross-multiplied integers (TALLY-SPEC §2): 257.16 / 385.74 is
// exactly 2/3, which IEEE doubles cannot say. Inputs are integer centi-m² or head counts.

/** "三分之二以上" (民法典 第1259条: 以上 includes the boundary): part / whole ≥ 2/3. */
export function atLeastTwoThirds(part: number, whole: number): boolean {
  return 3 * part >= 2 * whole;
}

/** "四分之三以上": part / whole ≥ 3/4, boundary included. */
export function atLeastThreeQuarters(part: number, whole: number): boolean {
  return 4 * part >= 3 * whole;
}

/** "过半数": strictly more than half; exactly 1/2 fails. */
export function moreThanHalf(part: number, whole: number): boolean {
  return 2 * part > whole;
}

export interface Dimensions {
  area: number;
  heads: number;
}

/** Participation: area AND heads both at least 2/3 of the totals. An empty roster never meets it. */
export function participationHolds(participating: Dimensions, total: Dimensions): boolean {
  if (total.heads === 0) return false;
  return atLeastTwoThirds(participating.area, total.area) && atLeastTwoThirds(participating.heads, total.heads);
}

/** Approval among the denominator, in area AND heads, by the matter's rule. */
export function approvalHolds(matter: Matter, yes: Dimensions, denominator: Dimensions): boolean {
  if (denominator.heads === 0) return false;
  const test = matterInfo(matter).approval === 'three-quarters' ? atLeastThreeQuarters : moreThanHalf;
  return test(yes.area, denominator.area) && test(yes.heads, denominator.heads);
}
