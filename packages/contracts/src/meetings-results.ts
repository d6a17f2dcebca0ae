import { z } from 'zod';

// Meetings (issue 3), the results part: live turnout, tallied results, the decision-record export.
// Areas are integer centi-m² (0.01 m²) as everywhere in the API; the counting itself is the
// domain's tally engine.

const int = z.number().int();

export const resultMeetingParams = z.object({ id: z.coerce.number().int().positive() });
export const resultItemParams = z.object({ id: z.coerce.number().int().positive(), itemId: z.coerce.number().int().positive() });

/** Yes/no/abstain so far: shown only when the meeting shows interim results, or after close. */
export const interimMatterView = z.object({
  areaYesCenti: int, headYes: int, areaNoCenti: int, headNo: int, areaAbstainCenti: int, headAbstain: int,
});
export const interimCandidateView = z.object({ candidateId: int, name: z.string(), approvalAreaCenti: int, approvalHeads: int });

export const turnoutItemView = z.object({
  itemId: int, position: int, kind: z.enum(['matter', 'election']), matter: int, title: z.string(),
  areaTotalCenti: int, headTotal: int, areaParticipatingCenti: int, headParticipating: int,
  /** participation already reaches 2/3 of area and heads (第278条) */
  participationMet: z.boolean(),
  /** current ballots of this item */
  ballotCount: int,
  interim: interimMatterView.nullable(),
  interimCandidates: z.array(interimCandidateView).nullable(),
});
export const meetingTurnoutView = z.object({
  meetingId: int, state: z.string(), interimShown: z.boolean(), items: z.array(turnoutItemView),
});
export type MeetingTurnoutView = z.infer<typeof meetingTurnoutView>;

export const resultFlagView = z.object({
  kind: z.string(), reading: z.string(), counted: z.boolean(), ballots: z.array(int),
  owner: z.string().optional(), castBy: z.string().optional(), unit: z.string().optional(), candidates: z.array(z.string()).optional(),
});

export const candidateResultView = z.object({
  candidateId: int, name: z.string(), approvalAreaCenti: int, approvalHeads: int,
  passesThresholds: z.boolean(), rank: int.nullable(), elected: z.boolean(),
});

export const itemResultView = z.object({
  itemId: int, position: int, kind: z.enum(['matter', 'election']), matter: int, matterName: z.string(), title: z.string(),
  rules: z.string(),
  /** participation: 三分之二以上 of area and heads; approval: 过半数 (majority) or 四分之三以上 (three-quarters) */
  thresholds: z.object({ participation: z.literal('two-thirds'), approval: z.enum(['majority', 'three-quarters']), text: z.string() }),
  areaTotalCenti: int, headTotal: int, areaParticipatingCenti: int, headParticipating: int,
  participationMet: z.boolean(),
  /** matter items; null for elections */
  passed: z.boolean().nullable(),
  areaYesCenti: int.nullable(), headYes: int.nullable(), areaNoCenti: int.nullable(), headNo: int.nullable(),
  areaAbstainCenti: int.nullable(), headAbstain: int.nullable(), areaSpoiledCenti: int, headSpoiled: int,
  /** elections: per candidate, in notice order; the elected ones; a tie at the last seat (never broken) */
  seats: int.nullable(),
  candidates: z.array(candidateResultView).nullable(),
  elected: z.array(int).nullable(),
  tieForLastSeat: z.array(int).nullable(),
  /** seats left open: too few qualifiers, or a tie left for a person to decide */
  seatsUnfilled: int.nullable(),
  flags: z.array(resultFlagView),
  merkleRoot: z.string(),
  ballotCount: int,
  talliedAt: z.string(),
});
export type ItemResultView = z.infer<typeof itemResultView>;

export const meetingResultsView = z.object({
  meetingId: int, estateId: int, estateName: z.string(), title: z.string(), convenerName: z.string(), state: z.string(),
  votingOpensAt: z.string(), votingClosesAt: z.string(), talliedAt: z.string().nullable(), resultPublishedAt: z.string().nullable(),
  items: z.array(itemResultView),
});
export type MeetingResultsView = z.infer<typeof meetingResultsView>;

export const MEETING_EXPORT_FORMAT = 'gongzhi.meeting-export/v1';

/** One link of an item's receipt chain in the export: no owner identity, only the pseudonym. */
export const chainLinkView = z.object({
  chainSeq: int, pseudonym: z.string(), choice: z.string(), castAt: z.string(), prevLink: z.string(), receipt: z.string(),
  status: z.string(),
});
