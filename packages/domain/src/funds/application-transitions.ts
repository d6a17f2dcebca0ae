// The life of a maintenance-fund use application (issue 4) as data. Server routes, durable jobs
// and screens all read this one table; nothing here touches a database or a clock.
//
// Ordinary path (办法 第22、23条): submitted → a matter-5 item limited to the charging scope is
// put to the owners (in_vote) → passed: district review; failed: rejected.
// Emergency path (办法 第24条, 杭州 第73条): submitted → committee confirms → street office or
// community confirms → district review, with no owner vote. Either path, once approved: stages
// are paid, the committee accepts the works with owner representatives, the last stage is paid
// at settlement with the actual cost, and the outcome is published to the owners in scope.

export const FUND_APPLICATION_STATES = [
  'draft', 'submitted', 'in_vote', 'committee_confirmed', 'under_review', 'approved',
  'disbursing', 'accepted', 'settled', 'published', 'rejected', 'cancelled',
] as const;
export type FundApplicationState = (typeof FUND_APPLICATION_STATES)[number];

export type FundPath = 'ordinary' | 'emergency';

export type FundApplicationAction =
  | 'submit' | 'cancel' | 'put_to_vote' | 'vote_passed' | 'vote_failed' | 'vote_cancelled'
  | 'committee_confirm' | 'street_confirm' | 'refuse_emergency'
  | 'approve' | 'reject' | 'disburse' | 'accept' | 'settle' | 'publish';

/**
 * Who acts. `applicant`: the property company or committee that made the application;
 * `committee`: the estate's owners' committee; `street_office`: the street office or the
 * community it delegates (杭州 第73条); `district`: the district housing bureau, which reviews and
 * instructs the bank; `system`: a durable job or the meeting's result. The server maps a person
 * to a kind from their role and scope.
 */
export type FundActorKind = 'applicant' | 'committee' | 'street_office' | 'district' | 'system';

export interface FundApplicationTransition {
  action: FundApplicationAction;
  label: string;
  from: readonly FundApplicationState[];
  to: FundApplicationState;
  actors: readonly FundActorKind[];
  reasonRequired: boolean;
  /** only on this path (undefined: both) */
  path?: FundPath;
}

export const FUND_APPLICATION_TRANSITIONS: Readonly<Record<FundApplicationAction, FundApplicationTransition>> = {
  submit: { action: 'submit', label: '提交申请', from: ['draft'], to: 'submitted', actors: ['applicant'], reasonRequired: false },
  cancel: { action: 'cancel', label: '撤回申请', from: ['draft', 'submitted'], to: 'cancelled', actors: ['applicant'], reasonRequired: true },
  put_to_vote: { action: 'put_to_vote', label: '提交业主表决', from: ['submitted'], to: 'in_vote', actors: ['committee'], reasonRequired: false, path: 'ordinary' },
  vote_passed: { action: 'vote_passed', label: '业主表决通过', from: ['in_vote'], to: 'under_review', actors: ['system'], reasonRequired: false, path: 'ordinary' },
  vote_failed: { action: 'vote_failed', label: '业主表决未通过', from: ['in_vote'], to: 'rejected', actors: ['system'], reasonRequired: false, path: 'ordinary' },
  // the meeting was cancelled before its tally: the application waits for another meeting
  vote_cancelled: { action: 'vote_cancelled', label: '表决会议已取消', from: ['in_vote'], to: 'submitted', actors: ['system'], reasonRequired: false, path: 'ordinary' },
  committee_confirm: { action: 'committee_confirm', label: '业委会确认应急维修', from: ['submitted'], to: 'committee_confirmed', actors: ['committee'], reasonRequired: false, path: 'emergency' },
  street_confirm: { action: 'street_confirm', label: '街道（社区）确认应急维修', from: ['committee_confirmed'], to: 'under_review', actors: ['street_office'], reasonRequired: false, path: 'emergency' },
  // not an emergency after all: the application continues on the ordinary path (the server
  // sets path = 'ordinary'); the state stays `submitted` so the committee can put it to a vote
  refuse_emergency: { action: 'refuse_emergency', label: '不属于应急情形，转一般程序', from: ['submitted', 'committee_confirmed'], to: 'submitted', actors: ['committee', 'street_office'], reasonRequired: true, path: 'emergency' },
  approve: { action: 'approve', label: '审核通过', from: ['under_review'], to: 'approved', actors: ['district'], reasonRequired: false },
  reject: { action: 'reject', label: '审核不通过', from: ['under_review'], to: 'rejected', actors: ['district'], reasonRequired: true },
  // a stage before the last; the stage number is the caller's (one withdrawal per stage, DB-enforced)
  disburse: { action: 'disburse', label: '拨付阶段款项', from: ['approved', 'disbursing'], to: 'disbursing', actors: ['district'], reasonRequired: false },
  accept: { action: 'accept', label: '竣工验收', from: ['approved', 'disbursing'], to: 'accepted', actors: ['committee'], reasonRequired: false },
  // the actual cost is fixed and the last stage paid (or an over-withdrawal returned)
  settle: { action: 'settle', label: '结算', from: ['accepted'], to: 'settled', actors: ['district'], reasonRequired: false },
  publish: { action: 'publish', label: '向业主公布使用情况', from: ['settled'], to: 'published', actors: ['committee', 'applicant'], reasonRequired: false },
};

