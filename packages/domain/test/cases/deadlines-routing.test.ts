import { describe, expect, it } from 'vitest';
import {
  CASE_CATEGORIES, CASE_PRIORITIES, CASE_ROUTING_PARTIES, DEFAULT_CASE_DEADLINES, DEFAULT_CASE_ROUTING, DEPARTMENT_KINDS,
  caseDeadline, caseDueDates, deadlineRuleFor, deadlineRuleProblem, isCaseRoutingParty, respondNeverAfterResolve,
  type CaseDeadlineOverride, type CaseDeadlineRule,
} from '../../src/index.ts';

const sh = (local: string) => new Date(`${local}:00+08:00`);
/** A rough length in working hours (a day as 9 h) to compare urgent with normal. */
const approxHours = (amount: number, unit: string) => (unit === 'working_days' ? amount * 9 : amount);

describe('DEFAULT_CASE_DEADLINES', () => {
  it('covers every category × priority with whole amounts of 1–1000 that the rules table accepts', () => {
    expect(Object.keys(DEFAULT_CASE_DEADLINES).sort()).toEqual([...CASE_CATEGORIES].sort());
    for (const c of CASE_CATEGORIES) {
      for (const p of CASE_PRIORITIES) {
        const r = DEFAULT_CASE_DEADLINES[c][p];
        expect(deadlineRuleProblem(r), `${c}/${p}`).toBeNull();
      }
    }
  });

  it('urgent is never slower than normal, to answer or to resolve', () => {
    for (const c of CASE_CATEGORIES) {
      const { normal, urgent } = DEFAULT_CASE_DEADLINES[c];
      expect(approxHours(urgent.respondAmount, urgent.respondUnit), c).toBeLessThanOrEqual(approxHours(normal.respondAmount, normal.respondUnit));
      expect(approxHours(urgent.resolveAmount, urgent.resolveUnit), c).toBeLessThanOrEqual(approxHours(normal.resolveAmount, normal.resolveUnit));
    }
  });

  it('the design values: repair urgent 2 h / 1 day, normal 8 h / 5 days; conduct 1 day / 10 days; fire safety urgent 1 h / 1 day', () => {
    expect(DEFAULT_CASE_DEADLINES.common_repair.urgent).toEqual({ respondAmount: 2, respondUnit: 'working_hours', resolveAmount: 1, resolveUnit: 'working_days' });
    expect(DEFAULT_CASE_DEADLINES.common_repair.normal).toEqual({ respondAmount: 8, respondUnit: 'working_hours', resolveAmount: 5, resolveUnit: 'working_days' });
    for (const c of ['company_conduct', 'committee_conduct'] as const) {
      expect(DEFAULT_CASE_DEADLINES[c].normal).toEqual({ respondAmount: 1, respondUnit: 'working_days', resolveAmount: 10, resolveUnit: 'working_days' });
    }
    expect(DEFAULT_CASE_DEADLINES.fire_safety.urgent).toEqual({ respondAmount: 1, respondUnit: 'working_hours', resolveAmount: 1, resolveUnit: 'working_days' });
  });
});

describe('deadlineRuleFor', () => {
  const override: CaseDeadlineOverride = { category: 'noise', priority: 'normal', respondAmount: 2, respondUnit: 'working_hours', resolveAmount: 2, resolveUnit: 'working_days' };
  const other: CaseDeadlineOverride = { ...override, category: 'parking', respondAmount: 1 };

  it("takes the estate's override for exactly that category and priority", () => {
    expect(deadlineRuleFor([other, override], 'noise', 'normal')).toEqual({ respondAmount: 2, respondUnit: 'working_hours', resolveAmount: 2, resolveUnit: 'working_days', isDefault: false });
  });

  it('falls back to the default for the other priority, another category or no overrides at all', () => {
    expect(deadlineRuleFor([override], 'noise', 'urgent')).toEqual({ ...DEFAULT_CASE_DEADLINES.noise.urgent, isDefault: true });
    expect(deadlineRuleFor([override], 'fees', 'normal')).toEqual({ ...DEFAULT_CASE_DEADLINES.fees.normal, isDefault: true });
    expect(deadlineRuleFor([], 'noise', 'normal')).toEqual({ ...DEFAULT_CASE_DEADLINES.noise.normal, isDefault: true });
  });

  it('never hands out the default object itself (a caller cannot change the defaults through it)', () => {
    const r = deadlineRuleFor([], 'other', 'normal');
    r.respondAmount = 999;
    expect(DEFAULT_CASE_DEADLINES.other.normal.respondAmount).toBe(8);
  });
});

describe('caseDueDates', () => {
  it('an urgent repair filed Friday 17:30: answer by Monday 10:30 (2 working hours), resolve by Monday 18:00 (1 working day)', () => {
    expect(caseDueDates(sh('2026-11-20T17:30'), DEFAULT_CASE_DEADLINES.common_repair.urgent)).toEqual({
      respondDueAt: sh('2026-11-23T10:30'), resolveDueAt: sh('2026-11-23T18:00'),
    });
  });
});

