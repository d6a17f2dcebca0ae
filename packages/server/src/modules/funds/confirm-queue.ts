import { findEmergencyCategory, FUND_APPLICATION_STATE_LABELS, isEmergencyListKey, type FundApplicationState } from '@gongzhi/domain';
import type { FundConfirmationsView } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';

// What waits for the caller's confirmation on the emergency path, oldest first: a committee
// sees the submitted emergencies of its estate; a street or community officer sees those the
// committee has confirmed, in the estates under their region. Anyone else holding fund.confirm
// has nothing to confirm here.

const COMMITTEE_ROLES = new Set(['committee_member', 'committee_chair', 'committee_secretary']);
const STREET_ROLES = new Set(['street_officer', 'community_officer']);

export async function listConfirmations(db: Db, o: { ctx: RequestContext }): Promise<FundConfirmationsView> {
  const role = o.ctx.role ?? '';
  const awaiting = COMMITTEE_ROLES.has(role) ? 'committee' : STREET_ROLES.has(role) ? 'street' : null;
  if (!awaiting || o.ctx.scope.estateIds.length === 0) return { items: [] };
  const r = await db.query(
    `SELECT a.id, a.estate_id, e.name AS estate_name, a.title, a.category, a.emergency_list, a.emergency_category,
            a.budget_fen, a.state, a.submitted_at, c.created_at AS committee_at, c.note AS committee_note
       FROM fund_applications a JOIN estates e ON e.id = a.estate_id
       LEFT JOIN fund_application_confirmations c ON c.application_id = a.id AND c.kind = 'committee'
      WHERE a.estate_id = ANY($1) AND a.path = 'emergency' AND a.state = $2
      ORDER BY a.submitted_at NULLS LAST, a.id`,
    [o.ctx.scope.estateIds, awaiting === 'committee' ? 'submitted' : 'committee_confirmed'],
  );
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    items: r.rows.map((x) => {
      const list = x.emergency_list as string | null;
      const cat = list && isEmergencyListKey(list) && x.emergency_category ? findEmergencyCategory(list, x.emergency_category) : null;
      return {
        applicationId: Number(x.id), estateId: Number(x.estate_id), estateName: x.estate_name, title: x.title, category: x.category,
        emergencyList: list, emergencyCategory: x.emergency_category, emergencyCategoryLabel: cat?.label ?? null,
        budgetFen: Number(x.budget_fen), state: x.state, stateLabel: FUND_APPLICATION_STATE_LABELS[x.state as FundApplicationState],
        awaiting, submittedAt: iso(x.submitted_at), committeeConfirmedAt: iso(x.committee_at), committeeNote: x.committee_note ?? null,
      };
    }),
  };
}
