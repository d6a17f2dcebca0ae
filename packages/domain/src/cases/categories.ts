// Cases (issue 6): the categories an owner files under, the priorities, and the rungs of the
// escalation ladder. One list each, used by the server, the web and the tests.

export const CASE_CATEGORIES = [
  'common_repair', 'cleaning', 'security', 'parking', 'noise', 'fees',
  'committee_conduct', 'company_conduct', 'illegal_construction', 'fire_safety', 'other',
] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

export const CASE_CATEGORY_LABELS: Record<CaseCategory, string> = {
  common_repair: '共用部位报修',
  cleaning: '保洁与环境',
  security: '安全秩序',
  parking: '停车管理',
  noise: '噪音扰民',
  fees: '收费问题',
  committee_conduct: '业委会履职',
  company_conduct: '物业服务',
  illegal_construction: '违章搭建',
  fire_safety: '消防安全',
  other: '其他',
};

export const CASE_PRIORITIES = ['normal', 'urgent'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];
export const CASE_PRIORITY_LABELS: Record<CasePriority, string> = { normal: '一般', urgent: '紧急' };

export const CASE_STATES = ['open', 'in_progress', 'resolved', 'closed', 'merged'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CASE_STATE_LABELS: Record<CaseState, string> = {
  open: '待响应', in_progress: '处理中', resolved: '待业主确认', closed: '已办结', merged: '已合并',
};

export const CASE_LOCATION_KINDS = ['estate', 'building', 'unit', 'common_area'] as const;
export type CaseLocationKind = (typeof CASE_LOCATION_KINDS)[number];
/** A case about a unit is private (its owner, followers and handlers); the rest are common. */
export const isCommonLocation = (k: CaseLocationKind): boolean => k !== 'unit';

/** The rungs, bottom to top: company → committee (or its secretary) → community → street office
 *  (吹哨) → the departments it calls in (报到). */
export const CASE_LEVELS = ['company', 'committee', 'community', 'street', 'department'] as const;
export type CaseLevel = (typeof CASE_LEVELS)[number];
export const CASE_LEVEL_LABELS: Record<CaseLevel, string> = {
  company: '物业服务企业', committee: '业主委员会', community: '社区居委会', street: '街道办事处', department: '职能部门',
};

/** Who handles a case at a rung: the committee's rung may be held by its secretary. */
export const CASE_PARTIES = ['company', 'committee', 'secretary', 'community', 'street', 'department'] as const;
export type CaseParty = (typeof CASE_PARTIES)[number];
export const CASE_PARTY_LABELS: Record<CaseParty, string> = {
  company: '物业服务企业', committee: '业主委员会', secretary: '业委会专职秘书', community: '社区居委会', street: '街道办事处', department: '职能部门',
};
export const levelOfParty = (p: CaseParty): CaseLevel => (p === 'secretary' ? 'committee' : p);

/** The next rung up, or null at the top. Escalation only ever goes one rung (no skipping). */
export function nextLevel(level: CaseLevel): CaseLevel | null {
  const i = CASE_LEVELS.indexOf(level);
  return i >= 0 && i < CASE_LEVELS.length - 1 ? CASE_LEVELS[i + 1]! : null;
}

export const DEPARTMENT_KINDS = ['urban_management', 'fire', 'market_supervision', 'police', 'housing', 'other'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];
export const DEPARTMENT_KIND_LABELS: Record<DepartmentKind, string> = {
  urban_management: '城市管理', fire: '消防救援', market_supervision: '市场监管', police: '公安派出所', housing: '住房建设', other: '其他部门',
};
