import type { MyFundApplicationView } from '@gongzhi/contracts';
import { findEmergencyCategory, isEmergencyListKey } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import { inOrder, type Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { APPLICATION_SELECT, toSummaryView } from './application-view.ts';

// The owner's view (我的维修资金 → 使用申请): the applications whose frozen scope charges one of the
// units the owner is bound to, from submission on (a draft is the applicant's own business), with
// the owner's own shares — of the budget before the vote, and of the actual cost once settled —
// and the meeting where they vote on it. Another estate's, or one outside the scope: nothing.

async function myRows(db: Db, ctx: RequestContext, applicationId?: number) {
  const unitIds = ctx.scope.unitIds ?? [];
  const r = await db.query(
    `${APPLICATION_SELECT}
      WHERE a.estate_id = ANY($1::bigint[]) AND a.submitted_at IS NOT NULL
        AND EXISTS (SELECT 1 FROM fund_application_shares s WHERE s.application_id = a.id AND s.unit_id = ANY($2::bigint[]))
        ${applicationId ? 'AND a.id = $3' : ''}
      ORDER BY a.submitted_at DESC, a.id DESC LIMIT 200`,
    applicationId ? [ctx.scope.estateIds, unitIds, applicationId] : [ctx.scope.estateIds, unitIds],
  );
  if (!r.rows.length) return [];
  const ids = r.rows.map((x) => x.id);
  const [shares, meetings, scopes, confirmations] = await inOrder([
    () => db.query(
      `SELECT s.application_id, s.unit_id, s.area_centi, s.share_fen, s.actual_fen, s.payer, b.name || '-' || u.number AS unit
         FROM fund_application_shares s JOIN units u ON u.id = s.unit_id JOIN buildings b ON b.id = u.building_id
        WHERE s.application_id = ANY($1::bigint[]) AND s.unit_id = ANY($2::bigint[]) ORDER BY s.application_id, s.position`,
      [ids, unitIds],
    ),
    () => db.query(`SELECT id, title, state FROM meetings WHERE id = ANY($1::bigint[])`, [r.rows.map((x) => x.meeting_id).filter((x) => x != null)]),
    // the whole scope's size, so the owner can redo their share: area ÷ total area × budget
    () => db.query(
      `SELECT application_id, count(*)::int AS n, sum(area_centi)::bigint AS area FROM fund_application_shares
        WHERE application_id = ANY($1::bigint[]) GROUP BY application_id`,
      [ids],
    ),
    () => db.query(
      `SELECT application_id, kind, note, owner_representatives, created_at FROM fund_application_confirmations
        WHERE application_id = ANY($1::bigint[]) ORDER BY created_at, id`,
      [ids],
    ),
  ]);
  const scopeById = new Map(scopes.rows.map((x) => [String(x.application_id), x]));
  const meetingById = new Map(meetings.rows.map((m) => [String(m.id), m]));
  return r.rows.map((row): MyFundApplicationView => {
    const s = toSummaryView(row);
    const m = row.meeting_id ? meetingById.get(String(row.meeting_id)) : undefined;
    // the actual share is the owners' to see once the settlement fixed it
    const settled = ['settled', 'published'].includes(row.state);
    return {
      id: s.id, estateId: s.estateId, estateName: s.estateName, title: s.title, reason: row.reason, category: s.category,
      categoryLabel: s.categoryLabel, path: s.path, state: s.state, stateLabel: s.stateLabel, scopeLabel: s.scopeLabel,
      budgetFen: s.budgetFen, actualCostFen: settled ? s.actualCostFen : null, contractorName: row.contractor_name,
      decisionReason: row.decision_reason ?? null, submittedAt: s.submittedAt,
      publishedAt: row.published_at ? (row.published_at as Date).toISOString() : null,
      meeting: m ? { meetingId: Number(m.id), itemId: row.meeting_item_id == null ? null : Number(row.meeting_item_id), title: m.title, state: m.state } : null,
      myShares: shares.rows.filter((x) => String(x.application_id) === String(row.id)).map((x) => ({
        unitId: Number(x.unit_id), unit: String(x.unit), areaCenti: Number(x.area_centi), shareFen: Number(x.share_fen),
        actualFen: settled && x.actual_fen != null ? Number(x.actual_fen) : null, payer: x.payer,
      })),
      applicantKind: s.applicantKind, applicantName: s.applicantName,
      shares: { unitCount: Number(scopeById.get(String(row.id))?.n ?? 0), totalAreaCenti: Number(scopeById.get(String(row.id))?.area ?? 0) },
      emergencyCategoryLabel: row.emergency_category
        ? (findEmergencyCategory(isEmergencyListKey(row.emergency_list) ? row.emergency_list : 'national', row.emergency_category)?.label ?? null)
        : null,
      rejectedExclusion: row.rejected_exclusion ?? null, reviewDueOn: s.reviewDueOn,
      approvedAt: row.approved_at ? (row.approved_at as Date).toISOString() : null,
      confirmations: confirmations.rows.filter((c) => String(c.application_id) === String(row.id)).map((c) => ({
        kind: c.kind, note: c.note, ownerRepresentatives: c.owner_representatives ?? [], createdAt: (c.created_at as Date).toISOString(),
      })),
    };
  });
}

export async function listMyApplications(opts: { db: Db; ctx: RequestContext }): Promise<{ items: MyFundApplicationView[] }> {
  return { items: await myRows(opts.db, opts.ctx) };
}

export async function getMyApplication(opts: { db: Db; ctx: RequestContext; applicationId: number }): Promise<MyFundApplicationView> {
  const [one] = await myRows(opts.db, opts.ctx, opts.applicationId);
  if (!one) throw notFound('维修资金使用申请');
  return one;
}
