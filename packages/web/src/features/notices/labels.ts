import type { NoticeAudience, NoticeKind, NoticeState, QuestionState } from './types.ts';

export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = { notice: '通知', announcement: '公告', publicity: '公示' };
export const NOTICE_STATE_LABELS: Record<NoticeState, string> = { draft: '草稿', published: '已发布', withdrawn: '已撤回' };
export const NOTICE_STATE_COLORS: Record<NoticeState, string> = { draft: 'default', published: 'green', withdrawn: 'red' };

/** what officials may choose when composing (units-level audiences come from the other modules) */
export const AUDIENCE_OPTIONS: { value: NoticeAudience; label: string }[] = [
  { value: 'estate', label: '全体业主（本小区）' },
  { value: 'owners', label: '全体业主（已登记）' },
  { value: 'buildings', label: '部分楼栋' },
  { value: 'committee', label: '业委会' },
];
export const AUDIENCE_LABELS: Record<NoticeAudience, string> = {
  estate: '全体业主（本小区）', owners: '全体业主（已登记）', buildings: '部分楼栋', units: '指定房屋', committee: '业委会',
};

export const PUBLISHER_KIND_LABELS: Record<string, string> = {
  company: '物业服务企业', committee: '业主委员会', community: '社区居委会', street_office: '街道办事处', district: '区住建局', platform: '平台',
};

export const SOURCE_LABELS: Record<string, string> = {
  meeting: '业主大会', fund_application: '维修资金使用', fund_statement: '维修资金账目', revenue_statement: '公共收益', disclosure_filing: '公示备案',
};

export const QUESTION_STATE_LABELS: Record<QuestionState, string> = { open: '待答复', escalated: '已逾期转社区', answered: '已答复' };
export const QUESTION_STATE_COLORS: Record<QuestionState, string> = { open: 'blue', escalated: 'red', answered: 'green' };
export const RESPONSIBLE_LABELS: Record<string, string> = { company: '物业服务企业', committee: '业主委员会' };
export const SUBJECT_LABELS: Record<string, string> = {
  notice: '公告通知', revenue_statement: '公共收益报表', revenue_entry: '公共收益收支', disclosure_filing: '公示备案',
  fund_statement: '维修资金账目', fund_application: '维修资金使用', meeting: '业主大会',
};

