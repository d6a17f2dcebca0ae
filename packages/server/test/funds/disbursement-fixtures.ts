import { apportionByArea } from '@gongzhi/domain';
import { postMovement, type UnitAmount } from '../../src/modules/funds/ledger-writer.ts';
import { transitionApplication } from '../../src/modules/funds/transition-application.ts';
import { SYSTEM_ACTOR } from '../../src/modules/meetings/index.ts';
import { withTx, type Pool } from '../../src/platform/db.ts';

// Applications far enough along to be paid, for the disbursement tests and the matrix cases:
// stored as submitted would store them (scope, frozen shares in the given unit order), then moved
// through the real transition writer (approve; accept; settle) as the district and committee
// would. The books are filled through the one ledger writer.

export async function deposit(pool: Pool, estateId: number, lines: UnitAmount[], bookedOn = '2026-01-05'): Promise<void> {
  await withTx(pool, (db) => postMovement(db, { estateId, kind: 'deposit', bookedOn, actor: SYSTEM_ACTOR, lines }));
}

export interface FundApplicationFixture {
  estateId: number;
  /** the scope, in the order the shares are frozen (position order) */
  unitIds: number[];
  budgetFen: number;
  createdBy: number;
  stagePlan?: number[];
  applicantKind?: 'committee' | 'company';
  companyId?: number | null;
  title?: string;
  contractorName?: string;
  /** how far to take it: approved (default), accepted, or settled (no books: the actual cost only) */
  state?: 'approved' | 'accepted' | 'settled';
  actualCostFen?: number;
}

export async function fundApplication(pool: Pool, o: FundApplicationFixture): Promise<number> {
  return withTx(pool, async (db) => {
    const r = await db.query(
      `INSERT INTO fund_applications (estate_id, applicant_kind, company_id, title, reason, category, path, scope_kind,
         scope_unit_ids, budget_fen, exclusions_declared, contractor_name, contractor_account, stage_plan, state,
         review_started_on, review_due_on, submitted_at, created_by)
       VALUES ($1, $2, $3, $4, '电梯主板老化，频繁停梯', 'elevator', 'ordinary', 'units', $5, $6,
         '{"warranty": true, "utility": true, "personDamage": true, "companyUpkeep": true}', $7, '6222 0000 1111 2222', $8,
         'under_review', '2026-11-02', '2026-11-09', now(), $9) RETURNING id`,
      [o.estateId, o.applicantKind ?? 'committee', o.companyId ?? null, o.title ?? '更换1栋电梯主板', o.unitIds, o.budgetFen,
        o.contractorName ?? '申菱电梯工程有限公司', o.stagePlan ?? [7000, 3000], o.createdBy],
    );
    const id = Number(r.rows[0].id);
    const units = await db.query(`SELECT id, area_centi, status FROM units WHERE id = ANY($1::bigint[])`, [o.unitIds]);
    const byId = new Map(units.rows.map((u) => [Number(u.id), u]));
    const areas = o.unitIds.map((u) => Number(byId.get(u).area_centi));
    const shares = apportionByArea(o.budgetFen, areas);
    await db.query(
      `INSERT INTO fund_application_shares (application_id, unit_id, position, area_centi, share_fen, payer)
       SELECT $1, t.unit, t.pos, t.area, t.share, t.payer
         FROM unnest($2::bigint[], $3::int[], $4::int[], $5::bigint[], $6::text[]) AS t(unit, pos, area, share, payer)`,
      [id, o.unitIds, o.unitIds.map((_, i) => i + 1), areas, shares,
        o.unitIds.map((u) => (byId.get(u).status === 'sold' ? 'owner' : 'developer'))],
    );
    await transitionApplication(db, { applicationId: id, action: 'approve', actor: 'district', ctxActor: SYSTEM_ACTOR });
    if (o.state === 'accepted' || o.state === 'settled') {
      await transitionApplication(db, { applicationId: id, action: 'accept', actor: 'committee', ctxActor: SYSTEM_ACTOR });
      await db.query(
        `INSERT INTO fund_application_confirmations (application_id, kind, account_id, role, owner_representatives)
         VALUES ($1, 'acceptance', $2, 'committee_chair', '{业主代表甲}')`,
        [id, o.createdBy],
      );
    }
    if (o.state === 'settled') {
      const actual = o.actualCostFen ?? o.budgetFen;
      const actualShares = apportionByArea(actual, areas);
      await db.query(
        `UPDATE fund_application_shares s SET actual_fen = t.fen FROM unnest($2::bigint[], $3::bigint[]) AS t(unit, fen)
          WHERE s.application_id = $1 AND s.unit_id = t.unit`,
        [id, o.unitIds, actualShares],
      );
      await transitionApplication(db, {
        applicationId: id, action: 'settle', actor: 'district', ctxActor: SYSTEM_ACTOR,
        before: async () => ({ set: { actual_cost_fen: actual } }),
      });
    }
    return id;
  });
}
