import type { TallyResult } from './tally.ts';

// The result object of TALLY-SPEC §7 (what `gongzhi retally` prints): areas as numbers with at
// most two decimals. The spec's fields come first in its order; then the spoiled-ballot figures,
// the nonVotersFollowMajority report (§4) when that option is on, and the area sources used.

/** 25716 → 257.16 (exact: an integer of hundredths divided once by 100 is the nearest double). */
export function centiToNumber(centi: number): number {
  return centi / 100;
}

export function resultToJson(r: TallyResult): Record<string, unknown> {
  const a = centiToNumber;
  return {
    participationMet: r.participationMet,
    passed: r.passed,
    areaTotal: a(r.areaTotalCenti),
    headTotal: r.headTotal,
    areaParticipating: a(r.areaParticipatingCenti),
    headParticipating: r.headParticipating,
    areaYes: a(r.areaYesCenti),
    headYes: r.headYes,
    areaNo: a(r.areaNoCenti),
    headNo: r.headNo,
    areaAbstain: a(r.areaAbstainCenti),
    headAbstain: r.headAbstain,
    flags: r.flags,
    areaSpoiled: a(r.areaSpoiledCenti),
    headSpoiled: r.headSpoiled,
    ...(r.deemed ? {
      deemedSide: r.deemed.deemedSide,
      areaYesWithDeemed: a(r.deemed.areaYesWithDeemedCenti),
      headYesWithDeemed: r.deemed.headYesWithDeemed,
      areaDenominator: a(r.deemed.areaDenominatorCenti),
      headDenominator: r.deemed.headDenominator,
    } : {}),
    matter: r.matter,
    rules: r.rules,
    approvalRule: r.approvalRule,
    areaSources: r.areaSources,
  };
}
