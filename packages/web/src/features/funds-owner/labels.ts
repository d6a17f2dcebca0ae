// The domain's own table, by file: the package index also exports code that needs node:crypto.
import {
  FUND_APPLICATION_STATE_LABELS,
  type FundApplicationState,
  type FundPath,
} from '../../../../domain/src/funds/application-transitions.ts';
import type { Lang } from '../../app/i18n.tsx';

// State names come from the domain table (the one the server enforces); what each state means
// for an owner, in plain words, lives here.

const STATE_EN: Record<FundApplicationState, string> = {
  draft: 'Draft', submitted: 'Submitted', in_vote: 'Owners voting', committee_confirmed: 'Committee confirmed',
  under_review: 'District review', approved: 'Approved', disbursing: 'Being paid', accepted: 'Works accepted',
  settled: 'Settled', published: 'Published', rejected: 'Not approved', cancelled: 'Withdrawn',
};

const STATE_COLOR: Record<FundApplicationState, string> = {
  draft: 'default', submitted: 'default', in_vote: 'blue', committee_confirmed: 'gold', under_review: 'orange',
  approved: 'green', disbursing: 'cyan', accepted: 'cyan', settled: 'purple', published: 'purple',
  rejected: 'red', cancelled: 'default',
};

export function fundStateLabel(s: FundApplicationState, lang: Lang): string {
  return lang === 'en' ? STATE_EN[s] ?? s : FUND_APPLICATION_STATE_LABELS[s] ?? s;
}
export const fundStateColor = (s: FundApplicationState): string => STATE_COLOR[s] ?? 'default';

const EXPLAIN_ZH: Record<FundApplicationState, string> = {
  draft: '申请人还在起草，尚未提交',
  submitted: '申请已提交，等待业主委员会提请业主大会表决',
  in_vote: '正在由分摊范围内的业主表决，请在「我的表决」中投票',
  committee_confirmed: '业主委员会已确认属于应急情形，等待街道办事处（社区）确认',
  under_review: '正在由区住房城乡建设部门审核',
  approved: '审核通过，施工后按阶段从维修资金中拨付工程款',
  disbursing: '工程进行中，已按阶段拨付部分工程款',
  accepted: '工程已竣工验收，等待按实际费用结算',
  settled: '已按实际费用结算，等待向业主公布',
  published: '已完成，实际费用和每户分摊已向业主公布',
  rejected: '申请未通过，不会从您的维修资金中支出',
  cancelled: '申请人已撤回申请，不会从您的维修资金中支出',
};
const EXPLAIN_EMERGENCY_SUBMITTED = '应急维修申请已提交，等待业主委员会确认';

const EXPLAIN_EN: Record<FundApplicationState, string> = {
  draft: 'Being drafted, not submitted yet',
  submitted: 'Submitted; waiting for the committee to put it to the owners’ meeting',
  in_vote: 'The owners in scope are voting on it: vote in My votes',
  committee_confirmed: 'The committee confirmed the emergency; waiting for the street office (community)',
  under_review: 'Under review by the district housing bureau',
  approved: 'Approved; the contractor is paid in stages from the fund',
  disbursing: 'Works under way; part of the cost has been paid',
  accepted: 'Works accepted; waiting for settlement at the actual cost',
  settled: 'Settled at the actual cost; waiting to be published',
  published: 'Done: the actual cost and each unit’s share are published',
  rejected: 'Not approved: nothing is paid from your fund',
  cancelled: 'Withdrawn by the applicant: nothing is paid from your fund',
};

/** what the state means for the owner, in a sentence */
export function fundStateExplain(s: FundApplicationState, path: FundPath, lang: Lang): string {
  if (lang === 'en') return s === 'submitted' && path === 'emergency' ? 'Emergency repair submitted; waiting for the committee to confirm' : EXPLAIN_EN[s] ?? s;
  return s === 'submitted' && path === 'emergency' ? EXPLAIN_EMERGENCY_SUBMITTED : EXPLAIN_ZH[s] ?? s;
}

/** a reviewer's rejection on one of the four exclusions (办法 第25条), as an owner reads it */
const EXCLUSION_ZH: Record<string, string> = {
  warranty: '仍在保修期内，应由建设单位负责维修',
  utility: '属于供水、供电、供气等专业经营单位负责的设施',
  personDamage: '损坏由他人造成，应由责任人承担费用',
  companyUpkeep: '属于物业服务企业按合同应负责的日常养护',
};
const EXCLUSION_EN: Record<string, string> = {
  warranty: 'still under the developer’s warranty',
  utility: 'a facility the utility company maintains',
  personDamage: 'damage caused by an identified person, who pays',
  companyUpkeep: 'upkeep the property company owes under its contract',
};
export function exclusionText(key: string, lang: Lang): string {
  return (lang === 'en' ? EXCLUSION_EN : EXCLUSION_ZH)[key] ?? key;
}

/** states after which the decision of the district is known */
export const DECIDED_STATES: readonly FundApplicationState[] = ['approved', 'disbursing', 'accepted', 'settled', 'published'];
