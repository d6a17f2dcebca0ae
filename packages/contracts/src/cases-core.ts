import { CASE_CATEGORIES, CASE_LEVELS, CASE_LOCATION_KINDS, CASE_PARTIES, CASE_PRIORITIES, CASE_STATES } from '@gongzhi/domain';
import { z } from 'zod';

// API shapes of the cases module's core (issue 6, 投诉 / 报事报修): filing, queues, the case page
// and handling at a rung (assign, respond, note, resolve). Owners file and follow through
// /my/cases; staff, committees and officers work through /cases. Lists of values are the
// domain's (categories.ts), so the server, the web and the tests read one list.

const id = z.coerce.number().int().positive();
const page = z.coerce.number().int().min(1).default(1);
const pageSize = z.coerce.number().int().min(1).max(200).default(50);
const flag = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');

export const caseCategories = z.enum(CASE_CATEGORIES, { error: '案件类别无效' });
export const casePriorities = z.enum(CASE_PRIORITIES, { error: '紧急程度须为 normal（一般）或 urgent（紧急）' });
export const caseStates = z.enum(CASE_STATES, { error: '案件状态无效' });
export const caseLevels = z.enum(CASE_LEVELS, { error: '案件层级无效' });
export const caseParties = z.enum(CASE_PARTIES);
export const caseLocationKinds = z.enum(CASE_LOCATION_KINDS, { error: '位置类型须为 estate、building、unit 或 common_area' });

const text = (what: string, max: number) =>
  z.string({ error: `请填写${what}` }).trim().min(1, `请填写${what}`).max(max, `${what}不能超过${max}个字符`);

const caseFields = {
  category: caseCategories,
  priority: casePriorities.default('normal'),
  locationKind: caseLocationKinds,
  buildingId: id.optional(),
  /** an owner: one of their own units */
  unitId: id.optional(),
  /** required for a common area (e.g. 北门消防通道); optional detail otherwise */
  locationText: z.string().trim().max(200, '位置说明不能超过200个字符').optional(),
  title: text('标题', 100),
  description: text('问题描述', 4000),
};

/** An owner files for themselves: the estate comes from the unit or building when left out. */
export const fileMyCaseBody = z.strictObject({ estateId: id.optional(), ...caseFields });
export type FileMyCaseBody = z.infer<typeof fileMyCaseBody>;

/** Staff, the committee or the community file for an owner (by account or phone) or as their own. */
export const fileCaseBody = z.strictObject({
  estateId: id,
  ...caseFields,
  /** the owner the case is for: an owner account bound in the estate */
  ownerAccountId: id.optional(),
  /** or that owner's account phone */
  ownerPhone: z.string().trim().regex(/^1\d{10}$/, '手机号须为11位数字').optional(),
});
export type FileCaseBody = z.infer<typeof fileCaseBody>;

export const myCasesQuery = z.object({
  /** mine: the caller's own and followed cases; estate: common-area cases of the caller's estates */
  scope: z.enum(['mine', 'estate'], { error: 'scope 须为 mine 或 estate' }).default('mine'),
  estateId: id.optional(),
  state: caseStates.optional(),
  page,
  pageSize,
});
export type MyCasesQuery = z.infer<typeof myCasesQuery>;

export const casesQuery = z.object({
  estateId: id.optional(),
  /** 'active': open or in progress */
  state: z.enum([...CASE_STATES, 'active'], { error: '案件状态无效' }).optional(),
  category: caseCategories.optional(),
  level: caseLevels.optional(),
  priority: casePriorities.optional(),
  /** open or in progress past its resolve deadline */
  overdue: flag.optional(),
  /** 'me': assigned to the caller */
  assignee: z.enum(['me'], { error: 'assignee 只能为 me' }).optional(),
  /** 'secretary': every estate where the caller's account is an active committee secretary */
  mine: z.enum(['secretary'], { error: 'mine 只能为 secretary' }).optional(),
  /** department officers: calls still waiting for their report, or reported */
  called: z.enum(['pending', 'reported'], { error: 'called 须为 pending 或 reported' }).optional(),
  /** case number or words of the title */
  q: z.string().trim().max(100, '搜索词不能超过100个字符').optional(),
  sort: z.enum(['due', 'created'], { error: 'sort 须为 due 或 created' }).default('due'),
  page,
  pageSize,
});
export type CasesQuery = z.infer<typeof casesQuery>;

