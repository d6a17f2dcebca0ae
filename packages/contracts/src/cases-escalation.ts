import { CASE_LEVELS } from '@gongzhi/domain';
import { z } from 'zod';

// API shapes of the cases module (issue 6), part escalation: the owner's escalation, confirmation
// with a rating and reopening; the street office calling in departments (吹哨) and the
// departments' reports (报到); duplicates and merging; verifying a complaint against the company.
// The answers are the case as its page shows it (CaseDetail of cases-core.ts).

const text = (what: string, max: number) =>
  z.string({ error: `请填写${what}` }).trim().min(1, `请填写${what}`).max(max, `${what}不能超过${max}个字符`);

const levelEnum = z.enum(CASE_LEVELS, { error: '层级须为 company / committee / community / street / department 之一' });

/** An owner (or a follower) pushes the case one rung up: toLevel must be the next rung. */
export const escalateCaseBody = z.strictObject({
  toLevel: levelEnum,
  reason: text('升级理由', 500),
});
export type EscalateCaseBody = z.infer<typeof escalateCaseBody>;

/** The owner confirms a resolved case and rates it 1–5 (whole stars). */
export const confirmCaseBody = z.strictObject({
  rating: z.number({ error: '请给出 1–5 分的评价' }).int('评分须为 1–5 的整数').min(1, '评分须为 1–5 的整数').max(5, '评分须为 1–5 的整数'),
  comment: z.string().trim().max(1000, '评价内容不能超过1000个字符').optional(),
});
export type ConfirmCaseBody = z.infer<typeof confirmCaseBody>;

/** The owner is not satisfied with the resolution: back to the same rung with new deadlines. */
export const reopenCaseBody = z.strictObject({
  reason: text('重新处理的理由', 500),
});
export type ReopenCaseBody = z.infer<typeof reopenCaseBody>;

/** 吹哨: the street office calls in one or more departments, each must report within reportDays
 *  working days (default 3). */
export const callDepartmentsBody = z.strictObject({
  departmentIds: z.array(z.number({ error: '部门编号须为正整数' }).int('部门编号须为正整数').positive('部门编号须为正整数'), { error: '请选择要召集的职能部门' })
    .min(1, '请至少选择一个职能部门').max(10, '一次最多召集10个职能部门')
    .refine((a) => new Set(a).size === a.length, '职能部门不能重复'),
  instruction: text('交办要求', 2000),
  reportDays: z.number({ error: '报到期限须为 1–30 个工作日' }).int('报到期限须为 1–30 个工作日').min(1, '报到期限须为 1–30 个工作日')
    .max(30, '报到期限须为 1–30 个工作日').optional(),
});
export type CallDepartmentsBody = z.infer<typeof callDepartmentsBody>;

/** 报到: a called department reports what it did. */
export const reportCaseBody = z.strictObject({
  text: text('报到内容', 4000),
});
export type ReportCaseBody = z.infer<typeof reportCaseBody>;

/** Merge the case of the path into another open case of the same estate (the survivor). */
export const mergeCaseBody = z.strictObject({
  intoCaseId: z.number({ error: '请选择要合并到的案件' }).int().positive('请选择要合并到的案件'),
});
export type MergeCaseBody = z.infer<typeof mergeCaseBody>;

/** A complaint against the property company found true (feeds evaluation and credit). */
export const verifyCaseBody = z.strictObject({
  note: text('核实意见', 1000),
});
export type VerifyCaseBody = z.infer<typeof verifyCaseBody>;

/** What one run of the sweeper did (tests and the benchmark read it). */
export const caseSweepResult = z.object({
  /** due cases below the street moved one rung up */
  escalated: z.number().int(),
  /** due cases at the street or a department: their deadline marked passed, once */
  flagged: z.number().int(),
  /** resolved cases closed by themselves after the auto-close days */
  autoClosed: z.number().int(),
  /** department calls past their report deadline without a report, marked once */
  departmentOverdue: z.number().int(),
});
export type CaseSweepResult = z.infer<typeof caseSweepResult>;

/** The outbox payload of 'case.company_complaint_verified' (the evaluation module reads it). */
export const companyComplaintVerifiedPayload = z.object({
  caseId: z.number().int(),
  caseNo: z.string(),
  estateId: z.number().int(),
  companyId: z.number().int(),
  category: z.string(),
  verifiedBy: z.number().int(),
  verifiedAt: z.string(),
});
export type CompanyComplaintVerifiedPayload = z.infer<typeof companyComplaintVerifiedPayload>;
export const COMPANY_COMPLAINT_VERIFIED_TOPIC = 'case.company_complaint_verified';
