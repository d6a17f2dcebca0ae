import { fundAttachmentKinds, type FundApplicationDetailView } from '@gongzhi/contracts';
import { FUND_APPLICATION_TRANSITIONS, findEmergencyCategory, isEmergencyListKey, type FundApplicationAction } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import { inOrder, type Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { callerFundActions } from './application-actions.ts';
import type { FundApplicationRow } from './application-repository.ts';
import { APPLICATION_SELECT, toSummaryView } from './application-view.ts';
import { MOVEMENT_KIND_LABELS, type MovementKind } from './ledger-writer.ts';
import { readShares } from './shares-read.ts';

// One application with everything its page shows: the fields, a summary of its shares, its
// attachments by kind, confirmations, the money moved for it, the meeting that decides it, the
// steps the caller may take and a timeline read from the audit log (the log is the record).

const OTHER_LABELS: Record<string, string> = {
  'fund.application.create': '创建申请', 'fund.application.update': '修改申请', 'fund.review.overdue': '审核超期',
};

export function timelineLabel(action: string): string {
  const step = action.replace(/^fund\.application\./, '') as FundApplicationAction;
  return FUND_APPLICATION_TRANSITIONS[step]?.label ?? OTHER_LABELS[action] ?? action;
}

const iso = (d: Date) => d.toISOString();

export async function getApplication(opts: { db: Db; ctx: RequestContext; applicationId: number }): Promise<FundApplicationDetailView> {
  const { db, ctx } = opts;
  const r = await db.query(`${APPLICATION_SELECT} WHERE a.id = $1`, [opts.applicationId]);
  const row = r.rows[0];
  if (!row) throw notFound('维修资金使用申请');
  ctx.assertEstate(Number(row.estate_id), '维修资金使用申请');
  const a = row as FundApplicationRow;
  const id = String(a.id);
  const [shares, att, conf, mv, meeting, audit] = await inOrder([
    () => readShares(db, a),
    () => db.query(
      `SELECT id, record_type, filename, mime, size_bytes, created_at FROM attachments
        WHERE record_type LIKE 'fund_application.%' AND record_id = $1 AND estate_id = $2 ORDER BY id`,
      [id, a.estate_id],
    ),
    () => db.query(
      `SELECT c.kind, c.role, c.note, c.owner_representatives, c.created_at, ac.display_name
         FROM fund_application_confirmations c JOIN accounts ac ON ac.id = c.account_id
        WHERE c.application_id = $1 ORDER BY c.created_at, c.id`,
      [id],
    ),
    () => db.query(
      `SELECT id, kind, stage_no, total_fen, payee, booked_on::text AS booked_on FROM fund_movements
        WHERE application_id = $1 ORDER BY booked_on, id`,
      [id],
    ),
    () => a.meeting_id ? db.query(`SELECT id, title, state FROM meetings WHERE id = $1`, [a.meeting_id]) : Promise.resolve(null),
    () => db.query(
      `SELECT ev.at, ev.action, ev.actor_role, ev.summary, ac.display_name
         FROM audit_events ev LEFT JOIN accounts ac ON ac.id = ev.actor_account_id
        WHERE ev.target_type = 'fund_application' AND ev.target_id = $1 AND ev.estate_id = $2 ORDER BY ev.seq`,
      [id, a.estate_id],
    ),
  ]);
  const attachments: FundApplicationDetailView['attachments'] = Object.fromEntries(fundAttachmentKinds.map((k) => [k, []]));
  for (const x of att.rows) {
    const kind = String(x.record_type).slice('fund_application.'.length);
    (attachments[kind] ??= []).push({ id: Number(x.id), filename: x.filename, mime: x.mime, sizeBytes: Number(x.size_bytes), createdAt: iso(x.created_at) });
  }
  const list = a.emergency_list && isEmergencyListKey(a.emergency_list) ? a.emergency_list : null;
  const m = meeting?.rows[0];
  return {
    ...toSummaryView(row),
    reason: a.reason,
    companyId: a.company_id == null ? null : Number(a.company_id),
    emergencyList: a.emergency_list,
    emergencyCategory: a.emergency_category,
    emergencyCategoryLabel: a.emergency_category ? (findEmergencyCategory(list ?? 'national', a.emergency_category)?.label ?? null) : null,
    buildingIds: a.scope_building_ids.map(Number),
    unitIds: a.scope_unit_ids.map(Number),
    facilityName: a.facility_name,
    exclusions: a.exclusions_declared,
    contractorName: a.contractor_name,
    contractorAccount: a.contractor_account,
    stagePlan: a.stage_plan,
    decisionReason: a.decision_reason,
    rejectedExclusion: a.rejected_exclusion,
    reviewStartedOn: a.review_started_on,
    meeting: m ? { meetingId: Number(m.id), itemId: a.meeting_item_id == null ? null : Number(a.meeting_item_id), title: m.title, state: m.state } : null,
    shares: {
      frozen: shares.frozen, unitCount: shares.unitCount, totalAreaCenti: shares.totalAreaCenti, developerFen: shares.developerFen,
      scopeBalanceFen: shares.scopeBalanceFen, shortfallFen: shares.shortfallFen,
    },
    attachments,
    confirmations: conf.rows.map((c) => ({
      kind: c.kind, role: c.role, accountName: String(c.display_name ?? ''), note: c.note, ownerRepresentatives: c.owner_representatives ?? [],
      createdAt: iso(c.created_at),
    })),
    movements: mv.rows.map((x) => ({
      movementId: Number(x.id), kind: x.kind, kindLabel: MOVEMENT_KIND_LABELS[x.kind as MovementKind] ?? x.kind,
      stageNo: x.stage_no == null ? null : Number(x.stage_no), totalFen: Number(x.total_fen), payee: x.payee, bookedOn: x.booked_on,
    })),
    availableActions: callerFundActions(ctx, a),
    timeline: audit.rows.map((e) => ({
      at: iso(e.at), action: e.action, label: timelineLabel(e.action), actorRole: e.actor_role ?? null,
      actorName: e.display_name ?? null, from: e.summary?.from ?? null, to: e.summary?.to ?? null, reason: e.summary?.reason ?? null,
    })),
  };
}
