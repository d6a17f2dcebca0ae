import type { MeView } from '@gongzhi/contracts';
import { roleLabel as appRoleLabel } from '../../app/labels.ts';

/** The active role's name (from the grants the server sent). */
export function activeRole(me: MeView): string | undefined {
  return me.grants.find((g) => g.id === me.activeGrantId)?.role;
}

/** the role's Chinese name (the app's one table of role names) */
export function roleLabel(role: string | null | undefined): string {
  return role ? appRoleLabel(role, 'zh') : '';
}

/** Property company staff apply as the company; everyone else who may apply, as the committee. */
export function applicantKindOf(me: MeView): 'committee' | 'company' {
  return activeRole(me)?.startsWith('property_') ? 'company' : 'committee';
}
