// The shapes the notice and question screens read: the server's contracts
// (contracts/src/disclosure-notices.ts and disclosure-questions.ts), imported as types only.

import type { NoticeAttachment, NoticeCoverage, NoticeDetail, NoticeListItem, QuestionView } from '@gongzhi/contracts';

export type { NoticeAttachment, NoticeCoverage, NoticeDetail, NoticeListItem };
export type NoticeKind = NoticeListItem['kind'];
export type NoticeState = NoticeListItem['state'];
export type NoticeAudience = NoticeDetail['audience'];
export type NoticeAction = NoticeDetail['availableActions'][number];

export type QuestionItem = QuestionView;
export type QuestionState = QuestionView['state'];
