import { FUND_APPLICATION_TRANSITIONS, type FundActorKind, type FundApplicationAction } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { FundApplicationRow } from './application-repository.ts';

// Which actor kinds of the application's transition table a person is, from the role they act
// in (their scope is checked separately, with ctx.assertEstate on the application's estate):
// the committee's members are the committee, and the applicant when the committee applied;
// the serving company's staff are the applicant when their company applied; the street office
// and the community confirm emergencies; the district bureau reviews and pays.

export function fundActorKinds(ctx: RequestContext, a: Pick<FundApplicationRow, 'applicant_kind' | 'company_id'>): FundActorKind[] {
  switch (ctx.role) {
    case 'committee_member':
    case 'committee_chair':
    case 'committee_secretary':
      return a.applicant_kind === 'committee' ? ['committee', 'applicant'] : ['committee'];
    case 'property_staff':
    case 'property_manager':
      return a.applicant_kind === 'company' && a.company_id != null && ctx.scope.companyId === Number(a.company_id) ? ['applicant'] : [];
    case 'street_officer':
    case 'community_officer':
      return ['street_office'];
    case 'district_officer':
      return ['district'];
    default:
      return [];
  }
}

/** The kind to act as for `action`: one the table allows and the person is; refused otherwise. */
export function fundActorFor(ctx: RequestContext, a: Pick<FundApplicationRow, 'applicant_kind' | 'company_id'>, action: FundApplicationAction): FundActorKind {
  const kinds = fundActorKinds(ctx, a);
  const allowed = FUND_APPLICATION_TRANSITIONS[action].actors;
  const k = kinds.find((x) => allowed.includes(x));
  if (!k) throw new AppError('FORBIDDEN', { message: `无权执行「${FUND_APPLICATION_TRANSITIONS[action].label}」`, details: { action } });
  return k;
}
