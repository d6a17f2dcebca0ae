// The meeting lifecycle as data (issue 3, "Meetings"). Server routes, durable jobs and the UI
// all read this one table; nothing here touches a database or a clock.

export const MEETING_STATES = [
  'draft', 'submitted', 'approved', 'notice_published', 'voting_open', 'closed',
  'tallied', 'result_published', 'objection_period', 'final', 'cancelled',
] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

export type MeetingAction =
  | 'submit' | 'approve' | 'reject' | 'publish_notice' | 'open_voting' | 'close'
  | 'tally' | 'publish_result' | 'start_objection_period' | 'finalise' | 'cancel';

/**
 * Who performs a transition. `convener` is whichever body convenes this meeting (see
 * ConvenerKind) — when the street office itself convenes, its officers act as `convener` for
 * convener steps and as `street_office` for approval; the server maps the user to the kind.
 * `system` is a durable job (e.g. closing at the end of the voting window).
 */
export type ActorKind = 'convener' | 'street_office' | 'system';

/** 召集人: 业主委员会, 筹备组, 换届小组, 街道办事处, 代行机构 (e.g. 北京 物业管理委员会 第52–57条). */
export type ConvenerKind = 'committee' | 'preparatory_group' | 'renewal_group' | 'street_office' | 'acting_body';
export const CONVENER_KINDS: readonly ConvenerKind[] = ['committee', 'preparatory_group', 'renewal_group', 'street_office', 'acting_body'];

/** A moment the transition may not happen before; its value is supplied by the caller. */
export type TimingKey = 'votingOpensAt' | 'votingClosesAt' | 'objectionEndsAt';
export type MeetingTiming = Partial<Record<TimingKey, number>>;

export interface MeetingTransition {
  action: MeetingAction;
  label: string;
  from: readonly MeetingState[];
  to: MeetingState;
  actors: readonly ActorKind[];
  /** The actor must give a reason (cancel, reject). */
  reasonRequired: boolean;
  /** Refused while `now` (epoch ms) is before this moment. */
  notBefore?: TimingKey;
}

/** Every state from which a meeting can still be cancelled: anything before the tally. */
const CANCELLABLE: readonly MeetingState[] = ['draft', 'submitted', 'approved', 'notice_published', 'voting_open', 'closed'];

export const MEETING_TRANSITIONS: Readonly<Record<MeetingAction, MeetingTransition>> = {
  submit: { action: 'submit', label: '提交审核', from: ['draft'], to: 'submitted', actors: ['convener'], reasonRequired: false },
  approve: { action: 'approve', label: '审核通过', from: ['submitted'], to: 'approved', actors: ['street_office'], reasonRequired: false },
  // A rejection returns the meeting to draft so the convener can correct and resubmit; the
  // reason is kept (audit) rather than a terminal `rejected` state, which would force a new meeting.
  reject: { action: 'reject', label: '退回修改', from: ['submitted'], to: 'draft', actors: ['street_office'], reasonRequired: true },
  publish_notice: { action: 'publish_notice', label: '发布会议公告', from: ['approved'], to: 'notice_published', actors: ['convener'], reasonRequired: false },
  open_voting: { action: 'open_voting', label: '开始投票', from: ['notice_published'], to: 'voting_open', actors: ['system'], reasonRequired: false, notBefore: 'votingOpensAt' },
  close: { action: 'close', label: '结束投票', from: ['voting_open'], to: 'closed', actors: ['system'], reasonRequired: false, notBefore: 'votingClosesAt' },
  tally: { action: 'tally', label: '计票', from: ['closed'], to: 'tallied', actors: ['system'], reasonRequired: false },
  publish_result: { action: 'publish_result', label: '公布表决结果', from: ['tallied'], to: 'result_published', actors: ['convener'], reasonRequired: false },
  start_objection_period: { action: 'start_objection_period', label: '进入异议期', from: ['result_published'], to: 'objection_period', actors: ['system'], reasonRequired: false },
  finalise: { action: 'finalise', label: '结果生效', from: ['objection_period'], to: 'final', actors: ['system'], reasonRequired: false, notBefore: 'objectionEndsAt' },
  // The convener may withdraw its meeting; the street office may stop one (物业管理条例 第19条第2款
  // lets it order correction). After the tally the result exists and only a court may revoke it.
  cancel: { action: 'cancel', label: '取消会议', from: CANCELLABLE, to: 'cancelled', actors: ['convener', 'street_office'], reasonRequired: true },
};

