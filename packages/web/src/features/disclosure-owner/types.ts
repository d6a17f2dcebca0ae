// The owner's disclosure API shapes as the design fixes them (/my/notices, /my/revenue, /my/filings,
// /my/questions). Fields the design leaves open are optional: the screens show them when present.

export type { MyNoticeDetail, MyNoticeItem, MyNoticePage as MyNoticesResponse } from '@gongzhi/contracts';
export type { MyRevenueStatementItem as MyRevenueStatement, MyRevenueStatementView as MyRevenueStatementDetail } from '@gongzhi/contracts';

/** a file of a record, as far as a link needs it */
export interface AttachmentLink {
  id: number;
  filename: string;
}

export type FilingState = 'filed' | 'acknowledged' | 'returned';
export interface FilingContent {
  feeStandards: { item: string; basis: string; priceFen: number; unit: string }[];
  serviceContract: { companyName: string; startsOn: string; endsOn: string; summary: string } | null;
  contractors: { name: string; service: string; amountFen: number; startsOn?: string | null; endsOn?: string | null }[];
  notes: string;
}
export interface MyFilingItem {
  id: number;
  estateId: number;
  estateName: string;
  party: 'company' | 'committee';
  partyLabel?: string;
  partyName?: string;
  periodKey: string;
  periodLabel?: string;
  periodStart?: string;
  periodEnd?: string;
  version: number;
  state: FilingState;
  stateLabel?: string;
  filedAt: string;
  dueOn?: string;
  late?: boolean;
  filedWith?: 'street' | 'district' | null;
  filedWithName?: string | null;
  reviewNote?: string | null;
  reviewedAt?: string | null;
}
export interface LinkedStatement {
  id: number;
  periodKey?: string;
  periodLabel?: string;
  periodStart?: string;
  periodEnd?: string;
  openingFen?: number;
  incomeFen?: number;
  expenseFen?: number;
  netFen?: number;
  closingFen?: number;
}
export interface MyFilingDetail extends MyFilingItem {
  content: FilingContent;
  revenueStatementId?: number | null;
  fundStatementId?: number | null;
  revenueStatement?: LinkedStatement | null;
  fundStatement?: LinkedStatement | null;
  attachments?: AttachmentLink[];
  versions?: { id: number; version: number; state: string; filedAt: string | null }[];
}

export type SubjectType = 'notice' | 'revenue_statement' | 'revenue_entry' | 'disclosure_filing' | 'fund_statement' | 'fund_application' | 'meeting';
export type QuestionState = 'open' | 'escalated' | 'answered';
export interface MyQuestion {
  id: number;
  estateId?: number;
  subjectType: SubjectType;
  subjectId: number;
  subjectTitle: string;
  responsible: 'company' | 'committee';
  responsibleLabel?: string;
  askerLabel: string;
  mine: boolean;
  body: string;
  askedAt: string;
  dueAt: string;
  state: QuestionState;
  stateLabel?: string;
  overdue?: boolean;
  escalatedAt?: string | null;
  answer?: string | null;
  answeredByLabel?: string | null;
  answeredAt?: string | null;
  answeredLate?: boolean;
  supervisionNote?: string | null;
  supervisedAt?: string | null;
}
