// Owners' questions (质询, issue 5): when an answer is due, who owes it, and how the asker is shown
// to the other owners. Pure: the caller supplies the moment and the city's answer days.

export type QuestionSubjectType =
  | 'notice' | 'revenue_statement' | 'revenue_entry' | 'disclosure_filing' | 'fund_statement' | 'fund_application' | 'meeting';
export type QuestionParty = 'company' | 'committee';
export type QuestionState = 'open' | 'escalated' | 'answered';

export const QUESTION_SUBJECT_TYPES: readonly QuestionSubjectType[] = [
  'notice', 'revenue_statement', 'revenue_entry', 'disclosure_filing', 'fund_statement', 'fund_application', 'meeting',
];

export const QUESTION_SUBJECT_LABELS: Record<QuestionSubjectType, string> = {
  notice: '公告',
  revenue_statement: '公共收益报表',
  revenue_entry: '公共收益收支',
  disclosure_filing: '公示备案',
  fund_statement: '维修资金对账单',
  fund_application: '维修资金使用',
  meeting: '业主大会会议',
};

export const QUESTION_PARTY_LABELS: Record<QuestionParty, string> = { company: '物业服务企业', committee: '业主委员会' };

export const QUESTION_STATE_LABELS: Record<QuestionState, string> = { open: '待答复', escalated: '已逾期转社区', answered: '已答复' };

/** The days the company or committee has to answer when the city sets none (the default). */
export const DEFAULT_ANSWER_DAYS = 7;

const DAY_MS = 86_400_000;

/** The answer is due `answerDays` whole days (of 24 hours) after the question was asked. */
export function questionDueAt(askedAt: Date, answerDays: number): Date {
  if (!Number.isInteger(answerDays) || answerDays < 1) throw new RangeError(`answer days must be a positive integer: ${answerDays}`);
  return new Date(askedAt.getTime() + answerDays * DAY_MS);
}

/** An open or escalated question is overdue once its due time has passed (the due moment itself is still on time). */
export function questionOverdue(q: { state: QuestionState; dueAt: Date }, now: Date): boolean {
  return q.state !== 'answered' && now.getTime() > q.dueAt.getTime();
}

/** An answer given after the due time: shown as late, even though it was given. */
export function answeredLate(dueAt: Date, answeredAt: Date): boolean {
  return answeredAt.getTime() > dueAt.getTime();
}

/** What the subject tells about who published or manages it. */
export interface QuestionSubjectFacts {
  type: QuestionSubjectType;
  /** notice: its publisher kind */
  publisherKind?: string | null;
  /** revenue entry: who manages the revenue */
  managedBy?: QuestionParty | null;
  /** disclosure filing: its party */
  party?: QuestionParty | null;
}

/**
 * Who owes the answer when the owner names nobody: a notice's publisher when that is the company or
 * the committee (an officer's notice: the committee, which speaks for the owners); a revenue entry's
 * manager; the common-revenue statement: the company (which keeps the ledger under its contract);
 * a filing: its party; the maintenance fund and meetings: the committee (民法典 第281条: the owners'
 * body manages the fund and convenes the meetings).
 */
export function defaultResponsible(s: QuestionSubjectFacts): QuestionParty {
  switch (s.type) {
    case 'notice':
      return s.publisherKind === 'company' ? 'company' : 'committee';
    case 'revenue_entry':
      return s.managedBy ?? 'company';
    case 'revenue_statement':
      return 'company';
    case 'disclosure_filing':
      return s.party ?? 'company';
    case 'fund_statement':
    case 'fund_application':
    case 'meeting':
      return 'committee';
  }
}

const natural = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });

/**
 * How other owners see the asker: "3栋业主" — the first (natural order) building the asker owns a
 * unit in within the estate; never a name or a unit number (which would identify a household).
 */
export function askerLabel(buildingNames: readonly string[]): string {
  const names = [...new Set(buildingNames.map((n) => n.trim()).filter(Boolean))].sort(natural.compare);
  return names.length ? `${names[0]}业主` : '业主';
}
