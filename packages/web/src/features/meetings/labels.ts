// Chinese labels of the meetings screens. They mirror the domain's tables (packages/domain:
// MATTERS, MEETING_STATE_LABELS, RULE_PROFILES): the web bundle does not import the domain
// package, whose index also pulls in server-side code.

export const MEETING_STATES = [
  'draft', 'submitted', 'approved', 'notice_published', 'voting_open', 'closed',
  'tallied', 'result_published', 'objection_period', 'final', 'cancelled',
] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

export const STATE_LABELS: Record<MeetingState, string> = {
  draft: '草稿', submitted: '待审核', approved: '已审核', notice_published: '已公告', voting_open: '投票中',
  closed: '投票结束', tallied: '已计票', result_published: '结果已公布', objection_period: '异议期',
  final: '已生效', cancelled: '已取消',
};

export const STATE_COLORS: Record<MeetingState, string> = {
  draft: 'default', submitted: 'orange', approved: 'cyan', notice_published: 'blue', voting_open: 'green',
  closed: 'purple', tallied: 'geekblue', result_published: 'magenta', objection_period: 'gold',
  final: 'success', cancelled: 'red',
};

export type ConvenerKind = 'committee' | 'preparatory_group' | 'renewal_group' | 'street_office' | 'acting_body';
export const CONVENER_LABELS: Record<ConvenerKind, string> = {
  committee: '业主委员会',
  preparatory_group: '筹备组',
  renewal_group: '换届小组',
  street_office: '街道办事处',
  acting_body: '代行机构（物业管理委员会等）',
};

export type RuleProfileId = 'civil-code-2021' | 'shanghai-2020' | 'ningbo-2021';
export const RULE_PROFILES: Record<RuleProfileId, { name: string; explain: string }> = {
  'civil-code-2021': {
    name: '民法典（全国基准）',
    explain: '按民法典第二百七十八条计票：参与表决须专有部分面积和人数均占三分之二以上；一般事项须参与表决面积和人数均过半数同意，第6–8项须四分之三以上同意。共有人任一人可投票；口头委托计入但标记复核。',
  },
  'shanghai-2020': {
    name: '上海市住宅物业管理规定（2020）',
    explain: '在民法典基准上，未经书面委托的代理投票无效（上海第18条）。其余与全国基准相同。',
  },
  'ningbo-2021': {
    name: '宁波市住宅小区物业管理条例（2021）',
    explain: '共有房屋只能由指定的共有人投票（宁波第18条）；车位面积不计入专有部分面积。其余与全国基准相同。',
  },
};

export interface MatterInfo { matter: number; name: string; approval: 'majority' | 'three-quarters' }
/** 民法典 第278条: the nine matters and the approval each takes (participation is 2/3 for all). */
export const MATTERS: MatterInfo[] = [
  { matter: 1, name: '制定和修改业主大会议事规则', approval: 'majority' },
  { matter: 2, name: '制定和修改管理规约', approval: 'majority' },
  { matter: 3, name: '选举业主委员会或者更换业主委员会成员', approval: 'majority' },
  { matter: 4, name: '选聘和解聘物业服务企业或者其他管理人', approval: 'majority' },
  { matter: 5, name: '使用建筑物及其附属设施的维修资金', approval: 'majority' },
  { matter: 6, name: '筹集建筑物及其附属设施的维修资金', approval: 'three-quarters' },
  { matter: 7, name: '改建、重建建筑物及其附属设施', approval: 'three-quarters' },
  { matter: 8, name: '改变共有部分的用途或者利用共有部分从事经营活动', approval: 'three-quarters' },
  { matter: 9, name: '有关共有和共同管理权利的其他重大事项', approval: 'majority' },
];

export function matterName(matter: number): string {
  return MATTERS[matter - 1]?.name ?? `事项 ${matter}`;
}

/** The thresholds of a matter in words, as the notice prints them. */
export function thresholdText(matter: number): string {
  const m = MATTERS[matter - 1];
  const approval = m?.approval === 'three-quarters'
    ? '参与表决专有部分面积四分之三以上且参与表决人数四分之三以上同意'
    : '参与表决专有部分面积过半数且参与表决人数过半数同意';
  return `专有部分面积占比三分之二以上且人数占比三分之二以上的业主参与表决；${approval}`;
}

export const ACTION_LABELS: Record<string, string> = {
  submit: '提交审核', approve: '审核通过', reject: '退回修改', publish_notice: '发布会议公告',
  open_voting: '开始投票', close: '结束投票', tally: '计票', publish_result: '公布表决结果',
  start_objection_period: '进入异议期', finalise: '结果生效', cancel: '取消会议',
};

export const CHOICE_LABELS: Record<string, string> = { yes: '同意', no: '反对', abstain: '弃权', spoiled: '废票' };

export const PROXY_STATUS: Record<string, { label: string; color: string }> = {
  pending: { label: '待审核', color: 'orange' },
  approved: { label: '已生效', color: 'green' },
  rejected: { label: '已驳回', color: 'red' },
  revoked: { label: '已撤销', color: 'default' },
};

export const PAPER_STATUS: Record<string, { label: string; color: string }> = {
  pending: { label: '待复核', color: 'orange' },
  current: { label: '已确认（有效）', color: 'green' },
  confirmed: { label: '已确认', color: 'green' },
  superseded: { label: '已被替代', color: 'default' },
  overridden: { label: '已确认（被网络投票覆盖）', color: 'default' },
  rejected: { label: '已退回', color: 'red' },
};

export const FLAG_LABELS: Record<string, string> = {
  same_ip_burst: '同一地址短时间内大量投票',
  same_device_burst: '同一设备短时间内大量投票',
  proxy_concentration: '同一代理人代理多名业主',
  high_paper_share: '纸质票比例偏高',
  deadline_burst: '截止前集中投票',
  frequent_changes: '多次修改投票',
  late_binding: '投票前不久才绑定的业主',
};
