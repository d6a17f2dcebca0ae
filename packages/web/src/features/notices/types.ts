// The shapes the notice and question screens read, as the design doc fixes them for the server
// (contracts/src/disclosure-notices.ts and disclosure-questions.ts). Types only: no runtime code.

import type { NoticeAttachment, NoticeCoverage, NoticeDetail, NoticeListItem } from '@gongzhi/contracts';

export type { NoticeAttachment, NoticeCoverage, NoticeDetail, NoticeListItem };
export type NoticeKind = NoticeListItem['kind'];
export type NoticeState = NoticeListItem['state'];
export type NoticeAudience = NoticeDetail['audience'];
export type NoticeAction = NoticeDetail['availableActions'][number];

// questions: as contracts/src/disclosure-questions.ts declares QuestionView (kept here until that file is committed)
export type QuestionState = 'open' | 'escalated' | 'answered';

export interface QuestionItem {
  id: number;
  estateId: number;
  estateName: string;
  subjectType: string;
  subjectTypeLabel: string;
  subjectId: number;
  subjectTitle: string;
  responsible: 'company' | 'committee';
  responsibleLabel: string;
  askerLabel: string;
  body: string;
  askedAt: string;
  dueAt: string;
  overdue: boolean;
  state: QuestionState;
  stateLabel: string;
  escalatedAt: string | null;
  answer: string | null;
  answeredAt: string | null;
  answeredByLabel: string | null;
  answeredLate: boolean;
  supervisionNote: string | null;
  supervisedAt: string | null;
  /** what this caller may do now */
  availableActions: ('answer' | 'supervise')[];
}