export const MEETING_ACTIONS = Object.keys(MEETING_TRANSITIONS) as MeetingAction[];

export const MEETING_STATE_LABELS: Readonly<Record<MeetingState, string>> = {
  draft: '草稿', submitted: '待审核', approved: '已审核', notice_published: '已公告', voting_open: '投票中',
  closed: '投票结束', tallied: '已计票', result_published: '结果已公布', objection_period: '异议期',
  final: '已生效', cancelled: '已取消',
};

const ACTOR_LABELS: Readonly<Record<ActorKind, string>> = { convener: '召集人', street_office: '街道办事处', system: '系统任务' };

export type TransitionRefusalCode = 'unknown_action' | 'wrong_state' | 'wrong_actor' | 'reason_required' | 'too_early';
export interface TransitionRefusal {
  ok: false;
  code: TransitionRefusalCode;
  /** The offending input: `action`, `state`, `actor`, `reason`, `now`. */
  field: string;
  message: string;
}
export type TransitionResult = { ok: true; from: MeetingState; to: MeetingState; transition: MeetingTransition } | TransitionRefusal;

export function isMeetingAction(s: unknown): s is MeetingAction {
  return typeof s === 'string' && Object.hasOwn(MEETING_TRANSITIONS, s);
}

/** Which actions this actor could take from this state (for buttons in the UI). */
export function availableActions(state: MeetingState, actor: ActorKind): MeetingAction[] {
  return MEETING_ACTIONS.filter((a) => canTransition(state, a, actor));
}

/** State and actor only; reasons and timing are checked by applyTransition. */
export function canTransition(state: MeetingState, action: MeetingAction, actor: ActorKind): boolean {
  const t = isMeetingAction(action) ? MEETING_TRANSITIONS[action] : undefined;
  return !!t && t.from.includes(state) && t.actors.includes(actor);
}

export interface ApplyTransitionInput {
  state: MeetingState;
  action: MeetingAction;
  actor: ActorKind;
  reason?: string;
  /** Epoch ms; required for transitions with `notBefore`. */
  now?: number;
  timing?: MeetingTiming;
}

export function applyTransition(input: ApplyTransitionInput): TransitionResult {
  const { state, action, actor } = input;
  if (!isMeetingAction(action)) return refuse('unknown_action', 'action', `未知的操作：${String(action)}`);
  const t = MEETING_TRANSITIONS[action];
  if (!t.from.includes(state)) {
    const allowed = t.from.map((s) => MEETING_STATE_LABELS[s]).join('、');
    return refuse('wrong_state', 'state', `会议当前为“${MEETING_STATE_LABELS[state] ?? state}”，不能${t.label}（仅限：${allowed}）`);
  }
  if (!t.actors.includes(actor)) {
    const who = t.actors.map((a) => ACTOR_LABELS[a]).join('或');
    return refuse('wrong_actor', 'actor', `${t.label}只能由${who}操作`);
  }
  if (t.reasonRequired && !(input.reason ?? '').trim()) return refuse('reason_required', 'reason', `${t.label}必须填写原因`);
  if (t.notBefore) {
    const at = input.timing?.[t.notBefore];
    if (input.now === undefined || at === undefined) return refuse('too_early', 'now', `${t.label}缺少时间信息，无法确认是否已到时间`);
    if (input.now < at) return refuse('too_early', 'now', `尚未到${t.label}的时间`);
  }
  return { ok: true, from: state, to: t.to, transition: t };
}

function refuse(code: TransitionRefusalCode, field: string, message: string): TransitionRefusal {
  return { ok: false, code, field, message };
}
