import type { AttachmentView } from '@gongzhi/contracts';

// The owner's disclosure API shapes as the design fixes them (/my/notices, /my/revenue, /my/filings,
// /my/questions). Fields the design leaves open are optional: the screens show them when present.

export type NoticeKind = 'notice' | 'announcement' | 'publicity';
export type NoticeState = 'published' | 'withdrawn';

export interface MyNoticeItem {
  id: number;
  estateId?: number;
  estateName: string;
  kind: NoticeKind;
  kindLabel: string;
  title: string;
  publisherName: string;
  publishedAt: string;
  pinned: boolean;
  read: boolean;
  state: NoticeState;
  stateLabel: string;
  expired: boolean;
  publicityStart: string | null;
  publicityEnd: string | null;
  correctsId: number | null;
  correctedById: number | null;
  sourceType?: string | null;
  sourceId?: number | null;
}
export interface MyNoticesResponse {
  items: MyNoticeItem[];
  total: number;
  unreadCount: number;
}
export interface MyNoticeDetail extends MyNoticeItem {
  body: string;
  attachments: AttachmentView[];
  withdrawReason: string | null;
  withdrawnAt?: string | null;
  expiresAt?: string | null;
}

export interface MyShare {
  unitId: number;
  unit: string;
  areaCenti: number;
  shareFen: number;
}
/** domain revenueTotals().byCategory: every category of both directions, zero or not */
export interface CategoryTotal {
  direction: 'income' | 'expense';
  category: string;
  label: string;
  amountFen: number;
}
export interface MyRevenueStatement {
  id: number;
  estateId: number;
  estateName: string;
  periodKind: 'month' | 'quarter';
  periodKey: string;
  periodLabel?: string;
  periodStart: string;
  periodEnd: string;
  openingFen: number;
  incomeFen: number;
  expenseFen: number;
  netFen: number;
  closingFen: number;
  note?: string | null;
  publishedAt: string;
  totalAreaCenti?: number;
  unitCount?: number;
  myShares: MyShare[];
}
export interface RevenueEntry {
  id: number;
  direction: 'income' | 'expense';
  category: string;
  categoryLabel?: string;
  counterparty: string;
  periodStart: string;
  periodEnd: string;
  bookedOn: string;
  amountFen: number;
  memo?: string | null;
  reversesId?: number | null;
}
export interface MyRevenueStatementDetail extends MyRevenueStatement {
  byCategory?: CategoryTotal[];
  entries?: RevenueEntry[];
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
  attachments?: AttachmentView[];
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