describe('deadlineRuleProblem', () => {
  const base: CaseDeadlineRule = { respondAmount: 4, respondUnit: 'working_hours', resolveAmount: 2, resolveUnit: 'working_days' };

  it('refuses amounts outside 1–1000 or not whole', () => {
    for (const bad of [0, 1001, 1.5, -3]) {
      expect(deadlineRuleProblem({ ...base, respondAmount: bad }), String(bad)).toBe('时限须为 1–1000 之间的整数');
      expect(deadlineRuleProblem({ ...base, resolveAmount: bad }), String(bad)).toBe('时限须为 1–1000 之间的整数');
    }
    expect(deadlineRuleProblem({ ...base, respondAmount: 1, resolveAmount: 1000 })).toBeNull();
  });

  it('same units compare directly: 3 days to answer and 2 to resolve is refused, 2 and 2 is fine', () => {
    expect(deadlineRuleProblem({ respondAmount: 3, respondUnit: 'working_days', resolveAmount: 2, resolveUnit: 'working_days' })).toBe('响应时限不能长于办结时限');
    expect(deadlineRuleProblem({ respondAmount: 2, respondUnit: 'working_days', resolveAmount: 2, resolveUnit: 'working_days' })).toBeNull();
    expect(deadlineRuleProblem({ respondAmount: 5, respondUnit: 'working_hours', resolveAmount: 4, resolveUnit: 'working_hours' })).toBe('响应时限不能长于办结时限');
  });

  it('hours against days: 9 h / 1 day is fine, 10 h / 1 day is refused because from Monday 17:59 the answer would fall after the resolution', () => {
    expect(respondNeverAfterResolve({ respondAmount: 9, respondUnit: 'working_hours', resolveAmount: 1, resolveUnit: 'working_days' })).toBe(true);
    expect(deadlineRuleProblem({ respondAmount: 10, respondUnit: 'working_hours', resolveAmount: 1, resolveUnit: 'working_days' })).toBe('响应时限不能长于办结时限');
    const start = sh('2026-11-23T17:59');
    expect(caseDeadline(start, 10, 'working_hours').getTime()).toBeGreaterThan(caseDeadline(start, 1, 'working_days').getTime());
  });

  it('days against hours: 1 day / 18 h is fine, 1 day / 17 h is refused because from Monday 08:00 the answer would fall after the resolution', () => {
    expect(respondNeverAfterResolve({ respondAmount: 1, respondUnit: 'working_days', resolveAmount: 18, resolveUnit: 'working_hours' })).toBe(true);
    expect(respondNeverAfterResolve({ respondAmount: 1, respondUnit: 'working_days', resolveAmount: 17, resolveUnit: 'working_hours' })).toBe(false);
    const start = sh('2026-11-23T08:00');
    expect(caseDeadline(start, 1, 'working_days').getTime()).toBeGreaterThan(caseDeadline(start, 17, 'working_hours').getTime());
    expect(caseDeadline(start, 1, 'working_days').getTime()).toBe(caseDeadline(start, 18, 'working_hours').getTime());
  });
});

describe('DEFAULT_CASE_ROUTING', () => {
  it('routes every category to a party that routing may name, with a department kind only for a department', () => {
    expect(Object.keys(DEFAULT_CASE_ROUTING).sort()).toEqual([...CASE_CATEGORIES].sort());
    for (const c of CASE_CATEGORIES) {
      const r = DEFAULT_CASE_ROUTING[c];
      expect(isCaseRoutingParty(r.party), c).toBe(true);
      expect(r.departmentKind !== undefined, c).toBe(r.party === 'department');
      if (r.departmentKind) expect(DEPARTMENT_KINDS).toContain(r.departmentKind);
    }
  });

  it('the company by default; company conduct to the committee; committee conduct to the community; illegal construction to urban management', () => {
    for (const c of ['common_repair', 'cleaning', 'security', 'parking', 'noise', 'fees', 'fire_safety', 'other'] as const) {
      expect(DEFAULT_CASE_ROUTING[c], c).toEqual({ party: 'company' });
    }
    expect(DEFAULT_CASE_ROUTING.company_conduct).toEqual({ party: 'committee' });
    expect(DEFAULT_CASE_ROUTING.committee_conduct).toEqual({ party: 'community' });
    expect(DEFAULT_CASE_ROUTING.illegal_construction).toEqual({ party: 'department', departmentKind: 'urban_management' });
  });

  it('the street office is never a routing party (it only receives cases by escalation)', () => {
    expect(CASE_ROUTING_PARTIES).toEqual(['company', 'committee', 'secretary', 'community', 'department']);
    expect(isCaseRoutingParty('street')).toBe(false);
  });
});
