import { apportionByArea } from '../tally/areas.ts';

// Disbursement in stages (fund_applications.stage_plan): basis points of the cost, 1 to 5 stages,
// each positive, summing to 10000 (100%). The last stage is paid at settlement against the actual
// cost; the others against the budget. Default: 70% at the start, the rest after acceptance.

export const DEFAULT_STAGE_PLAN: readonly number[] = [7000, 3000];
export const MAX_STAGES = 5;

/** null when the plan is valid, else a Chinese message saying what is wrong. */
export function checkStagePlan(bp: readonly number[]): string | null {
  if (!Array.isArray(bp) || bp.length < 1 || bp.length > MAX_STAGES) return `分期付款须为 1 至 ${MAX_STAGES} 期`;
  for (let i = 0; i < bp.length; i++) {
    const v = bp[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) return `第 ${i + 1} 期比例须为正整数（以万分之一计）`;
  }
  const sum = bp.reduce((a, b) => a + b, 0);
  if (sum !== 10_000) return `各期比例之和须为 100%（10000），现为 ${sum}`;
  return null;
}

/** Stage amounts of `totalFen` by the plan, by largest remainder (ties to the earlier stage):
 *  they always sum to the total. */
export function stageAmounts(totalFen: number, bp: readonly number[]): number[] {
  if (!Number.isSafeInteger(totalFen) || totalFen < 0) throw new RangeError(`amount must be whole fen ≥ 0: ${totalFen}`);
  const problem = checkStagePlan(bp);
  if (problem) throw new RangeError(problem);
  return apportionByArea(totalFen, bp);
}
