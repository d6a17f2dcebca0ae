import { CASE_CATEGORIES, CASE_PRIORITIES, CASE_ROUTING_PARTIES, DEPARTMENT_KINDS, type CaseCategory } from '@gongzhi/domain';
import { z } from 'zod';
import { calendarDay } from './calendar.ts';

// API shapes of the cases module (issue 6), part config: the departments (职能部门) of a region,
// an estate's case rules (first rung per category, deadlines per category and priority, days
// before a resolved case closes itself) and the figures per estate, company, street or department.
// Rates are integer permille (‰, rounded half up), the average rating integer centi (× 100).

/** Days after resolution before an unanswered case closes itself, unless the estate set its own. */
export const DEFAULT_CASE_AUTO_CLOSE_DAYS = 7;
export const CASE_AUTO_CLOSE_DAYS_MIN = 1;
export const CASE_AUTO_CLOSE_DAYS_MAX = 60;

const id = (what: string) => z.coerce.number({ error: `${what}须为正整数` }).int(`${what}须为正整数`).positive(`${what}须为正整数`);
const bodyId = (what: string) => z.number({ error: `请选择${what}` }).int(`${what}须为正整数`).positive(`${what}须为正整数`);
const name = z.string({ error: '请填写部门名称' }).trim().min(1, '请填写部门名称').max(100, '部门名称不能超过100个字符');
const kindEnum = z.enum(DEPARTMENT_KINDS, { error: `部门类别须为 ${DEPARTMENT_KINDS.join(' / ')} 之一` });
const categoryEnum = z.enum(CASE_CATEGORIES, { error: '案件类别不正确' });

// --- departments ---------------------------------------------------------------------------------

/** regionId: departments callable from that region (its own, its district's, its city's);
 *  estateId: callable from that estate's street (the street's 吹哨 list, the routing rules). */
export const departmentListQuery = z.strictObject({
  regionId: id('区域编号').optional(),
  estateId: id('小区编号').optional(),
});
export type DepartmentListQuery = z.infer<typeof departmentListQuery>;

export const departmentParams = z.strictObject({ id: id('部门编号') });

export const departmentCreateBody = z.strictObject({
  regionId: bodyId('所属区域'),
  kind: kindEnum,
  name,
});
export type DepartmentCreateBody = z.infer<typeof departmentCreateBody>;

export const departmentUpdateBody = z.strictObject({ name });
export type DepartmentUpdateBody = z.infer<typeof departmentUpdateBody>;

export const departmentView = z.object({
  id: z.number(),
  regionId: z.number(),
  regionName: z.string(),
  regionLevel: z.string(),
  kind: kindEnum,
  kindLabel: z.string(),
  name: z.string(),
  /** the caller may rename it (department.manage, its region inside the caller's) */
  editable: z.boolean(),
});
export type DepartmentView = z.infer<typeof departmentView>;
export const departmentList = z.object({ items: z.array(departmentView) });
export type DepartmentList = z.infer<typeof departmentList>;

// --- an estate's case rules ----------------------------------------------------------------------

export const caseRulesParams = z.strictObject({ id: id('小区编号') });

const unitEnum = z.enum(['working_hours', 'working_days'], { error: '时限单位须为 working_hours（工作小时）或 working_days（工作日）' });
const amount = (what: string) => z.number({ error: `请填写${what}` }).int(`${what}须为整数`).min(1, `${what}须为 1–1000`).max(1000, `${what}须为 1–1000`);

export const caseRoutingInput = z.strictObject({
  category: categoryEnum,
  party: z.enum(CASE_ROUTING_PARTIES, { error: `承办方须为 ${CASE_ROUTING_PARTIES.join(' / ')} 之一` }),
  /** only with party 'department': a department callable from the estate's street */
  departmentId: bodyId('职能部门').nullable().optional(),
});
export const caseDeadlineInput = z.strictObject({
  category: categoryEnum,
  priority: z.enum(CASE_PRIORITIES, { error: '优先级须为 normal 或 urgent' }),
  respondAmount: amount('响应时限'),
  respondUnit: unitEnum,
  resolveAmount: amount('办结时限'),
  resolveUnit: unitEnum,
});

/** Sets the rules given (routing: per category; deadlines: per category and priority); a rule not
 *  sent keeps what it had. resetRouting / resetDeadlines put rules back to the defaults. */
