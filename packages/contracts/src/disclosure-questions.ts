import { z } from 'zod';

// API shapes of the disclosure module's questions part (issue 5, 质询), shared by the server and
// the web. An owner asks on a disclosed item; the company or the committee answers within the
// city's answer days; an unanswered question escalates to the community, which supervises it.
// The asker is shown to other owners as "3栋业主", never by name.

const id = z.coerce.number().int().positive();
const page = z.coerce.number().int().min(1).default(1);
const pageSize = z.coerce.number().int().min(1).max(200).default(50);
const flag = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');

export const questionSubjectTypes = z.enum(
  ['notice', 'revenue_statement', 'revenue_entry', 'disclosure_filing', 'fund_statement', 'fund_application', 'meeting'],
  { error: '质询对象类型无效' },
);
export const questionParties = z.enum(['company', 'committee'], { error: '答复方须为物业服务企业（company）或业主委员会（committee）' });
export const questionStates = z.enum(['open', 'escalated', 'answered']);
export const questionActions = z.enum(['answer', 'supervise']);

export const askQuestionBody = z.strictObject({
  subjectType: questionSubjectTypes,
  subjectId: id,
  body: z.string({ error: '请填写质询内容' }).trim().min(1, '请填写质询内容').max(2000, '质询内容不能超过2000个字符'),
  /** who must answer; default from the subject (its publisher, manager or party) */
  responsible: questionParties.optional(),
});
export type AskQuestionBody = z.infer<typeof askQuestionBody>;

export const answerQuestionBody = z.strictObject({
  answer: z.string({ error: '请填写答复内容' }).trim().min(1, '请填写答复内容').max(5000, '答复内容不能超过5000个字符'),
});
export const superviseQuestionBody = z.strictObject({
  note: z.string({ error: '请填写督办意见' }).trim().min(1, '请填写督办意见').max(2000, '督办意见不能超过2000个字符'),
});

export const myQuestionsQuery = z.object({
  estateId: id.optional(),
  subjectType: questionSubjectTypes.optional(),
  subjectId: id.optional(),
  /** only the caller's own questions */
  mine: flag.optional(),
  page,
  pageSize,
});
export type MyQuestionsQuery = z.infer<typeof myQuestionsQuery>;

export const questionsQuery = z.object({
  estateId: id.optional(),
  state: questionStates.optional(),
  responsible: questionParties.optional(),
  /** open or escalated and past the due time */
  overdue: flag.optional(),
  subjectType: questionSubjectTypes.optional(),
  subjectId: id.optional(),
  page,
  pageSize,
});
export type QuestionsQuery = z.infer<typeof questionsQuery>;

const questionFields = {
  id: z.number().int(),
  estateId: z.number().int(),
  estateName: z.string(),
  subjectType: questionSubjectTypes,
  subjectTypeLabel: z.string(),
  subjectId: z.number().int(),
  subjectTitle: z.string(),
  responsible: questionParties,
  responsibleLabel: z.string(),
  /** "3栋业主": never a name */
  askerLabel: z.string(),
  body: z.string(),
  askedAt: z.string(),
  dueAt: z.string(),
  state: questionStates,
  stateLabel: z.string(),
  /** open or escalated past the due time */
  overdue: z.boolean(),
  escalatedAt: z.string().nullable(),
  answer: z.string().nullable(),
  /** the company's or the committee's name */
  answeredByLabel: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredLate: z.boolean(),
  supervisionNote: z.string().nullable(),
  supervisedAt: z.string().nullable(),
};

export const questionView = z.object({ ...questionFields, availableActions: z.array(questionActions) });
export type QuestionView = z.infer<typeof questionView>;
export const questionPage = z.object({ items: z.array(questionView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type QuestionPage = z.infer<typeof questionPage>;

/** What an owner sees: the same, with `mine` marking the caller's own questions. */
export const myQuestionView = z.object({ ...questionFields, mine: z.boolean() });
export type MyQuestionView = z.infer<typeof myQuestionView>;
export const myQuestionPage = z.object({ items: z.array(myQuestionView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type MyQuestionPage = z.infer<typeof myQuestionPage>;
