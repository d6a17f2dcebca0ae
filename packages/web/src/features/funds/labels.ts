// Chinese labels of the fund screens. They mirror the domain's tables (packages/domain/src/funds:
// FUND_APPLICATION_STATE_LABELS, FUND_APPLICATION_TRANSITIONS, FUND_WORK_CATEGORIES,
// FUND_EXCLUSIONS, MOVEMENT_KIND_LABELS): the web bundle does not import the domain package,
// whose index also pulls in server-side code. The server's own labels win where it sends them.

export const FUND_STATES = [
  'draft', 'submitted', 'in_vote', 'committee_confirmed', 'under_review', 'approved',
  'disbursing', 'accepted', 'settled', 'published', 'rejected', 'cancelled',
] as const;
export type FundState = (typeof FUND_STATES)[number];
export type FundPath = 'ordinary' | 'emergency';

export const FUND_STATE_LABELS: Record<FundState, string> = {
  draft: '草稿', submitted: '已提交', in_vote: '业主表决中', committee_confirmed: '业委会已确认',
  under_review: '区住建部门审核中', approved: '审核通过', disbursing: '拨付中', accepted: '已验收',
  settled: '已结算', published: '已公布', rejected: '未通过', cancelled: '已撤回',
};

export const FUND_STATE_COLORS: Record<FundState, string> = {
  draft: 'default', submitted: 'orange', in_vote: 'blue', committee_confirmed: 'cyan', under_review: 'gold',
  approved: 'green', disbursing: 'geekblue', accepted: 'purple', settled: 'magenta', published: 'success',
  rejected: 'red', cancelled: 'default',
};

export const PATH_LABELS: Record<FundPath, string> = { ordinary: '一般程序', emergency: '应急使用' };

export const FUND_ACTION_LABELS: Record<string, string> = {
  submit: '提交申请', cancel: '撤回申请', put_to_vote: '提交业主表决', committee_confirm: '业委会确认应急维修',
  street_confirm: '街道（社区）确认', refuse_emergency: '不属于应急，转一般程序', approve: '审核通过',
  reject: '审核不通过', disburse: '拨付阶段款项', accept: '竣工验收', settle: '结算', publish: '向业主公布',
  vote_passed: '业主表决通过', vote_failed: '业主表决未通过', vote_cancelled: '表决会议已取消',
  create: '创建申请', update: '修改申请',
};

export const APPLICANT_LABELS: Record<string, string> = { committee: '业主委员会', company: '物业服务企业' };

/** FUND_WORK_CATEGORIES of the domain */
export const WORK_CATEGORIES: { code: string; label: string }[] = [
  { code: 'elevator', label: '电梯' },
  { code: 'roof', label: '屋顶（屋面防水）' },
  { code: 'exterior_wall', label: '外墙' },
  { code: 'water_pump', label: '水泵、水箱（二次供水）' },
  { code: 'drainage', label: '排水设施' },
  { code: 'fire_system', label: '消防设施' },
  { code: 'wall_road', label: '围墙、道路' },
  { code: 'accessibility', label: '无障碍设施' },
  { code: 'other', label: '其他共用部位、共用设施设备' },
];

export function categoryLabel(code: string | null | undefined, list = WORK_CATEGORIES): string {
  if (!code) return '—';
  return list.find((c) => c.code === code)?.label ?? code;
}

/** FUND_EXCLUSIONS of the domain (办法 第二十五条): what the applicant declares does NOT apply */
export const EXCLUSIONS: { key: 'warranty' | 'utility' | 'personDamage' | 'companyUpkeep'; label: string }[] = [
  { key: 'warranty', label: '依法应当由建设单位或者施工单位承担的维修、更新和改造费用（保修期内）' },
  { key: 'utility', label: '依法应当由相关单位承担的供水、供电、供气、供热、通信、有线电视等管线和设施设备的维修、养护费用' },
  { key: 'personDamage', label: '应当由当事人承担的因人为损坏共用部位、共用设施设备所需的修复费用' },
  { key: 'companyUpkeep', label: '根据物业服务合同约定，应当由物业服务企业承担的维修和养护费用' },
];
export const EXCLUSION_SHORT: Record<string, string> = {
  warranty: '保修期内', utility: '专业经营单位设施', personDamage: '人为损坏（责任人承担）', companyUpkeep: '物业合同约定的养护',
};

