import type { Role } from '@gongzhi/contracts';
import { availableActions, MEETING_TRANSITIONS, type ActorKind, type ConvenerKind, type MeetingAction, type MeetingState } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import { AppError } from '../../platform/errors.ts';

// Who the caller is for one meeting, in the domain's terms (ActorKind). The domain's transition
// table says which kind may take which step; this file is the only place that maps a role to it.
//
// - committee roles of the estate convene for the committee (业主委员会) and for the renewal group
//   (换届小组, formed from and by the committee).
// - a street officer is always `street_office` (approves, may stop a meeting), and also the
//   convener where the street office convenes itself or through the preparatory group it sets up
//   (筹备组 is organised under the street office's guidance).
// - a community officer convenes for an acting body (居委会 / 物业管理委员会 standing in).
// Scope (which estates) is checked separately through ctx.assertEstate.

const COMMITTEE_ROLES: readonly Role[] = ['committee_member', 'committee_chair', 'committee_secretary'];

export function actorKindsFor(role: Role | null, convenerKind: ConvenerKind): ActorKind[] {
  if (role && COMMITTEE_ROLES.includes(role)) {
    return convenerKind === 'committee' || convenerKind === 'renewal_group' ? ['convener'] : [];
  }
  if (role === 'street_officer') {
    return convenerKind === 'street_office' || convenerKind === 'preparatory_group' ? ['convener', 'street_office'] : ['street_office'];
  }
  if (role === 'community_officer') return convenerKind === 'acting_body' ? ['convener'] : [];
  return [];
}

export function canConvene(ctx: RequestContext, convenerKind: ConvenerKind): boolean {
  return ctx.can('meeting.convene') && actorKindsFor(ctx.role, convenerKind).includes('convener');
}

/** The actor kind the caller takes this step as: one the table allows, else its first (to be refused). */
export function actorFor(ctx: RequestContext, convenerKind: ConvenerKind, action: MeetingAction): ActorKind {
  const kinds = actorKindsFor(ctx.role, convenerKind);
  if (kinds.length === 0) throw new AppError('FORBIDDEN', { message: '你不是本次会议的召集人，也不是负责审核的街道办事处' });
  return kinds.find((k) => MEETING_TRANSITIONS[action].actors.includes(k)) ?? kinds[0]!;
}

/** The steps the caller may take now (buttons in the UI); system steps are never offered. */
export function callerActions(ctx: RequestContext, convenerKind: ConvenerKind, state: MeetingState): MeetingAction[] {
  const set = new Set<MeetingAction>();
  for (const kind of actorKindsFor(ctx.role, convenerKind)) {
    for (const a of availableActions(state, kind)) {
      const perm = a === 'approve' || a === 'reject' ? 'meeting.approve' : 'meeting.convene';
      if (ctx.can(perm)) set.add(a);
    }
  }
  return [...set];
}
