// The tally engine's data: a decision record (TALLY-SPEC §7) already parsed into integers.
// Areas are integer hundredths of a m² (centi); nothing here is a float.

export type Matter = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
export type Choice = 'yes' | 'no' | 'abstain' | 'spoiled';
export type UnitStatus = 'sold' | 'unsold' | 'undelivered';
export type UnitKind = 'residential' | 'commercial' | 'parking';
export type AreaSource = 'registry' | 'survey' | 'contract';
/** `unspecified`: the record gave a bare `area` without saying where it came from. */
export type UsedAreaSource = AreaSource | 'unspecified';
export type ProxyForm = 'written' | 'oral';
export type Channel = 'online' | 'paper';
export type RuleProfileId = 'civil-code-2021' | 'shanghai-2020' | 'ningbo-2021';

export interface TallyUnit {
  unit: string;
  building?: string;
  kind: UnitKind;
  status: UnitStatus;
  /** The owner's id; for a co-owned unit the id of the co-ownership. May be absent for unsold units. */
  owner?: string;
  coOwners?: string[];
  designatedVoter?: string;
  /** Exactly one of `areaCenti` (with its declared source) or `areaCandidates`. */
  areaCenti?: number;
  areaSource?: AreaSource;
  areaCandidates?: Partial<Record<AreaSource, number>>;
}

export interface TallyBallot {
  owner: string;
  castBy?: string;
  proxy?: ProxyForm;
  unit?: string;
  choice: Choice;
  seq?: number;
  /** Extension: `paper` or `online`, for the profile's paper/online precedence. */
  channel?: Channel;
  /** Extension: the ballot arrived after the voting window closed (never counted, flagged). */
  afterClose?: boolean;
}

export interface TallyOptions {
  nonVotersFollowMajority: boolean;
  spoiledCountsAsParticipation: boolean;
  parkingAreaCounts: boolean;
  ballotPrecedence: 'last' | 'first';
  paperOverridesOnline: boolean;
  /** Platform policy (not law): a proxy holder acting for more owners than this is flagged. */
  proxyFlagThreshold: number;
}

export interface ChargingScope {
  buildings?: string[];
  units?: string[];
}

export interface DecisionRecord {
  format: 'gongzhi.decision-record/v1';
  rules: RuleProfileId;
  /** Only the options the record set; the profile supplies the rest. */
  options: Partial<TallyOptions>;
  matter: Matter;
  scope?: ChargingScope;
  developer: string;
  units: TallyUnit[];
  ballots: TallyBallot[];
}
