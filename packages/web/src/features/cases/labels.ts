// Chinese labels of the cases screens (officials). They mirror the domain's tables
// (packages/domain/src/cases/categories.ts: CASE_CATEGORY_LABELS, CASE_STATE_LABELS, ...): the web
// bundle does not import the domain package, whose index also pulls in server-side code. The
// server's own labels win where it sends them (categoryLabel, stateLabel, levelLabel).

export const CASE_CATEGORY_LABELS: Record<string, string> = {
  common_repair: '共用部位报修', cleaning: '保洁与环境', security: '安全秩序', parking: '停车管理', noise: '噪音扰民',
  fees: '收费问题', committee_conduct: '业委会履职', company_conduct: '物业服务', illegal_construction: '违章搭建',
  fire_safety: '消防安全', other: '其他',
};
export const CASE_CATEGORIES = Object.keys(CASE_CATEGORY_LABELS);

export const CASE_PRIORITY_LABELS: Record<string, string> = { normal: '一般', urgent: '紧急' };

export const CASE_STATE_LABELS: Record<string, string> = {
  open: '待响应', in_progress: '处理中', resolved: '待业主确认', closed: '已办结', merged: '已合并',
};
export const CASE_STATE_COLORS: Record<string, string> = {
  open: 'orange', in_progress: 'blue', resolved: 'cyan', closed: 'green', merged: 'default',
};

export const CASE_LEVEL_LABELS: Record<string, string> = {
  company: '物业服务企业', committee: '业主委员会', community: '社区居委会', street: '街道办事处', department: '职能部门',
};
export const CASE_LEVELS = Object.keys(CASE_LEVEL_LABELS);

/** who may hold a category by the routing rules (the ladder's parties less the street, which only receives escalations) */
export const ROUTING_PARTY_LABELS: Record<string, string> = {
  company: '物业服务企业', committee: '业主委员会', secretary: '业委会专职秘书', community: '社区居委会', department: '职能部门',
};

export const DEPARTMENT_KIND_LABELS: Record<string, string> = {
  urban_management: '城市管理', fire: '消防救援', market_supervision: '市场监管', police: '公安派出所', housing: '住房建设', other: '其他部门',
};

export const DEADLINE_UNIT_LABELS: Record<string, string> = { working_hours: '工作小时', working_days: '工作日' };

/** The actions the server may offer on a case page, in the order the buttons show. */
export const CASE_ACTION_LABELS: Record<string, string> = {
  respond: '响应', assign: '指派', note: '记录办理情况', resolve: '办结', callDepartments: '吹哨（召集部门）',
  report: '报到', verify: '核实投诉', merge: '合并',
};

/**
 * The running deadline as an official reads it in a queue: '已超时' once the server says so, else
 * the wall-clock time left to the due time (the due time itself is in working terms: the server
 * counts it with the holiday calendar).
 */
export function dueText(dueAt: string | null | undefined, overdue: boolean, now = Date.now()): { text: string; late: boolean } | null {
  if (overdue) return { text: '已超时', late: true };
  if (!dueAt) return null;
  const ms = new Date(dueAt).getTime() - now;
  if (ms <= 0) return { text: '已超时', late: true };
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return { text: `${Math.max(minutes, 1)} 分钟后到期`, late: false };
  const hours = Math.floor(minutes / 60);
  if (hours < 72) return { text: `${hours} 小时后到期`, late: false };
  return { text: `${Math.floor(hours / 24)} 天后到期`, late: false };
}

/** YYYY-MM-DD in Asia/Shanghai (the platform's calendar) */
export function shanghaiDate(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}
