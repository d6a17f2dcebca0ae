import type { Permission } from '@gongzhi/contracts';
import { availableFundActions, type FundApplicationAction } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { FundApplicationRow } from './application-repository.ts';
import { fundActorKinds } from './fund-actor.ts';

// The steps the caller may take on an application now (buttons; every route re-checks): the
// domain's table for each actor kind the caller is, kept to the actions whose route permission
// the caller holds.

const ROUTE_PERMISSIONS: Record<FundApplicationAction, readonly Permission[]> = {
  submit: ['fund.apply'],
  cancel: ['fund.apply'],
  put_to_vote: ['fund.apply'],
  vote_passed: [],
  vote_failed: [],
  vote_cancelled: [],
  committee_confirm: ['fund.confirm'],
  street_confirm: ['fund.confirm'],
  refuse_emergency: ['fund.confirm'],
  approve: ['fund.review'],
  reject: ['fund.review'],
  disburse: ['fund.disburse'],
  accept: ['fund.confirm'],
  settle: ['fund.disburse'],
  publish: ['fund.apply', 'fund.confirm'],
};

export function callerFundActions(ctx: RequestContext, a: FundApplicationRow): FundApplicationAction[] {
  const out = new Set<FundApplicationAction>();
  for (const kind of fundActorKinds(ctx, a)) {
    for (const action of availableFundActions(a.state, a.path, kind)) {
      if (ROUTE_PERMISSIONS[action].some((p) => ctx.can(p))) out.add(action);
    }
  }
  return [...out];
}
