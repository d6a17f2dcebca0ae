// Labels and lists of the cases screens (officials) are the domain's own (categories.ts: "one
// list each, used by the server, the web and the tests"); the build tree-shakes the rest of the
// package. The server's labels win where it sends them (categoryLabel, stateLabel, levelLabel).
// Only the tag colours and button names are the screens' own.
import {
  CASE_CATEGORIES, CASE_CATEGORY_LABELS, CASE_DEADLINE_UNIT_LABELS, CASE_LEVEL_LABELS, CASE_LEVELS, CASE_PARTY_LABELS,
  CASE_PRIORITY_LABELS, CASE_ROUTING_PARTIES, CASE_STATE_LABELS, WORKING_DAY_MINUTES, workingMinutesLeft, type CaseState,
} from '@gongzhi/domain';

/** YYYY-MM-DD in Asia/Shanghai (the platform's calendar) */
export { shanghaiDate } from '@gongzhi/domain';

export { CASE_CATEGORIES, CASE_CATEGORY_LABELS, CASE_DEADLINE_UNIT_LABELS, CASE_LEVEL_LABELS, CASE_LEVELS, CASE_PRIORITY_LABELS, CASE_STATE_LABELS };

/** label of a value of one of the domain's tables, or the value itself */
export const labelOf = (table: Record<string, string>, v: string): string => table[v] ?? v;

/** a state's tag colour, the same on the officials' screens and the owner's phone */
export const CASE_STATE_COLORS: Record<CaseState, string> & Record<string, string | undefined> = {
  open: 'orange', in_progress: 'blue', resolved: 'cyan', closed: 'green', merged: 'default',
};

/** who may receive a category first, by the routing rules (the street only receives escalations) */
export const ROUTING_PARTY_OPTIONS = CASE_ROUTING_PARTIES.map((p) => ({ value: p, label: CASE_PARTY_LABELS[p] }));

/** how a case went up a rung: the deadline passed, the owner asked (below the street), or the street's own 吹哨 */
export const escalationHowLabel = (e: { byKind: string; fromLevel: string }): string =>
  e.byKind === 'auto' ? '超时自动' : e.fromLevel === 'street' ? '街道吹哨' : '业主申请';

/** The actions the server may offer on a case page, in the order the buttons show. */
export const CASE_ACTION_LABELS: Record<string, string> = {
  respond: '响应', assign: '指派', note: '记录办理情况', resolve: '办结', callDepartments: '吹哨（召集部门）',
  report: '报到', verify: '核实投诉', merge: '合并',
};

/**
 * The running deadline as an official reads it in a queue: '已超时' once the server says so (or the
 * due time has passed), else the time left in working terms (09:00–18:00 on the mainland's working
 * days, the domain's own count): 'x 分钟后到期', 'x 工作小时后到期', or 'x 个工作日后到期' when more
 * than three working days are left.
 */
export function dueText(dueAt: string | null | undefined, overdue: boolean, now = new Date()): { text: string; late: boolean } | null {
  if (overdue) return { text: '已超时', late: true };
  if (!dueAt) return null;
  const left = workingMinutesLeft(now, new Date(dueAt));
  if (left < 0) return { text: '已超时', late: true };
  if (left < 60) return { text: `${Math.max(left, 1)} 分钟后到期`, late: false };
  if (left < 3 * WORKING_DAY_MINUTES) return { text: `${Math.floor(left / 60)} 工作小时后到期`, late: false };
  return { text: `${Math.floor(left / WORKING_DAY_MINUTES)} 个工作日后到期`, late: false };
}
