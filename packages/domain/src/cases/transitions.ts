import { CASE_STATE_LABELS, type CaseState } from './categories.ts';

// What may be done to a case in which state, as one table (who may do it — the rung's holder, the
// owner, a called department — is the server's check; this is only the state). Server routes and
// the `actions` of a case page read it, so a button and its route never disagree.

export const CASE_ACTIONS = [
  'respond', 'assign', 'note', 'resolve', 'confirm', 'reopen', 'escalate', 'merge', 'verify', 'call_departments', 'report',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export interface CaseActionRule {
  label: string;
  /** states in which the action is allowed */
  from: readonly CaseState[];
  /** the state afterwards; null: unchanged */
  to: CaseState | null;
}

export const CASE_ACTION_RULES: Readonly<Record<CaseAction, CaseActionRule>> = {
  // the first answer of the rung holding the case (after an escalation the case is open again)
  respond: { label: '响应', from: ['open'], to: 'in_progress' },
  // assigning a person counts as taking the case up
  assign: { label: '指派', from: ['open', 'in_progress'], to: 'in_progress' },
  // handlers may still add notes while the owner has not confirmed
  note: { label: '添加备注', from: ['open', 'in_progress', 'resolved'], to: null },
  resolve: { label: '办结', from: ['open', 'in_progress'], to: 'resolved' },
  confirm: { label: '确认办结并评价', from: ['resolved'], to: 'closed' },
  reopen: { label: '重新办理', from: ['resolved'], to: 'in_progress' },
  // by the owner's hand; also while resolved (the owner is not satisfied): back to open one rung up
  escalate: { label: '升级', from: ['open', 'in_progress', 'resolved'], to: 'open' },
  // the case merged away; the surviving case must be open or in progress too (the caller checks it)
  merge: { label: '合并', from: ['open', 'in_progress'], to: 'merged' },
  // a complaint found true may be verified at any time until it is merged away (once: verified_at)
  verify: { label: '核实', from: ['open', 'in_progress', 'resolved', 'closed'], to: null },
  // 吹哨: the street calls in departments; the level moves to department, the state stays
  call_departments: { label: '吹哨（召集部门）', from: ['open', 'in_progress'], to: null },
  // 报到: a called department reports while the case runs
  report: { label: '报到（部门反馈）', from: ['open', 'in_progress'], to: null },
};

export function isCaseActionAllowed(state: CaseState, action: CaseAction): boolean {
  return CASE_ACTION_RULES[action].from.includes(state);
}

/** Why `action` cannot be taken on a case in `state` (Chinese, for INVALID_TRANSITION), or null. */
export function caseActionRefusal(state: CaseState, action: CaseAction): string | null {
  const rule = CASE_ACTION_RULES[action];
  if (rule.from.includes(state)) return null;
  if (state === 'merged') return `案件已合并到其他案件，不能${rule.label}，请在合并后的案件中办理`;
  if (state === 'closed') return `案件已办结，不能${rule.label}`;
  if (action === 'respond') return '案件已响应，无需再次响应';
  if (state === 'resolved') return `案件已办结待业主确认，不能${rule.label}`;
  // confirm / reopen before the handler resolved it
  return `案件${CASE_STATE_LABELS[state]}，尚未办结，不能${rule.label}`;
}

/** The actions allowed in `state`, in table order. */
export function caseActionsIn(state: CaseState): CaseAction[] {
  return CASE_ACTIONS.filter((a) => isCaseActionAllowed(state, a));
}
