import type { AreaSource, TallyUnit, UsedAreaSource } from './types.ts';

// 最高法 建筑物区分所有权解释 第8条: registry area, else survey, else contract.

export const AREA_PRECEDENCE: readonly AreaSource[] = ['registry', 'survey', 'contract'];

export function unitArea(u: TallyUnit): { areaCenti: number; source: UsedAreaSource } {
  if (u.areaCenti !== undefined) return { areaCenti: u.areaCenti, source: u.areaSource ?? 'unspecified' };
  for (const s of AREA_PRECEDENCE) {
    const a = u.areaCandidates?.[s];
    if (a !== undefined) return { areaCenti: a, source: s };
  }
  // the record validator refuses such a unit; an engine caller that skipped it gets no area
  return { areaCenti: 0, source: 'unspecified' };
}

/**
 * Splits `totalFen` over shares proportional to `weights` (e.g. areas in centi) by the
 * largest-remainder method; ties go to the earlier entry (unit order as listed). The shares
 * always sum to the total (platform policy; 民法典 第283条 fixes only the proportion).
 */
export function apportionByArea(totalFen: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  // BigInt: totalFen × weight may pass 2^53 for large estates
  const T = BigInt(totalFen);
  const S = BigInt(sum);
  const base = weights.map((w) => (T * BigInt(w)) / S);
  const rem = weights.map((w, i) => ({ i, r: (T * BigInt(w)) % S }));
  let left = Number(T - base.reduce((a, b) => a + b, 0n));
  rem.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  const out = base.map(Number);
  for (let k = 0; left > 0; k++, left--) out[rem[k]!.i]! += 1;
  return out;
}
