import {
  AREA_SOURCE_LABELS,
  COMMITTEE_KIND_LABELS,
  COMMITTEE_ROLE_LABELS,
  OWNER_KIND_LABELS,
  REGION_LEVEL_LABELS,
  UNIT_KIND_LABELS,
  UNIT_STATUS_LABELS,
  type Role,
} from '@gongzhi/contracts';
import type { Lang } from './i18n.tsx';

// Chinese labels come from contracts (the same words the roster uses); English ones live here.

const ROLE_ZH: Record<Role, string> = {
  owner: '业主',
  committee_member: '业委会委员',
  committee_chair: '业委会主任',
  committee_secretary: '业委会专职秘书',
  property_staff: '物业工作人员',
  property_manager: '物业项目负责人',
  community_officer: '社区工作人员',
  street_officer: '街道工作人员',
  district_officer: '区住建局工作人员',
  city_officer: '市住建局工作人员',
  department_officer: '职能部门工作人员',
  auditor: '审计员',
  admin: '系统管理员',
};
const ROLE_EN: Record<Role, string> = {
  owner: 'Owner',
  committee_member: 'Committee member',
  committee_chair: 'Committee chair',
  committee_secretary: 'Committee secretary',
  property_staff: 'Property staff',
  property_manager: 'Property manager',
  community_officer: 'Community officer',
  street_officer: 'Street officer',
  district_officer: 'District officer',
  city_officer: 'City officer',
  department_officer: 'Department officer',
  auditor: 'Auditor',
  admin: 'Administrator',
};

const EN = {
  kind: { residential: 'Residential', commercial: 'Commercial', parking: 'Parking' },
  status: { sold: 'Sold', unsold: 'Unsold', undelivered: 'Undelivered' },
  areaSource: { registry: 'Registry', survey: 'Survey', contract: 'Contract' },
  ownerKind: { person: 'Person', organisation: 'Organisation' },
  regionLevel: { city: 'City', district: 'District', street: 'Street', community: 'Community' },
  committeeKind: { committee: "Owners' committee", residents_committee: "Residents' committee", property_management_committee: 'Property management committee' },
  committeeRole: { chair: 'Chair', vice_chair: 'Vice chair', member: 'Member', secretary: 'Secretary' },
  committeeStatus: { committee: 'Committee in office', acting_body: 'Acting body', none: 'None' },
} as const;
const ZH = {
  kind: UNIT_KIND_LABELS,
  status: UNIT_STATUS_LABELS,
  areaSource: AREA_SOURCE_LABELS,
  ownerKind: OWNER_KIND_LABELS,
  regionLevel: REGION_LEVEL_LABELS,
  committeeKind: COMMITTEE_KIND_LABELS,
  committeeRole: COMMITTEE_ROLE_LABELS,
  committeeStatus: { committee: '业委会在任', acting_body: '代行机构', none: '未成立' },
} as const;
export type LabelSet = keyof typeof ZH;

export function roleLabel(role: string, lang: Lang): string {
  const map = lang === 'en' ? ROLE_EN : ROLE_ZH;
  return map[role as Role] ?? role;
}

export function label(set: LabelSet, value: string | null | undefined, lang: Lang): string {
  if (!value) return '';
  const map = (lang === 'en' ? EN[set] : ZH[set]) as Record<string, string>;
  return map[value] ?? value;
}

/** select options for one label set, in the contracts' order */
export function labelOptions(set: LabelSet, lang: Lang): { value: string; label: string }[] {
  return Object.keys(ZH[set]).map((value) => ({ value, label: label(set, value, lang) }));
}
