import { resolveBallots, type Standing } from './ballots.ts';
import { sortFlags, type TallyFlag } from './flags.ts';
import { buildRoster } from './heads.ts';
import { matterInfo } from './matters.ts';
import { RULE_PROFILES, resolveOptions } from './profiles.ts';
import { approvalHolds, participationHolds } from './thresholds.ts';
import type { Choice, DecisionRecord, Matter, RuleProfileId, TallyOptions, UsedAreaSource } from './types.ts';

// The one tally (TALLY-SPEC): pure, integer-only. The server and `gongzhi retally` both call it.

export interface DeemedResult {
  deemedSide: 'yes' | 'no' | null;
  areaYesWithDeemedCenti: number;
  headYesWithDeemed: number;
  areaDenominatorCenti: number;
  headDenominator: number;
}

export interface TallyResult {
  matter: Matter;
  rules: RuleProfileId;
  options: TallyOptions;
  approvalRule: 'majority' | 'three-quarters';
  participationMet: boolean;
  passed: boolean;
  areaTotalCenti: number;
  headTotal: number;
  areaParticipatingCenti: number;
  headParticipating: number;
  areaYesCenti: number;
  headYes: number;
  areaNoCenti: number;
  headNo: number;
  areaAbstainCenti: number;
  headAbstain: number;
  areaSpoiledCenti: number;
  headSpoiled: number;
  /** Present only under nonVotersFollowMajority. */
  deemed?: DeemedResult;
  /** How many units (in scope) took their area from each source. */
  areaSources: Record<UsedAreaSource, number>;
  /** The standing ballot of every owner (head) that has one, in roster order. */
  standing: Standing[];
  flags: TallyFlag[];
}

export function tally(record: DecisionRecord): TallyResult {
  const options = resolveOptions(record.rules, record.options);
  const profile = RULE_PROFILES[record.rules];
  const roster = buildRoster(record, options);
  const { standing, flags } = resolveBallots(record.ballots, roster, profile, options);

  const sums: Record<Choice, { area: number; heads: number }> = {
    yes: { area: 0, heads: 0 }, no: { area: 0, heads: 0 }, abstain: { area: 0, heads: 0 }, spoiled: { area: 0, heads: 0 },
  };
  const ordered: Standing[] = [];
  for (const id of roster.order) {
    const s = standing.get(id);
    if (!s) continue;
    ordered.push(s);
    sums[s.choice].area += roster.heads.get(id)!.areaCenti;
    sums[s.choice].heads += 1;
  }
  // abstentions participate; a spoiled ballot does when the option says so, and is never yes
  const partArea = sums.yes.area + sums.no.area + sums.abstain.area + (options.spoiledCountsAsParticipation ? sums.spoiled.area : 0);
  const partHeads = sums.yes.heads + sums.no.heads + sums.abstain.heads + (options.spoiledCountsAsParticipation ? sums.spoiled.heads : 0);
  const total = { area: roster.areaTotalCenti, heads: roster.headTotal };
  const participationMet = participationHolds({ area: partArea, heads: partHeads }, total);

  let passed: boolean;
  let deemed: DeemedResult | undefined;
  if (options.nonVotersFollowMajority) {
    // 第278条's quorum is judged on actual ballots only; deemed votes then join the side that
    // leads in BOTH area and heads, and approval is measured against all owners in scope.
    let deemedSide: 'yes' | 'no' | null = null;
    if (participationMet) {
      if (sums.yes.area > sums.no.area && sums.yes.heads > sums.no.heads) deemedSide = 'yes';
      else if (sums.no.area > sums.yes.area && sums.no.heads > sums.yes.heads) deemedSide = 'no';
    }
    let silentArea = 0;
    let silentHeads = 0;
    for (const [id, h] of roster.heads) {
      if (standing.has(id)) continue;
      silentArea += h.areaCenti;
      silentHeads += 1;
    }
    deemed = {
      deemedSide,
      areaYesWithDeemedCenti: sums.yes.area + (deemedSide === 'yes' ? silentArea : 0),
      headYesWithDeemed: sums.yes.heads + (deemedSide === 'yes' ? silentHeads : 0),
      areaDenominatorCenti: total.area,
      headDenominator: total.heads,
    };
    passed = participationMet && approvalHolds(record.matter,
      { area: deemed.areaYesWithDeemedCenti, heads: deemed.headYesWithDeemed }, total);
  } else {
    passed = participationMet && approvalHolds(record.matter, sums.yes, { area: partArea, heads: partHeads });
  }

  return {
    matter: record.matter,
    rules: record.rules,
    options,
    approvalRule: matterInfo(record.matter).approval,
    participationMet,
    passed,
    areaTotalCenti: total.area,
    headTotal: total.heads,
    areaParticipatingCenti: partArea,
    headParticipating: partHeads,
    areaYesCenti: sums.yes.area,
    headYes: sums.yes.heads,
    areaNoCenti: sums.no.area,
    headNo: sums.no.heads,
    areaAbstainCenti: sums.abstain.area,
    headAbstain: sums.abstain.heads,
    areaSpoiledCenti: sums.spoiled.area,
    headSpoiled: sums.spoiled.heads,
    ...(deemed ? { deemed } : {}),
    areaSources: roster.areaSources,
    standing: ordered,
    flags: sortFlags(flags),
  };
}