export const caseListItem = z.object({
  id: z.number().int(),
  no: z.string(),
  estateId: z.number().int(),
  estateName: z.string(),
  category: caseCategories,
  categoryLabel: z.string(),
  priority: casePriorities,
  priorityLabel: z.string(),
  title: z.string(),
  /** "3栋 301", "北门消防通道", "全小区" */
  locationLabel: z.string(),
  state: caseStates,
  stateLabel: z.string(),
  level: caseLevels,
  levelLabel: z.string(),
  handlerParty: caseParties,
  /** the party holding the case (a department by its name) */
  handlerName: z.string(),
  assigneeName: z.string().nullable(),
  respondDueAt: z.string().nullable(),
  resolveDueAt: z.string().nullable(),
  nextDueAt: z.string().nullable(),
  /** open or in progress past its resolve deadline */
  overdue: z.boolean(),
  reopenCount: z.number().int(),
  rating: z.number().int().nullable(),
  createdAt: z.string(),
  /** owner lists: the caller's own or followed case */
  mine: z.boolean().optional(),
});
export type CaseListItem = z.infer<typeof caseListItem>;

export const caseListPage = z.object({
  items: z.array(caseListItem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(),
  /** the queue counts no further than 1,000 (the pager needs no more): total is then 1,000 and more exist ("1000+") */
  totalCapped: z.boolean().optional(),
});
export type CaseListPage = z.infer<typeof caseListPage>;

export const caseEventView = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  /** who, as the owner sees it: '物业服务企业', '业主', '系统' (never another owner's name) */
  actorLabel: z.string(),
  text: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type CaseEventView = z.infer<typeof caseEventView>;

export const caseAttachmentView = z.object({
  id: z.number().int(),
  /** 'case': the filer's photos; 'case_evidence': the handler's */
  recordType: z.string(),
  filename: z.string(),
  mime: z.string(),
  sizeBytes: z.number().int(),
  url: z.string(),
});

export const caseDepartmentCallView = z.object({
  departmentId: z.number().int(),
  departmentName: z.string(),
  calledAt: z.string(),
  instruction: z.string(),
  reportDueAt: z.string(),
  reportedAt: z.string().nullable(),
  reportText: z.string().nullable(),
  overdue: z.boolean(),
});

export const caseEscalationView = z.object({
  fromLevel: caseLevels,
  toLevel: caseLevels,
  byKind: z.enum(['auto', 'manual']),
  reason: z.string(),
  at: z.string(),
});

/** One action for the caller: allowed, or why not (shown greyed with the reason). */
export const caseActionView = z.object({
  allowed: z.boolean(),
  reason: z.string().optional(),
  /** escalate: the rung it would go to */
  toLevel: caseLevels.optional(),
});
export type CaseActionView = z.infer<typeof caseActionView>;

export const caseDetail = caseListItem.extend({
  description: z.string(),
  locationKind: caseLocationKinds,
  buildingId: z.number().int().nullable(),
  unitId: z.number().int().nullable(),
  locationText: z.string().nullable(),
  /** '业主', '3栋业主', '物业代报', '业委会代报', '社区代报' */
  filedByLabel: z.string(),
  ownerIsMe: z.boolean(),
  followers: z.number().int(),
  firstRespondedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  autoCloseAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeKind: z.enum(['confirmed', 'auto']).nullable(),
  ratingComment: z.string().nullable(),
  mergedIntoId: z.number().int().nullable(),
  mergedInto: z.object({ id: z.number().int(), no: z.string() }).nullable(),
  companyId: z.number().int().nullable(),
  verifiedAt: z.string().nullable(),
  timeline: z.array(caseEventView),
  attachments: z.array(caseAttachmentView),
  departmentCalls: z.array(caseDepartmentCallView),
  escalations: z.array(caseEscalationView),
  /** staff: assign, respond, note, resolve, merge, verify, callDepartments, report;
   *  owners: confirm, reopen, escalate */
  actions: z.record(z.string(), caseActionView),
});
export type CaseDetail = z.infer<typeof caseDetail>;

export const assignCaseBody = z.strictObject({ assigneeAccountId: id });
export const respondCaseBody = z.strictObject({ text: text('响应内容', 2000) });
export const caseNoteBody = z.strictObject({ text: text('办理情况', 2000) });
export const resolveCaseBody = z.strictObject({
  text: text('办结说明', 2000),
  /** evidence photos already uploaded as attachments of record type case_evidence */
  attachmentIds: z.array(id, { error: 'attachmentIds 须为附件编号列表' }).max(9, '办结照片不能超过9张').optional(),
});

export const caseAssigneesQuery = z.object({ caseId: id });
export const caseAssignee = z.object({
  accountId: z.number().int(),
  name: z.string(),
  role: z.string(),
  roleLabel: z.string(),
});
export const caseAssigneeList = z.object({ items: z.array(caseAssignee) });
export type CaseAssignee = z.infer<typeof caseAssignee>;
