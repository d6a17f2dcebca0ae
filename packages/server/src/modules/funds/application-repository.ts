import type { FundApplicationState, FundPath } from '@gongzhi/domain';
import type { Db } from '../../platform/db.ts';

// The fund_applications row as the use cases read it (bigint ids come back as strings from pg;
// callers Number() them at the edge).
export interface FundApplicationRow {
  id: string;
  estate_id: string;
  applicant_kind: 'company' | 'committee';
  company_id: string | null;
  title: string;
  reason: string;
  category: string;
  path: FundPath;
  emergency_list: string | null;
  emergency_category: string | null;
  scope_kind: 'units' | 'buildings' | 'facility';
  scope_building_ids: string[];
  scope_unit_ids: string[];
  facility_name: string | null;
  budget_fen: string;
  exclusions_declared: Record<string, boolean>;
  contractor_name: string;
  contractor_account: string;
  stage_plan: number[];
  state: FundApplicationState;
  meeting_id: string | null;
  meeting_item_id: string | null;
  review_started_on: string | null;
  review_due_on: string | null;
  review_overdue: boolean;
  escalated_at: Date | null;
  decision_reason: string | null;
  rejected_exclusion: string | null;
  actual_cost_fen: string | null;
  submitted_at: Date | null;
  approved_at: Date | null;
  accepted_at: Date | null;
  settled_at: Date | null;
  published_at: Date | null;
  cancelled_at: Date | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

/** No scope check: callers check `ctx.assertEstate(row.estate_id)` themselves. Dates are read as
 *  'YYYY-MM-DD' text so that a review deadline is never shifted by a time zone. */
export async function findApplicationUnsafe(db: Db, id: number, opts: { forUpdate?: boolean } = {}): Promise<FundApplicationRow | null> {
  const r = await db.query(
    `SELECT *, review_started_on::text AS review_started_on, review_due_on::text AS review_due_on
       FROM fund_applications WHERE id = $1 ${opts.forUpdate ? 'FOR UPDATE' : ''}`,
    [id],
  );
  return (r.rows[0] as FundApplicationRow | undefined) ?? null;
}
