import type { TallyFlag } from './flags.ts';
import type { RuleProfileId, TallyBallot, TallyOptions, TallyUnit, UsedAreaSource } from './types.ts';

// A committee election item (选举业主委员会, 民法典 第278条 matter 3) with N seats. Same roster,
// same who-counts rules as every other item; the ballot approves up to N candidates instead of
// choosing yes/no/abstain. Areas are integer centi-m².

/** A ballot approving candidates; everything else (owner, castBy, proxy, seq, channel…) as usual. */
export interface ElectionBallot extends Omit<TallyBallot, 'choice'> {
  /** Candidate ids approved. Empty: participates without approving anybody (abstains for all). */
  approvals: string[];
}

export interface ElectionRecord {
  rules: RuleProfileId;
  /** Only the options the record set; the profile supplies the rest. */
  options: Partial<TallyOptions>;
  developer: string;
  units: TallyUnit[];
  /** Number of seats N (a positive integer); each owner may approve up to N candidates. */
  seats: number;
  /** Candidate ids, in the order the notice lists them (the order of the result). */
  candidates: string[];
  ballots: ElectionBallot[];
}

export type ElectionFlagKind =
  | TallyFlag['kind']
  | 'too_many_approvals' // approves more candidates than seats: spoiled (废票)
  | 'unknown_candidate' // approves an id that is not on the candidate list: spoiled
  | 'tie_for_last_seat'; // qualifiers tie in heads and area at the last seat: left for a person

export interface ElectionFlag extends Omit<TallyFlag, 'kind'> {
  kind: ElectionFlagKind;
  /** For `tie_for_last_seat`: the tied candidates. */
  candidates?: string[];
}

export interface CandidateResult {
  candidate: string;
  approvalAreaCenti: number;
  approvalHeads: number;
  /** Approval > 1/2 of participating area AND heads, and participation met (matter 3). */
  passesThresholds: boolean;
  /**
   * Rank among the candidates that pass (1 = most heads, then most area; equal figures share a
   * rank). Null for a candidate that does not pass.
   */
  rank: number | null;
  elected: boolean;
}

export interface ElectionResult {
  matter: 3;
  rules: RuleProfileId;
  options: TallyOptions;
  seats: number;
  participationMet: boolean;
  areaTotalCenti: number;
  headTotal: number;
  areaParticipatingCenti: number;
  headParticipating: number;
  /** Owners whose standing ballot is spoiled (whether or not they participate, per the option). */
  areaSpoiledCenti: number;
  headSpoiled: number;
  /** Participants who approved nobody (a valid empty ballot). */
  areaNoApprovalCenti: number;
  headNoApproval: number;
  /** In candidate-list order. */
  candidates: CandidateResult[];
  /** Elected candidate ids, by rank. */
  elected: string[];
  /** Candidates tied (heads and area) for the last seat(s); none of them is elected. Null if no tie. */
  tieForLastSeat: string[] | null;
  /** Seats not filled: too few qualifiers, or left open by a tie for a person to decide. */
  seatsUnfilled: number;
  areaSources: Record<UsedAreaSource, number>;
  /** Standing ballot per owner (head) in roster order, with the approvals that count. */
  standing: Array<{ headId: string; ballotIndex: number; spoiled: boolean; approvals: string[] }>;
  flags: ElectionFlag[];
}
