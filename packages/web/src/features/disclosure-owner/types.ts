import type { MyFilingDetail, MyQuestionView } from '@gongzhi/contracts';

// The owner's disclosure API shapes (/my/notices, /my/revenue, /my/filings, /my/questions), from the
// contracts the server answers with.

export type { MyNoticeDetail, MyNoticeItem, MyNoticePage as MyNoticesResponse } from '@gongzhi/contracts';
export type { MyRevenueStatementItem as MyRevenueStatement, MyRevenueStatementView as MyRevenueStatementDetail } from '@gongzhi/contracts';

/** a file of a record, as far as a link needs it */
export interface AttachmentLink {
  id: number;
  filename: string;
}

export type { MyFilingDetail } from '@gongzhi/contracts';
export type FilingState = MyFilingDetail['state'];
/** GET /my/filings items (contracts myFilingItem) */
export type MyFilingItem = Pick<
  MyFilingDetail,
  'id' | 'estateId' | 'estateName' | 'party' | 'partyLabel' | 'partyName' | 'periodKey' | 'periodLabel' | 'version' | 'state' | 'stateLabel' | 'filedAt' | 'noticeId'
> & { late?: boolean };

export type { MyQuestionPage, MyQuestionView as MyQuestion } from '@gongzhi/contracts';
export type SubjectType = MyQuestionView['subjectType'];