export const FUND_APPLICATION_STATE_LABELS: Readonly<Record<FundApplicationState, string>> = {
  draft: '草稿',
  submitted: '已提交',
  in_vote: '业主表决中',
  committee_confirmed: '业委会已确认',
  under_review: '区住建部门审核中',
  approved: '审核通过',
  disbursing: '拨付中',
  accepted: '已验收',
  settled: '已结算',
  published: '已公布',
  rejected: '未通过',
  cancelled: '已撤回',
};

export type FundTransitionRefusal = 'unknown_action' | 'wrong_state' | 'wrong_actor' | 'wrong_path' | 'reason_required';

export type FundTransitionResult =
  | { ok: true; from: FundApplicationState; to: FundApplicationState }
  | { ok: false; code: FundTransitionRefusal; message: string };

/** Whether `actor` may take `action` on an application in `state` on `path`, and where it leads. */
export function applyFundTransition(input: {
  state: FundApplicationState;
  path: FundPath;
  action: FundApplicationAction;
  actor: FundActorKind;
  reason?: string;
}): FundTransitionResult {
  const t = FUND_APPLICATION_TRANSITIONS[input.action];
  if (!t) return { ok: false, code: 'unknown_action', message: `未知操作：${String(input.action)}` };
  if (t.path && t.path !== input.path) {
    return { ok: false, code: 'wrong_path', message: `「${t.label}」只适用于${t.path === 'emergency' ? '应急' : '一般'}程序的申请` };
  }
  if (!t.from.includes(input.state)) {
    return { ok: false, code: 'wrong_state', message: `申请当前为「${FUND_APPLICATION_STATE_LABELS[input.state]}」，不能「${t.label}」` };
  }
  if (!t.actors.includes(input.actor)) return { ok: false, code: 'wrong_actor', message: `无权执行「${t.label}」` };
  if (t.reasonRequired && !input.reason?.trim()) return { ok: false, code: 'reason_required', message: `「${t.label}」须填写理由` };
  return { ok: true, from: input.state, to: t.to };
}

/** The actions `actor` could take now (for buttons; the server re-checks every one). */
export function availableFundActions(state: FundApplicationState, path: FundPath, actor: FundActorKind): FundApplicationAction[] {
  return (Object.values(FUND_APPLICATION_TRANSITIONS) as FundApplicationTransition[])
    .filter((t) => t.from.includes(state) && t.actors.includes(actor) && (!t.path || t.path === path))
    .map((t) => t.action);
}
