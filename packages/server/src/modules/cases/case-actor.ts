import type { Role } from '@gongzhi/contracts';
import { CASE_PARTY_LABELS, type CaseParty } from '@gongzhi/domain';

// Who did something on a case, as the timeline stores it (case_events.actor_party) and as anyone
// reading the timeline sees it — an owner included: a party ('物业服务企业', '区住建局', '业主'),
// never a person's name. One mapping for every writer and the one reader.

/** The party each role acts for. Exhaustive over Role, so a new role fails the typecheck until
 *  it is given one (a raw role name must never reach an owner's timeline). */
const PARTY_OF_ROLE: Record<Role, string> = {
  owner: 'owner',
  property_staff: 'company', property_manager: 'company',
  committee_member: 'committee', committee_chair: 'committee', committee_secretary: 'committee',
  community_officer: 'community', street_officer: 'street', department_officer: 'department',
  district_officer: 'district', city_officer: 'city', auditor: 'auditor', admin: 'platform',
};

/** Parties that are no rung of the ladder but may still act on a case (verify, a job). */
const OTHER_PARTY_LABELS: Record<string, string> = {
  owner: '业主', system: '系统', district: '区住建局', city: '市住建局', auditor: '审计员', platform: '平台管理员',
};

/** The party a role acts for ('system' for jobs and anything unknown). */
export function partyOfRole(role: string | null): string {
  return role != null && Object.hasOwn(PARTY_OF_ROLE, role) ? PARTY_OF_ROLE[role as Role] : 'system';
}

/** Who did it, as anyone may read it. A department's events name the department (data carries
 *  its name). Rows written before every role had a party stored the raw role: mapped here too. */
export function actorLabel(party: string | null, data: Record<string, unknown>): string {
  if (party == null) return '系统';
  const p = Object.hasOwn(PARTY_OF_ROLE, party) ? PARTY_OF_ROLE[party as Role] : party;
  if (p === 'department' && typeof data.departmentName === 'string') return data.departmentName;
  return CASE_PARTY_LABELS[p as CaseParty] ?? OTHER_PARTY_LABELS[p] ?? '工作人员';
}
