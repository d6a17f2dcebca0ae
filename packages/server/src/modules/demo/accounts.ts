import type { DemoAccount, Role } from '@gongzhi/contracts';

// The demo accounts: one for every role, listed on the login page in demo mode and printed by
// `gongzhi start`. Every one of them has the same password.

export const DEMO_PASSWORD = 'Demo@2026';

/** an unused invitation code for owner3's unit, so the binding journey can be tried */
export const DEMO_INVITATION_CODE = 'DEMO2026';

const LIST: [username: string, label: string, role: Role][] = [
  ['admin', '示范市住建局 系统管理员', 'admin'],
  ['city', '示范市住建局 物业科干部', 'city_officer'],
  ['district', '东湖区住建局 干部', 'district_officer'],
  ['street', '明德街道办事处 干部', 'street_officer'],
  ['community', '翠竹社区居委会 干部', 'community_officer'],
  ['auditor', '示范市 审计人员（只读）', 'auditor'],
  ['chair', '翠竹苑业委会 主任', 'committee_chair'],
  ['member', '翠竹苑业委会 委员（兼业主，可切换角色）', 'committee_member'],
  ['secretary', '翠竹苑业委会 专职秘书', 'committee_secretary'],
  ['manager', '安居物业 项目负责人', 'property_manager'],
  ['staff', '安居物业 客服人员', 'property_staff'],
  ['owner1', '翠竹苑业主（两处房产）', 'owner'],
  ['owner2', '翠竹苑业主（与家人共有一套房）', 'owner'],
  ['owner3', `翠竹苑业主（尚未绑定，邀请码 ${DEMO_INVITATION_CODE}）`, 'owner'],
  ['owner4', '春晖家园业主', 'owner'],
  ['dept', '明德街道城管执法中队 干部', 'department_officer'],
];

// Demo phones use the 170 prefix, which the generator never draws for anyone else.
export const DEMO_ACCOUNTS: DemoAccount[] = LIST.map(([username, label, role], i) => ({
  username, label, role, phone: `17000000${String(i + 1).padStart(3, '0')}`,
}));

export function demoAccount(username: string): DemoAccount {
  const a = DEMO_ACCOUNTS.find((x) => x.username === username);
  if (!a) throw new Error(`no demo account ${username}`);
  return a;
}
