import { CASE_LEVEL_LABELS, CASE_LEVELS, nextLevel, type CaseLevel, type CaseState } from './categories.ts';

// Escalation goes one rung at a time. By hand (the owner or a follower, with a reason): while the
// case is open, in progress or resolved (unsatisfied), from company, committee or community only —
// community → street is the last hop an owner may ask for; street → department is the street's own
// 吹哨 (call_departments). Once per rung left (case_escalations UNIQUE(case_id, from_level) is the
// last word). Automatically (the sweeper): a passed deadline below the street moves it up one rung.

export type EscalationRefusalCode = 'CASE_LEVEL_SKIP' | 'CASE_ALREADY_ESCALATED' | 'INVALID_TRANSITION';

export type ManualEscalationResult =
  | { ok: true; toLevel: CaseLevel }
  | { ok: false; code: EscalationRefusalCode; message: string; toLevel: CaseLevel | null };

const below = (a: CaseLevel, b: CaseLevel) => CASE_LEVELS.indexOf(a) < CASE_LEVELS.indexOf(b);

/**
 * Whether the owner may escalate a case at `level` in `state` to `toLevel` (omit toLevel to ask
 * whether the button shows). alreadyFrom: the from_level of the case's earlier escalations.
 * Checked in this order: the state, the rung (street and above: not by hand), the target (only
 * the next rung), then once per rung. toLevel in the answer is the rung it would go to.
 */
export function manualEscalationCheck(input: {
  level: CaseLevel; state: CaseState; alreadyFrom: readonly CaseLevel[]; toLevel?: CaseLevel;
}): ManualEscalationResult {
  const { level, state, alreadyFrom } = input;
  const next = below(level, 'street') ? nextLevel(level) : null;
  if (state === 'closed') return { ok: false, code: 'INVALID_TRANSITION', message: '案件已办结，不能升级', toLevel: next };
  if (state === 'merged') return { ok: false, code: 'INVALID_TRANSITION', message: '案件已合并到其他案件，请在合并后的案件中升级', toLevel: next };
  // the rung asked for was already reached by an escalation (a double click, a co-owner, or the
  // sweeper a moment earlier): the request lost a race, it did not try to skip a rung — say so
  // (409) rather than name a further rung the owner never asked for
  if (input.toLevel !== undefined && !below(level, input.toLevel) && alreadyFrom.some((f) => below(f, input.toLevel!))) {
    return { ok: false, code: 'CASE_ALREADY_ESCALATED', toLevel: next, message: `案件已升级至${CASE_LEVEL_LABELS[level]}，无需重复升级` };
  }
  if (!next) { // street or department: community → street was the last hop by hand
    return {
      ok: false, code: 'INVALID_TRANSITION', toLevel: null,
      message: level === 'street' ? '案件已在街道办事处办理，是否召集职能部门由街道决定，不能再手动升级' : '案件已由职能部门办理，不能再升级',
    };
  }
  if (input.toLevel !== undefined && input.toLevel !== next) {
    return { ok: false, code: 'CASE_LEVEL_SKIP', toLevel: next, message: `只能逐级升级：下一级是${CASE_LEVEL_LABELS[next]}` };
  }
  if (alreadyFrom.includes(level)) {
    return { ok: false, code: 'CASE_ALREADY_ESCALATED', toLevel: next, message: `本案件已从${CASE_LEVEL_LABELS[level]}升级过一次，每一级只能升级一次` };
  }
  return { ok: true, toLevel: next };
}

/** Where the sweeper moves a case whose deadline passed: the next rung while below the street,
 *  else null (at street and department the case only shows overdue). */
export function autoEscalationTarget(level: CaseLevel): CaseLevel | null {
  return below(level, 'street') ? nextLevel(level) : null;
}

/** The timeline and escalation reason of an automatic escalation. */
export function autoEscalationReason(toLevel: CaseLevel): string {
  return `处理时限已到仍未办结，自动升级至${CASE_LEVEL_LABELS[toLevel]}`;
}
