import { z } from 'zod';
import { isoInstant } from './calendar.ts';
import { pageOf, pageQuery } from './registry.ts';

// Meetings (issue 3), the lifecycle part: creating a meeting with its items and candidates, the
// transitions, the frozen roster and the owner's view. The rules (thresholds, notice period,
// transition table) live in @gongzhi/domain; these are only the shapes on the wire.

const id = z.coerce.number().int().positive();
const trimmed = (label: string, max = 100) =>
  z.string({ error: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}不能超过${max}个字符`);
const instant = (label: string) => isoInstant(`${label}应为 ISO 8601 时间（如 2026-05-01T09:00:00+08:00）`);

export const meetingStates = z.enum([
  'draft', 'submitted', 'approved', 'notice_published', 'voting_open', 'closed',
  'tallied', 'result_published', 'objection_period', 'final', 'cancelled',
]);
export const convenerKinds = z.enum(['committee', 'preparatory_group', 'renewal_group', 'street_office', 'acting_body']);
export const ruleProfiles = z.enum(['civil-code-2021', 'shanghai-2020', 'ningbo-2021']);
export const meetingActions = z.enum([
  'submit', 'approve', 'reject', 'publish_notice', 'open_voting', 'close', 'tally',
  'publish_result', 'start_objection_period', 'finalise', 'cancel',
]);

export const CONVENER_KIND_LABELS = {
  committee: '业主委员会', preparatory_group: '筹备组', renewal_group: '换届小组', street_office: '街道办事处', acting_body: '代行机构',
} as const;

/** The options a meeting may set over its rule profile (TALLY-SPEC §6); unknown keys are refused. */
export const meetingOptions = z.strictObject({
  nonVotersFollowMajority: z.boolean().optional(),
  spoiledCountsAsParticipation: z.boolean().optional(),
  parkingAreaCounts: z.boolean().optional(),
  ballotPrecedence: z.enum(['last', 'first']).optional(),
  paperOverridesOnline: z.boolean().optional(),
  proxyFlagThreshold: z.number().int().min(1).max(1000).optional(),
});

export const candidateInput = z.object({
  name: trimmed('候选人姓名', 50),
  ownerId: id.optional(),
  statement: z.string().trim().max(2000, '候选人简介不能超过2000个字符').default(''),
});

/** One item: a matter 1–9 (yes/no/abstain) or a committee election with `seats` (matter 3). */
export const meetingItemInput = z.object({
  kind: z.enum(['matter', 'election'], { error: '议题类型必须是 matter（表决事项）或 election（选举）' }),
  matter: z.number({ error: '表决事项类别必须是 1 至 9 的整数' }).int().min(1, '表决事项类别必须是 1 至 9').max(9, '表决事项类别必须是 1 至 9').optional(),
  title: trimmed('议题标题', 200),
  description: z.string().trim().max(5000, '议题说明不能超过5000个字符').default(''),
  seats: z.number({ error: '应选名额必须是整数' }).int().optional(),
  scope: z.strictObject({ buildings: z.array(z.string().trim().min(1)).max(500).optional(), units: z.array(z.string().trim().min(1)).max(20000).optional() }).nullable().optional(),
  candidates: z.array(candidateInput).max(100, '候选人不能超过100人').optional(),
});
export type MeetingItemInput = z.infer<typeof meetingItemInput>;

const meetingFields = {
  title: trimmed('会议名称', 200),
  description: z.string().trim().max(10000, '会议说明不能超过10000个字符').default(''),
  convenerKind: convenerKinds,
  convenerName: trimmed('召集人名称', 100),
  rules: ruleProfiles,
  options: meetingOptions.default({}),
  extraordinary: z.boolean().default(false),
  firstMeeting: z.boolean().default(false),
  // bounded: the column is an integer, and no estate has a million households
  householdCount: z.number({ error: '户数必须是正整数' }).int('户数必须是正整数').positive('户数必须是正整数').max(1_000_000, '户数过大'),
  votingOpensAt: instant('投票开始时间'),
  votingClosesAt: instant('投票截止时间'),
  allowChange: z.boolean().default(true),
  interimVisible: z.boolean().default(false),
  items: z.array(meetingItemInput).min(1, '会议至少需要一个表决事项').max(50, '表决事项不能超过50个'),
};

export const createMeetingBody = z.object({ estateId: id, ...meetingFields });
export type CreateMeetingBody = z.infer<typeof createMeetingBody>;
/** A draft is replaced as a whole (items and candidates included): simpler than patching ids. */
export const updateMeetingBody = z.object(meetingFields);
export type UpdateMeetingBody = z.infer<typeof updateMeetingBody>;

export const meetingReasonBody = z.object({ reason: z.string().trim().max(1000, '原因不能超过1000个字符').default('') });
export const meetingListQuery = pageQuery.extend({ estateId: id.optional(), state: meetingStates.optional() });

export const meetingCandidateView = z.object({
  id: z.number().int(), itemId: z.number().int(), position: z.number().int(), name: z.string(),
  ownerId: z.number().int().nullable(), statement: z.string(),
});
export const meetingItemView = z.object({
  id: z.number().int(), position: z.number().int(), kind: z.enum(['matter', 'election']), matter: z.number().int(),
  title: z.string(), description: z.string(), seats: z.number().int().nullable(),
  /** the matter's name (民法典 第278条) and the thresholds it must meet, as the notice prints them */
  matterName: z.string(), thresholds: z.string(),
  scope: z.object({ buildings: z.array(z.string()).optional(), units: z.array(z.string()).optional() }).nullable(),
  candidates: z.array(meetingCandidateView),
});
export const meetingAttachmentView = z.object({
  id: z.number().int(), recordType: z.string(), recordId: z.string(), filename: z.string(), mime: z.string(),
  sizeBytes: z.number().int(), createdAt: z.string(),
});

export const meetingSummaryView = z.object({
  id: z.number().int(), estateId: z.number().int(), estateName: z.string(), title: z.string(),
  convenerKind: convenerKinds, convenerName: z.string(), rules: ruleProfiles, state: meetingStates, stateLabel: z.string(),
  votingOpensAt: z.string(), votingClosesAt: z.string(), noticePublishedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type MeetingSummaryView = z.infer<typeof meetingSummaryView>;

export const meetingView = meetingSummaryView.extend({
  description: z.string(), options: z.record(z.string(), z.unknown()), extraordinary: z.boolean(), firstMeeting: z.boolean(),
  householdCount: z.number().int(), allowChange: z.boolean(), interimVisible: z.boolean(),
  noticePublishedOn: z.string().nullable(), closedAt: z.string().nullable(), talliedAt: z.string().nullable(),
  resultPublishedAt: z.string().nullable(), objectionEndsAt: z.string().nullable(), finalisedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(), cancelReason: z.string().nullable(), lastRejectReason: z.string().nullable(),
  rosterFrozen: z.boolean(),
  items: z.array(meetingItemView),
  attachments: z.array(meetingAttachmentView),
});
export type MeetingView = z.infer<typeof meetingView>;

/** An official's view: the meeting plus the transitions the caller may take now (UI buttons). */
export const meetingDetailView = meetingView.extend({ availableActions: z.array(meetingActions) });
export type MeetingDetailView = z.infer<typeof meetingDetailView>;
export const meetingPage = pageOf(meetingSummaryView);

export const transitionResultView = z.object({ id: z.number().int(), state: meetingStates, stateLabel: z.string() });

/** One unit of the frozen roster: numbers and areas only, never a name (issue 3). */
export const rosterUnitView = z.object({
  unitId: z.number().int(), building: z.string(), number: z.string(), kind: z.string(), status: z.string(),
  areaCenti: z.number().int(), areaSource: z.string(),
});
export const rosterQuery = pageQuery;
export const rosterPage = pageOf(rosterUnitView).extend({ unitCount: z.number().int(), totalAreaCenti: z.number().int(), householdCount: z.number().int() });

export const myBallotView = z.object({
  itemId: z.number().int(), voterKey: z.string(), choice: z.string().nullable(), approvals: z.array(z.number().int()).nullable(),
  channel: z.string(), receipt: z.string().nullable(), castAt: z.string(),
});
/** A head the caller may vote for: own (binding) or as a proxy holder; its units in the frozen roster. */
export const myVoterKeyView = z.object({
  voterKey: z.string(), via: z.enum(['owner', 'proxy']),
  units: z.array(z.object({ unitId: z.number().int(), building: z.string(), number: z.string(), areaCenti: z.number().int() })),
});
export const myMeetingView = meetingView.extend({
  voterKeys: z.array(myVoterKeyView),
  myBallots: z.array(myBallotView),
});
export type MyMeetingView = z.infer<typeof myMeetingView>;
export const myMeetingPage = pageOf(meetingSummaryView);
