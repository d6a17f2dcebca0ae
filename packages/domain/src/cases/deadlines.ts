import type { CaseCategory, CasePriority } from './categories.ts';
import { caseDeadline, WORKING_DAY_MINUTES, type CaseDeadlineUnit } from './working-hours.ts';

// How long each rung has to answer (first response) and to resolve a case, per category and
// priority. An estate may override any pair (case_deadline_rules); without a row the default
// below holds. Every escalated rung gets the same rule again, counted from the escalation.

export interface CaseDeadlineRule {
  respondAmount: number;
  respondUnit: CaseDeadlineUnit;
  resolveAmount: number;
  resolveUnit: CaseDeadlineUnit;
}

/** An estate's override, as stored in case_deadline_rules. */
export interface CaseDeadlineOverride extends CaseDeadlineRule {
  category: CaseCategory;
  priority: CasePriority;
}

/** The amounts the rules table accepts (its CHECK constraint). */
export const CASE_DEADLINE_AMOUNT_MIN = 1;
export const CASE_DEADLINE_AMOUNT_MAX = 1000;

const h = (n: number) => ({ amount: n, unit: 'working_hours' as const });
const d = (n: number) => ({ amount: n, unit: 'working_days' as const });
function rule(respond: { amount: number; unit: CaseDeadlineUnit }, resolve: { amount: number; unit: CaseDeadlineUnit }): CaseDeadlineRule {
  return { respondAmount: respond.amount, respondUnit: respond.unit, resolveAmount: resolve.amount, resolveUnit: resolve.unit };
}

/**
 * The defaults: a repair or nuisance gets a same-day answer (urgent within 1–2 working hours) and a
 * few working days to fix; a complaint about conduct or fees needs inquiry (1 working day to
 * answer, 10 to resolve); fire safety is the fastest (urgent: 1 hour / 1 day). Urgent is never
 * slower than normal and no answer is due after the resolution (tested).
 */
export const DEFAULT_CASE_DEADLINES: Readonly<Record<CaseCategory, Readonly<Record<CasePriority, CaseDeadlineRule>>>> = {
  common_repair: { normal: rule(h(8), d(5)), urgent: rule(h(2), d(1)) },
  cleaning: { normal: rule(h(8), d(3)), urgent: rule(h(2), d(1)) },
  security: { normal: rule(h(4), d(3)), urgent: rule(h(1), d(1)) },
  parking: { normal: rule(h(8), d(5)), urgent: rule(h(2), d(2)) },
  noise: { normal: rule(h(4), d(3)), urgent: rule(h(1), d(1)) },
  fees: { normal: rule(d(1), d(10)), urgent: rule(h(4), d(5)) },
  committee_conduct: { normal: rule(d(1), d(10)), urgent: rule(h(4), d(5)) },
  company_conduct: { normal: rule(d(1), d(10)), urgent: rule(h(4), d(5)) },
  illegal_construction: { normal: rule(d(1), d(10)), urgent: rule(h(4), d(3)) },
  fire_safety: { normal: rule(h(2), d(3)), urgent: rule(h(1), d(1)) },
  other: { normal: rule(h(8), d(5)), urgent: rule(h(2), d(2)) },
};

/** The rule for a case: the estate's override for (category, priority) when it has one, else the
 *  default; isDefault says which (the rules screen shows it). */
export function deadlineRuleFor(
  overrides: readonly CaseDeadlineOverride[], category: CaseCategory, priority: CasePriority,
): CaseDeadlineRule & { isDefault: boolean } {
  const o = overrides.find((r) => r.category === category && r.priority === priority);
  const r = o ?? DEFAULT_CASE_DEADLINES[category][priority];
  return { respondAmount: r.respondAmount, respondUnit: r.respondUnit, resolveAmount: r.resolveAmount, resolveUnit: r.resolveUnit, isDefault: !o };
}

/** Both deadlines of a rung that starts at `start` (filing, escalation or reopening). */
export function caseDueDates(start: Date, r: CaseDeadlineRule): { respondDueAt: Date; resolveDueAt: Date } {
  return { respondDueAt: caseDeadline(start, r.respondAmount, r.respondUnit), resolveDueAt: caseDeadline(start, r.resolveAmount, r.resolveUnit) };
}

/**
 * Whether the answer can never fall due after the resolution, from any start. Same units compare
 * directly. Mixed units compare worst cases, because n working days are between 9n working hours
 * (a start just before 18:00) and 9(n + 1) (a start before 09:00 on a working day): hours h
 * against days m need h ≤ 9m; days n against hours m need 9(n + 1) ≤ m.
 */
export function respondNeverAfterResolve(r: CaseDeadlineRule): boolean {
  const day = WORKING_DAY_MINUTES / 60;
  if (r.respondUnit === r.resolveUnit) return r.respondAmount <= r.resolveAmount;
  if (r.respondUnit === 'working_hours') return r.respondAmount <= day * r.resolveAmount;
  return day * (r.respondAmount + 1) <= r.resolveAmount;
}

/** Why a rule an estate wants to set is refused (Chinese), or null when it is fine: whole amounts
 *  within 1–1000, and the answer never due after the resolution. */
export function deadlineRuleProblem(r: CaseDeadlineRule): string | null {
  for (const a of [r.respondAmount, r.resolveAmount]) {
    if (!Number.isSafeInteger(a) || a < CASE_DEADLINE_AMOUNT_MIN || a > CASE_DEADLINE_AMOUNT_MAX) {
      return `时限须为 ${CASE_DEADLINE_AMOUNT_MIN}–${CASE_DEADLINE_AMOUNT_MAX} 之间的整数`;
    }
  }
  if (!respondNeverAfterResolve(r)) return '响应时限不能长于办结时限';
  return null;
}
