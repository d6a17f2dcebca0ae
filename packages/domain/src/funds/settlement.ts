import { apportionByArea } from '../tally/areas.ts';
import { stageAmounts } from './stages.ts';

// What each unit pays for a use, stage by stage (办法 第19条: whoever benefits pays, by area).
// Units are given in the application's frozen order (which breaks apportionment ties); areas in
// centi-m², money in whole fen.

/** Each unit's part of stage `stageNo` (1-based) of the budget: the stage's amount (stageAmounts)
 *  split by area by largest remainder, so the lines sum to the stage exactly. */
export function stageLines(budgetFen: number, stagePlan: readonly number[], stageNo: number, areasCenti: readonly number[]): number[] {
  const stages = stageAmounts(budgetFen, stagePlan);
  if (!Number.isInteger(stageNo) || stageNo < 1 || stageNo > stages.length) throw new RangeError(`no stage ${stageNo} in a ${stages.length}-stage plan`);
  return apportionByArea(stages[stageNo - 1]!, areasCenti);
}

export interface SettlementLine {
  /** the unit's share of the actual cost */
  actualFen: number;
  /** what is still to be taken from the unit (> 0) or returned to it (< 0) */
  dueFen: number;
}

/** Settlement: the actual cost split by area (largest remainder, summing to the cost exactly), and
 *  per unit the difference from what earlier stages took (`takenFen`, same order). Positive lines
 *  are the last stage's withdrawal; negative ones are returned to the units. */
export function settlementLines(actualCostFen: number, areasCenti: readonly number[], takenFen: readonly number[]): SettlementLine[] {
  if (!Number.isSafeInteger(actualCostFen) || actualCostFen <= 0) throw new RangeError(`actual cost must be whole fen > 0: ${actualCostFen}`);
  if (takenFen.length !== areasCenti.length) throw new RangeError('one taken amount per unit');
  const actual = apportionByArea(actualCostFen, areasCenti);
  return actual.map((a, i) => ({ actualFen: a, dueFen: a - takenFen[i]! }));
}

/** A deposit at a rate per m² (首期交存 or 续筹 by the unit's area): area × rate, rounded half up
 *  to the fen for each unit (the bank's deposit list is per unit, not an apportioned total). */
export function depositAtRate(areaCenti: number, rateFenPerSqm: number): number {
  if (!Number.isSafeInteger(areaCenti) || areaCenti <= 0) throw new RangeError(`area must be whole centi-m² > 0: ${areaCenti}`);
  if (!Number.isSafeInteger(rateFenPerSqm) || rateFenPerSqm <= 0) throw new RangeError(`rate must be whole fen per m² > 0: ${rateFenPerSqm}`);
  return Number((BigInt(areaCenti) * BigInt(rateFenPerSqm) + 50n) / 100n);
}
