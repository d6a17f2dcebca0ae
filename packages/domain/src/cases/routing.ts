import type { CaseCategory, CaseParty, DepartmentKind } from './categories.ts';

// Who a new case goes to first (the first rung), per category, unless the estate set its own rule
// (case_routing_rules). Routing may name the company, the committee (its members) or its
// secretary, the community, or a department; never the street office, which only receives cases
// by escalation.

export const CASE_ROUTING_PARTIES = ['company', 'committee', 'secretary', 'community', 'department'] as const satisfies readonly CaseParty[];
export type CaseRoutingParty = (typeof CASE_ROUTING_PARTIES)[number];

/** A default route. departmentKind (only with party 'department') names the kind of department;
 *  the server picks the department of that kind callable from the estate's street. */
export interface CaseRoute {
  party: CaseRoutingParty;
  departmentKind?: DepartmentKind;
}

/**
 * The defaults: the property company handles everything about the estate's upkeep and order; a
 * complaint about the company goes to the owners' committee that hired it; one about the
 * committee to the community that supervises it; illegal construction is enforced by urban
 * management (城管), which only a department can do.
 */
export const DEFAULT_CASE_ROUTING: Readonly<Record<CaseCategory, CaseRoute>> = {
  common_repair: { party: 'company' },
  cleaning: { party: 'company' },
  security: { party: 'company' },
  parking: { party: 'company' },
  noise: { party: 'company' },
  fees: { party: 'company' },
  fire_safety: { party: 'company' },
  other: { party: 'company' },
  company_conduct: { party: 'committee' },
  committee_conduct: { party: 'community' },
  illegal_construction: { party: 'department', departmentKind: 'urban_management' },
};

export const isCaseRoutingParty = (p: string): p is CaseRoutingParty => (CASE_ROUTING_PARTIES as readonly string[]).includes(p);