export const MOVEMENT_KIND_LABELS: Record<string, string> = {
  deposit: '首期交存', replenishment: '续筹', interest: '利息分配', withdrawal: '使用支出',
  reversal: '结算退回', refund: '退还业主',
};

export const ATTACHMENT_KINDS: Record<string, string> = {
  quote: '施工报价', photo: '现场照片', evidence: '应急证明', inspection: '检测报告/整改通知',
  acceptance: '验收记录', invoice: '发票',
};

export const CONFIRMATION_LABELS: Record<string, string> = {
  committee: '业委会确认', street: '街道（社区）确认', street_office: '街道（社区）确认', acceptance: '竣工验收',
};

/** EMERGENCY_LISTS of the domain (codes and labels; the sources are in the domain file) */
export const EMERGENCY_LISTS: Record<string, { label: string; categories: { code: string; label: string }[] }> = {
  national: {
    label: '全国（住房城乡建设部）',
    categories: [
      { code: 'roof_leak', label: '屋面防水损坏造成渗漏' },
      { code: 'elevator', label: '电梯故障危及人身安全' },
      { code: 'water_pump', label: '高层住宅水泵损坏导致供水中断' },
      { code: 'facade_falling', label: '楼体单侧外立面五分之一以上有脱落危险' },
      { code: 'drainage', label: '专用排水设施因坍塌、堵塞、爆裂等造成功能障碍，危及人身财产安全' },
      { code: 'fire_system', label: '消防系统出现功能障碍，消防管理部门要求对消防设施设备维修、更新、改造' },
    ],
  },
  shanghai: {
    label: '上海市',
    categories: [
      { code: 'water_pump', label: '水泵、水箱（池）故障，影响正常使用' },
      { code: 'elevator', label: '电梯故障，电梯专业检测机构出具整改通知书要求停运' },
      { code: 'fire_system', label: '火灾自动报警系统、自动喷淋系统、消火栓系统损坏，消防部门出具整改通知书' },
      { code: 'facade_falling', label: '外墙墙面、建筑附属构件有脱落危险，经有资质的鉴定机构出具证明' },
      { code: 'roof_wall_leak', label: '屋顶或外墙渗漏等情况，严重影响房屋使用，经有资质的鉴定机构出具证明' },
    ],
  },
  hangzhou: {
    label: '杭州市',
    categories: [
      { code: 'elevator', label: '电梯严重故障' },
      { code: 'fire_system', label: '消防设施、器材严重损坏' },
      { code: 'facade_falling', label: '建筑外立面存在脱落危险' },
      { code: 'wall_road_collapse', label: '围墙、道路坍塌' },
      { code: 'roof_wall_leak', label: '屋顶、外墙渗漏' },
      { code: 'drainage', label: '排水设施严重堵塞或者损坏' },
    ],
  },
  shenzhen: {
    label: '深圳市',
    categories: [
      { code: 'elevator_fire', label: '电梯、消防设施发生故障' },
      { code: 'facade_leak', label: '外墙墙面存在脱落危险、外墙或者屋顶出现渗漏等情况' },
      { code: 'other_danger', label: '其他危及物业安全的紧急情况' },
    ],
  },
};

/**
 * Offered after the city's list on purpose: work no list covers. The server refuses it at
 * submission (FUND_NOT_EMERGENCY) and the applicant reads why, in Chinese, on the page.
 */
export const UNLISTED_EMERGENCY = { code: 'unlisted', label: '其他（本市应急目录未列明的情形）' };

export function emergencyOptions(list: string | undefined): { code: string; label: string }[] {
  return [...(EMERGENCY_LISTS[list ?? 'national'] ?? EMERGENCY_LISTS.national).categories, UNLISTED_EMERGENCY];
}

/** Replaces a category code quoted in a server message (“roof_leak”) by its Chinese label. */
export function readableCodes(message: string): string {
  return message.replace(/“([a-z_]+)”/g, (m, code: string) => {
    if (code === UNLISTED_EMERGENCY.code) return `“${UNLISTED_EMERGENCY.label}”`;
    for (const l of Object.values(EMERGENCY_LISTS)) {
      const c = l.categories.find((x) => x.code === code);
      if (c) return `“${c.label}”`;
    }
    return m;
  });
}