export const caseRulesUpdateBody = z.strictObject({
  routing: z.array(caseRoutingInput).max(CASE_CATEGORIES.length * 2).optional(),
  deadlines: z.array(caseDeadlineInput).max(CASE_CATEGORIES.length * CASE_PRIORITIES.length * 2).optional(),
  autoCloseDays: z.number({ error: '自动结案天数须为整数' }).int('自动结案天数须为整数')
    .min(CASE_AUTO_CLOSE_DAYS_MIN, `自动结案天数须为 ${CASE_AUTO_CLOSE_DAYS_MIN}–${CASE_AUTO_CLOSE_DAYS_MAX}`)
    .max(CASE_AUTO_CLOSE_DAYS_MAX, `自动结案天数须为 ${CASE_AUTO_CLOSE_DAYS_MIN}–${CASE_AUTO_CLOSE_DAYS_MAX}`).optional(),
  /** categories whose routing goes back to the default (their rows are removed) */
  resetRouting: z.array(categoryEnum).max(CASE_CATEGORIES.length).optional(),
  /** category × priority pairs whose deadlines go back to the default */
  resetDeadlines: z.array(z.strictObject({ category: categoryEnum, priority: z.enum(CASE_PRIORITIES, { error: '优先级须为 normal 或 urgent' }) }))
    .max(CASE_CATEGORIES.length * CASE_PRIORITIES.length).optional(),
});
export type CaseRulesUpdateBody = z.infer<typeof caseRulesUpdateBody>;

export const caseRulesView = z.object({
  estateId: z.number(),
  estateName: z.string(),
  routing: z.array(z.object({
    category: categoryEnum,
    categoryLabel: z.string(),
    party: z.enum(CASE_ROUTING_PARTIES),
    partyLabel: z.string(),
    departmentId: z.number().nullable(),
    departmentName: z.string().nullable(),
    isDefault: z.boolean(),
  })),
  deadlines: z.array(z.object({
    category: categoryEnum,
    categoryLabel: z.string(),
    priority: z.enum(CASE_PRIORITIES),
    priorityLabel: z.string(),
    respondAmount: z.number(),
    respondUnit: unitEnum,
    resolveAmount: z.number(),
    resolveUnit: unitEnum,
    isDefault: z.boolean(),
  })),
  autoCloseDays: z.number(),
  autoCloseIsDefault: z.boolean(),
});
export type CaseRulesView = z.infer<typeof caseRulesView>;

// --- figures -------------------------------------------------------------------------------------

export const CASE_FIGURE_GROUPS = ['estate', 'company', 'street', 'department'] as const;
export type CaseFigureGroup = (typeof CASE_FIGURE_GROUPS)[number];
export const CASE_FIGURE_GROUP_LABELS: Record<CaseFigureGroup, string> = {
  estate: '按小区', company: '按物业服务企业', street: '按街道', department: '按职能部门',
};

const ymd = calendarDay();

/** Cases filed from `from` to `to` (inclusive, Asia/Shanghai dates); merged duplicates are not
 *  counted (their survivor is). estateId narrows to one estate of the caller's scope. */
export const caseFiguresQuery = z.strictObject({
  groupBy: z.enum(CASE_FIGURE_GROUPS, { error: '分组方式须为 estate / company / street / department 之一' }).default('estate'),
  from: ymd.optional(),
  to: ymd.optional(),
  category: categoryEnum.optional(),
  estateId: id('小区编号').optional(),
});
export type CaseFiguresQuery = z.infer<typeof caseFiguresQuery>;

const figureRow = z.object({
  /** the estate / company / street region / department id; null: cases of no company */
  key: z.number().nullable(),
  name: z.string(),
  total: z.number(),
  byCategory: z.record(categoryEnum, z.number()),
  /** resolved (awaiting the owner) or closed */
  resolved: z.number(),
  /** of those, resolved within the resolve deadline of their rung */
  resolvedInTime: z.number(),
  /** resolvedInTime / resolved, ‰ */
  inTimePermille: z.number(),
  /** reopened at least once */
  reopened: z.number(),
  /** reopened / total, ‰ */
  reopenPermille: z.number(),
  /** closed with the owner's rating */
  rated: z.number(),
  /** average rating × 100 (4.67 → 467); 0 when none rated */
  avgRatingCenti: z.number(),
});
export type CaseFigureRow = z.infer<typeof figureRow>;

/** rows: one per group, largest first; totals: every case counted once (a case called in to two
 *  departments is in two department rows but once in the totals). */
export const caseFigures = z.object({
  groupBy: z.enum(CASE_FIGURE_GROUPS),
  from: z.string().nullable(),
  to: z.string().nullable(),
  rows: z.array(figureRow),
  totals: figureRow,
});
export type CaseFigures = z.infer<typeof caseFigures>;

/** "83.3%" for 833‰: the one display of a case rate (web and Excel). */
export const formatPermille = (p: number): string => `${Math.trunc(p / 10)}.${p % 10}%`;
/** "4.67" for 467: the one display of an average rating. */
export const formatRatingCenti = (c: number): string => `${Math.trunc(c / 100)}.${String(c % 100).padStart(2, '0')}`;

/** Zero for every category, the shape of byCategory. */
export const emptyByCategory = (): Record<CaseCategory, number> =>
  Object.fromEntries(CASE_CATEGORIES.map((c) => [c, 0])) as Record<CaseCategory, number>;
