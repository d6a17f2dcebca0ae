import { z } from 'zod';
import { isoInstant } from './calendar.ts';
import { MAX_AMOUNT_FEN } from './money.ts';
import { pageQuery } from './registry.ts';

// Maintenance fund (issue 4), part F3: use applications — drafts, the charging scope and its
// apportionment, submission, cancellation, putting an ordinary one to the owners' vote, and the
// owner's view of the applications that charge their units. The rules live in
// @gongzhi/domain (funds/*); these are only the shapes on the wire. Money in integer fen, areas in
// centi (0.01 m²).

const id = z.coerce.number().int().positive();
const trimmed = (label: string, max = 200) =>
  z.string({ error: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}不能超过${max}个字符`);
const fen = (label: string) =>
  z.number({ error: `${label}须为整数（分）` }).int(`${label}须为整数（分）`).positive(`${label}须大于 0`).max(MAX_AMOUNT_FEN, `${label}过大`);

export const fundApplicantKinds = z.enum(['company', 'committee'], { error: '申请人须为物业服务企业（company）或业主委员会（committee）' });
export const fundPaths = z.enum(['ordinary', 'emergency'], { error: '程序须为一般（ordinary）或应急（emergency）' });
export const fundScopeKinds = z.enum(['units', 'buildings', 'facility'], { error: '列支范围须为 units（房屋）、buildings（楼栋）或 facility（共用设施）' });
export const fundApplicationStates = z.enum([
  'draft', 'submitted', 'in_vote', 'committee_confirmed', 'under_review', 'approved',
  'disbursing', 'accepted', 'settled', 'published', 'rejected', 'cancelled',
]);
export const fundAttachmentKinds = ['quote', 'photo', 'evidence', 'inspection', 'acceptance', 'invoice'] as const;
export type FundAttachmentKind = (typeof fundAttachmentKinds)[number];

/** The applicant's declaration that none of the four exclusions (办法 第25条) applies: each true. */
export const fundExclusionsInput = z.strictObject({
  warranty: z.boolean().default(false),
  utility: z.boolean().default(false),
  personDamage: z.boolean().default(false),
  companyUpkeep: z.boolean().default(false),
});

const scopeFields = {
  scopeKind: fundScopeKinds,
  buildingIds: z.array(id).max(500, '楼栋不能超过500个').default([]),
  unitIds: z.array(id).max(20_000, '房屋不能超过20000户').default([]),
};

const applicationFields = {
  title: trimmed('申请事项', 200),
  reason: z.string().trim().max(5000, '申请理由不能超过5000个字符').default(''),
  /** a code of the domain's FUND_WORK_CATEGORIES (elevator, roof, ...) */
  category: trimmed('维修类别', 50),
  path: fundPaths.default('ordinary'),
  /** emergency path: a code of the city's emergency list (checked at submission) */
  emergencyCategory: z.string().trim().min(1).max(50).nullable().optional(),
  ...scopeFields,
  facilityName: z.string().trim().min(1, '请填写共用设施名称').max(100, '共用设施名称不能超过100个字符').nullable().optional(),
  budgetFen: fen('预算'),
  exclusions: fundExclusionsInput.default({ warranty: false, utility: false, personDamage: false, companyUpkeep: false }),
  contractorName: z.string().trim().max(200, '施工单位名称不能超过200个字符').default(''),
  contractorAccount: z.string().trim().max(200, '收款账户不能超过200个字符').default(''),
  /** stages in basis points of the cost (sum 10000), default 70% / 30% */
  stagePlan: z.array(z.number().int()).min(1).max(5).optional(),
};

export const createFundApplicationBody = z.object({ applicantKind: fundApplicantKinds, ...applicationFields });
export type CreateFundApplicationBody = z.infer<typeof createFundApplicationBody>;

/** A draft is replaced field by field: only the fields sent change (scope fields as a group). */
export const updateFundApplicationBody = z.object({
  title: applicationFields.title.optional(),
  reason: z.string().trim().max(5000, '申请理由不能超过5000个字符').optional(),
  category: applicationFields.category.optional(),
  path: fundPaths.optional(),
  emergencyCategory: applicationFields.emergencyCategory,
  scopeKind: fundScopeKinds.optional(),
  buildingIds: z.array(id).max(500).optional(),
  unitIds: z.array(id).max(20_000).optional(),
  facilityName: applicationFields.facilityName,
  budgetFen: fen('预算').optional(),
  exclusions: z.strictObject({
    warranty: z.boolean().optional(), utility: z.boolean().optional(),
    personDamage: z.boolean().optional(), companyUpkeep: z.boolean().optional(),
  }).optional(),
  contractorName: z.string().trim().max(200).optional(),
  contractorAccount: z.string().trim().max(200).optional(),
  stagePlan: z.array(z.number().int()).min(1).max(5).optional(),
});
export type UpdateFundApplicationBody = z.infer<typeof updateFundApplicationBody>;

export const fundApplicationListQuery = pageQuery.extend({
  estateId: id.optional(),
  state: fundApplicationStates.optional(),
  path: fundPaths.optional(),
  /** 'true': only reviews past their deadline; 'false': only those not overdue */
  overdue: z.enum(['true', 'false']).optional(),
});
export type FundApplicationListQuery = z.infer<typeof fundApplicationListQuery>;

export const apportionPreviewBody = z.object({ ...scopeFields, budgetFen: fen('预算') });
export type ApportionPreviewBody = z.infer<typeof apportionPreviewBody>;

export const fundCancelBody = z.object({ reason: trimmed('撤回理由', 1000) });

export const putToVoteBody = z.union([
  z.strictObject({ meetingId: id }),
  z.strictObject({
    newMeeting: z.strictObject({
      title: trimmed('会议名称', 200),
      votingOpensAt: isoInstant('投票开始时间应为 ISO 8601 时间（如 2026-05-01T09:00:00+08:00）'),
      votingClosesAt: isoInstant('投票截止时间应为 ISO 8601 时间（如 2026-05-01T09:00:00+08:00）'),
      rules: z.enum(['civil-code-2021', 'shanghai-2020', 'ningbo-2021']).default('civil-code-2021'),
    }),
  }),
], { error: '请指定草稿会议（meetingId）或新建会议（newMeeting）' });
export type PutToVoteBody = z.infer<typeof putToVoteBody>;

// ---- views ----

export const fundShareView = z.object({
  position: z.number().int(),
  unitId: z.number().int(),
  /** 'building-number', e.g. '1栋-101' */
  unit: z.string(),
  buildingId: z.number().int(),
  buildingName: z.string(),
  areaCenti: z.number().int(),
  shareFen: z.number().int(),
  payer: z.enum(['owner', 'developer']),
  /** after settlement: the unit's share of the actual cost */
  actualFen: z.number().int().nullable(),
  balanceFen: z.number().int(),
});
export type FundShareView = z.infer<typeof fundShareView>;

export const apportionPreviewView = z.object({
  shares: z.array(fundShareView),
  unitCount: z.number().int(),
  totalAreaCenti: z.number().int(),
  budgetFen: z.number().int(),
  developerFen: z.number().int(),
  scopeBalanceFen: z.number().int(),
  /** how much the budget exceeds the scope's balance (0: enough) */
  shortfallFen: z.number().int(),
});
export type ApportionPreviewView = z.infer<typeof apportionPreviewView>;

export const fundSharesView = apportionPreviewView.extend({
  /** true after submission: the shares are the frozen ones; false: computed live from the draft */
  frozen: z.boolean(),
});
export type FundSharesView = z.infer<typeof fundSharesView>;

export const fundApplicationSummaryView = z.object({
  id: z.number().int(),
  estateId: z.number().int(),
  estateName: z.string(),
  applicantKind: fundApplicantKinds,
  applicantName: z.string(),
  title: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  path: fundPaths,
  state: fundApplicationStates,
  stateLabel: z.string(),
  scopeKind: fundScopeKinds,
  /** e.g. '1栋、2栋' / '12 户' / '2号电梯（24 户）' */
  scopeLabel: z.string(),
  budgetFen: z.number().int(),
  actualCostFen: z.number().int().nullable(),
  reviewDueOn: z.string().nullable(),
  reviewOverdue: z.boolean(),
  submittedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FundApplicationSummaryView = z.infer<typeof fundApplicationSummaryView>;

export const fundApplicationPage = z.object({
  items: z.array(fundApplicationSummaryView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(),
});

const attachmentLite = z.object({
  id: z.number().int(), filename: z.string(), mime: z.string(), sizeBytes: z.number().int(), createdAt: z.string(),
});

export const fundApplicationDetailView = fundApplicationSummaryView.extend({
  reason: z.string(),
  companyId: z.number().int().nullable(),
  emergencyList: z.string().nullable(),
  emergencyCategory: z.string().nullable(),
  emergencyCategoryLabel: z.string().nullable(),
  buildingIds: z.array(z.number().int()),
  unitIds: z.array(z.number().int()),
  facilityName: z.string().nullable(),
  exclusions: z.record(z.string(), z.boolean()),
  contractorName: z.string(),
  contractorAccount: z.string(),
  stagePlan: z.array(z.number().int()),
  decisionReason: z.string().nullable(),
  rejectedExclusion: z.string().nullable(),
  reviewStartedOn: z.string().nullable(),
  meeting: z.object({ meetingId: z.number().int(), itemId: z.number().int().nullable(), title: z.string(), state: z.string() }).nullable(),
  shares: z.object({
    frozen: z.boolean(), unitCount: z.number().int(), totalAreaCenti: z.number().int(), developerFen: z.number().int(),
    scopeBalanceFen: z.number().int(), shortfallFen: z.number().int(),
  }),
  /** attachments by kind (quote, photo, evidence, inspection, acceptance, invoice) */
  attachments: z.record(z.string(), z.array(attachmentLite)),
  confirmations: z.array(z.object({
    kind: z.enum(['committee', 'street', 'acceptance']), role: z.string(), accountName: z.string(), note: z.string(),
    ownerRepresentatives: z.array(z.string()), createdAt: z.string(),
  })),
  movements: z.array(z.object({
    movementId: z.number().int(), kind: z.string(), kindLabel: z.string(), stageNo: z.number().int().nullable(),
    totalFen: z.number().int(), payee: z.string(), bookedOn: z.string(),
  })),
  /** the steps the caller may take now (the server re-checks each) */
  availableActions: z.array(z.string()),
  timeline: z.array(z.object({
    at: z.string(), action: z.string(), label: z.string(), actorRole: z.string().nullable(), actorName: z.string().nullable(),
    from: z.string().nullable(), to: z.string().nullable(), reason: z.string().nullable(),
  })),
});
export type FundApplicationDetailView = z.infer<typeof fundApplicationDetailView>;

export const putToVoteView = z.object({
  id: z.number().int(), state: fundApplicationStates, stateLabel: z.string(), meetingId: z.number().int(), itemId: z.number().int(),
});

// ---- the owner's view (/my/fund/applications) ----

export const myFundShareView = z.object({
  unitId: z.number().int(), unit: z.string(), areaCenti: z.number().int(),
  /** the share of the budget, frozen at submission: what the owner votes on */
  shareFen: z.number().int(),
  /** after settlement: the share of the actual cost */
  actualFen: z.number().int().nullable(),
  payer: z.enum(['owner', 'developer']),
});

export const myFundApplicationView = z.object({
  id: z.number().int(), estateId: z.number().int(), estateName: z.string(), title: z.string(), reason: z.string(),
  category: z.string(), categoryLabel: z.string(), path: fundPaths, state: fundApplicationStates, stateLabel: z.string(),
  scopeLabel: z.string(), budgetFen: z.number().int(), actualCostFen: z.number().int().nullable(),
  contractorName: z.string(), decisionReason: z.string().nullable(), submittedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  meeting: z.object({ meetingId: z.number().int(), itemId: z.number().int().nullable(), title: z.string(), state: z.string() }).nullable(),
  myShares: z.array(myFundShareView),
  // what the owner's page explains (F7): who applied, the whole scope my share was computed
  // from, why an emergency skipped the vote, the district's decision, the confirmations
  applicantKind: fundApplicantKinds,
  applicantName: z.string(),
  shares: z.object({ unitCount: z.number().int(), totalAreaCenti: z.number().int() }),
  emergencyCategoryLabel: z.string().nullable(),
  rejectedExclusion: z.string().nullable(),
  reviewDueOn: z.string().nullable(),
  approvedAt: z.string().nullable(),
  confirmations: z.array(z.object({
    kind: z.enum(['committee', 'street', 'acceptance']), note: z.string(), ownerRepresentatives: z.array(z.string()), createdAt: z.string(),
  })),
});
export type MyFundApplicationView = z.infer<typeof myFundApplicationView>;
export const myFundApplicationList = z.object({ items: z.array(myFundApplicationView) });
