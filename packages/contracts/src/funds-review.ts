import { z } from 'zod';

// Maintenance fund (issue 4), the review part: the emergency path's confirmations (committee,
// then street office or community), the district housing bureau's review within a deadline in
// working days (Chinese public-holiday calendar), and the working-day calendar for the screens.
// Money is integer fen, dates YYYY-MM-DD in Asia/Shanghai.

const id = z.coerce.number().int().positive();
const int = z.number().int();
const date = z.string();
const note = z.string().trim().max(1000, '说明不能超过1000个字符').default('');
const reason = z.string({ error: '请填写理由' }).trim().min(1, '请填写理由').max(1000, '理由不能超过1000个字符');
/** query flags arrive as text: 1/true/yes mean true, 0/false/no mean false */
const flag = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');

export const FUND_REJECT_EXCLUSION_KEYS = ['warranty', 'utility', 'personDamage', 'companyUpkeep'] as const;

export const fundReviewParams = z.object({ id });

// --- requests -------------------------------------------------------------------------------
/** POST /fund/applications/:id/committee-confirm and /street-confirm */
export const fundConfirmBody = z.object({ note });
export type FundConfirmBody = z.input<typeof fundConfirmBody>;

/** POST /fund/applications/:id/refuse-emergency: not an emergency; continues on the ordinary path */
export const fundRefuseEmergencyBody = z.object({ reason });
export type FundRefuseEmergencyBody = z.input<typeof fundRefuseEmergencyBody>;

/** POST /fund/applications/:id/approve */
export const fundApproveBody = z.object({ note });
export type FundApproveBody = z.input<typeof fundApproveBody>;

/** POST /fund/applications/:id/reject: the reason is shown to the applicant and the owners in
 *  scope; `exclusion` names the exclusion (办法 第25条) the rejection rests on, if any */
export const fundRejectBody = z.object({
  reason,
  exclusion: z.enum(FUND_REJECT_EXCLUSION_KEYS, { error: '排除情形应为 warranty、utility、personDamage 或 companyUpkeep' }).optional(),
});
export type FundRejectBody = z.input<typeof fundRejectBody>;

/** GET /fund/reviews */
export const fundReviewsQuery = z.object({
  overdue: flag.optional(),
  estateId: id.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type FundReviewsQuery = z.input<typeof fundReviewsQuery>;

/** GET /fund/calendar */
export const fundCalendarQuery = z.object({
  year: z.coerce.number().int().min(2000, '年份应在2000–2100之间').max(2100, '年份应在2000–2100之间').optional(),
});

// --- answers --------------------------------------------------------------------------------
/** The outcome of a step on an application (confirm, refuse, approve, reject). */
export const fundStepResult = z.object({
  id: int,
  state: z.string(),
  stateLabel: z.string(),
  path: z.enum(['ordinary', 'emergency']),
  reviewStartedOn: date.nullable(),
  /** the review's deadline (end of that day, Asia/Shanghai) */
  reviewDueOn: date.nullable(),
  /** false when the deadline crosses a year whose holiday notice is not in the calendar yet */
  calendarKnown: z.boolean().nullable(),
});
export type FundStepResult = z.infer<typeof fundStepResult>;

/** One application awaiting the caller's confirmation on the emergency path. */
export const fundConfirmationItem = z.object({
  applicationId: int,
  estateId: int,
  estateName: z.string(),
  title: z.string(),
  category: z.string(),
  emergencyList: z.string().nullable(),
  emergencyCategory: z.string().nullable(),
  emergencyCategoryLabel: z.string().nullable(),
  budgetFen: int,
  state: z.string(),
  stateLabel: z.string(),
  /** whose confirmation it waits for: the committee's, or the street office's / community's */
  awaiting: z.enum(['committee', 'street']),
  submittedAt: z.string().nullable(),
  /** the committee's confirmation, once given */
  committeeConfirmedAt: z.string().nullable(),
  committeeNote: z.string().nullable(),
});
export const fundConfirmationsView = z.object({ items: z.array(fundConfirmationItem) });
export type FundConfirmationItem = z.infer<typeof fundConfirmationItem>;
export type FundConfirmationsView = z.infer<typeof fundConfirmationsView>;

/** One application in the district's review queue (ordered by deadline). */
export const fundReviewItem = z.object({
  applicationId: int,
  estateId: int,
  estateName: z.string(),
  title: z.string(),
  category: z.string(),
  path: z.enum(['ordinary', 'emergency']),
  budgetFen: int,
  reviewStartedOn: date,
  reviewDueOn: date,
  /** working days after today up to and including the due day: 0 = due today; once past, minus the
   *  working days since the due day (so 0 with overdue = true on a weekend right after it) */
  daysLeft: int,
  overdue: z.boolean(),
  escalatedAt: z.string().nullable(),
  /** false when the count crosses a year with no holiday notice (Monday–Friday assumed) */
  calendarKnown: z.boolean(),
});
export const fundReviewsView = z.object({
  /** today in Asia/Shanghai, the day daysLeft counts from */
  today: date,
  items: z.array(fundReviewItem),
  total: int,
  overdueCount: int,
});
export type FundReviewItem = z.infer<typeof fundReviewItem>;
export type FundReviewsView = z.infer<typeof fundReviewsView>;

const calendarDay = z.object({ date, name: z.string() });
/** GET /fund/calendar: a year's days off and adjusted working weekends (调休上班) */
export const fundCalendarView = z.object({
  year: int,
  /** false: the year's notice is not in the platform yet; Monday–Friday are assumed */
  known: z.boolean(),
  source: z.string().nullable(),
  holidays: z.array(calendarDay),
  workdays: z.array(calendarDay),
});
export type FundCalendarView = z.infer<typeof fundCalendarView>;
