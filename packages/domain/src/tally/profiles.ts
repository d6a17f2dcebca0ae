import type { RuleProfileId, TallyOptions } from './types.ts';

// Rule profiles are data (TALLY-SPEC §4): the estate's 议事规则 names one, and may set options.

export interface RuleProfile {
  id: RuleProfileId;
  name: string;
  /**
   * A co-owned unit: `any` — any one co-owner may cast its ballot (民法典 第300条);
   * `designated` — only the designated voter (宁波 第18条).
   */
  coOwnerVoting: 'any' | 'designated';
  /**
   * A proxy ballot without a written authorisation: `flag` — counted, but flagged for review
   * (指导规则 第26条 asks for writing; it is a normative document, not a statute, so the
   * platform does not silently void the ballot); `invalid` — not counted (上海 第18条).
   */
  oralProxy: 'flag' | 'invalid';
  defaults: TallyOptions;
}

const BASE_OPTIONS: TallyOptions = {
  nonVotersFollowMajority: false,
  spoiledCountsAsParticipation: true,
  parkingAreaCounts: true,
  ballotPrecedence: 'last',
  paperOverridesOnline: false,
  proxyFlagThreshold: 5,
};

export const RULE_PROFILES: Record<RuleProfileId, RuleProfile> = {
  'civil-code-2021': {
    id: 'civil-code-2021', name: '民法典（全国基准）', coOwnerVoting: 'any', oralProxy: 'flag', defaults: BASE_OPTIONS,
  },
  'shanghai-2020': {
    id: 'shanghai-2020', name: '上海市住宅物业管理规定（2020）', coOwnerVoting: 'any', oralProxy: 'invalid', defaults: BASE_OPTIONS,
  },
  // The developer votes its unsold and undelivered units in every profile (TALLY-SPEC §3);
  // 宁波 第18条 says so expressly.
  'ningbo-2021': {
    id: 'ningbo-2021', name: '宁波市住宅小区物业管理条例（2021）', coOwnerVoting: 'designated', oralProxy: 'flag',
    defaults: { ...BASE_OPTIONS, parkingAreaCounts: false },
  },
};

/** `covenant-follow-majority` is shorthand for civil-code-2021 with nonVotersFollowMajority. */
export const RULE_ALIASES: Record<string, { rules: RuleProfileId; options: Partial<TallyOptions> }> = {
  'covenant-follow-majority': { rules: 'civil-code-2021', options: { nonVotersFollowMajority: true } },
};

export function isRuleProfileId(s: unknown): s is RuleProfileId {
  return typeof s === 'string' && Object.hasOwn(RULE_PROFILES, s);
}

/** The profile's defaults overlaid with the record's own options. */
export function resolveOptions(rules: RuleProfileId, options: Partial<TallyOptions>): TallyOptions {
  const out = { ...RULE_PROFILES[rules].defaults };
  for (const [k, v] of Object.entries(options)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
