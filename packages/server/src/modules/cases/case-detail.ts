import type { CaseActionView, CaseDetail } from '@gongzhi/contracts';
import { caseActionRefusal, manualEscalationCheck, type CaseLevel } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { assertCanSee, DOMAIN_ACTION, handlerRefusal, isOwnerRole, type CaseAccess, type CaseHandleAction } from './case-access.ts';
import { actorLabel, partyOfRole } from './case-actor.ts';
import { confirmWindowRefusal, reopenRefusal } from './case-reopen.ts';
import { caseFromRow, type CaseRow } from './case-repository.ts';
import {
  CASE_EVENT_KIND_LABELS, CASE_LIST_COLUMNS, CASE_LIST_JOINS, caseListItem, filedByLabel, listExtras,
} from './case-view.ts';

// The case page (GET /cases/:id and GET /my/cases/:id): the case with its timeline, photos,
// department calls and escalations, and what the caller may do now. `actions` is computed here
// from the same rules the action routes apply (case-access for who, the domain table for the
// state), so a button shows exactly when its route would accept it.

export async function caseDetail(db: Db, opts: { ctx: RequestContext; caseId: number }): Promise<CaseDetail> {
  const { ctx } = opts;
  const r = await db.query(
    `SELECT ${CASE_LIST_COLUMNS},
            (SELECT count(*) FROM case_followers f WHERE f.case_id = c.id) AS followers,
            (SELECT m.no FROM cases m WHERE m.id = c.merged_into_id) AS merged_into_no
       FROM cases c ${CASE_LIST_JOINS}
      WHERE c.id = $1`,
    [opts.caseId],
  );
  const row = r.rows[0];
  if (!row) throw notFound('案件');
  const c = caseFromRow(row);
  const access = await assertCanSee(db, ctx, c);
  const x = listExtras(row);

  const events = await db.query(
    'SELECT id, at, kind, actor_party, text, data FROM case_events WHERE case_id = $1 ORDER BY at, id', [c.id],
  );
  const files = await db.query(
    `SELECT id, record_type, filename, mime, size_bytes FROM attachments
      WHERE record_type IN ('case', 'case_evidence') AND record_id = $1 ORDER BY created_at, id`,
    [String(c.id)],
  );
  const calls = await db.query(
    `SELECT dc.*, d.name AS department_name, (dc.reported_at IS NULL AND dc.report_due_at < now()) AS overdue
       FROM case_department_calls dc JOIN departments d ON d.id = dc.department_id
      WHERE dc.case_id = $1 ORDER BY dc.called_at, dc.id`,
    [c.id],
  );
  const escalations = await db.query(
    'SELECT from_level, to_level, by_kind, reason, at FROM case_escalations WHERE case_id = $1 ORDER BY at, id', [c.id],
  );
  const alreadyFrom = escalations.rows.map((e) => e.from_level as CaseLevel);
  const myCall = calls.rows.find((d) => ctx.scope.departmentId != null && Number(d.department_id) === ctx.scope.departmentId);

  return {
    ...caseListItem(c, x, isOwnerRole(ctx) ? { mine: access.isFollower } : {}),
    description: c.description,
    locationKind: c.locationKind,
    buildingId: c.buildingId,
    unitId: c.unitId,
    locationText: c.locationText,
    filedByLabel: filedByLabel(c, partyOfRole(c.filedByRole), x.buildingName),
    ownerIsMe: access.isOwner,
    followers: Number(row.followers),
    firstRespondedAt: iso(c.firstRespondedAt),
    resolvedAt: iso(c.resolvedAt),
    autoCloseAt: iso(c.autoCloseAt),
    closedAt: iso(c.closedAt),
    closeKind: c.closeKind,
    ratingComment: c.ratingComment,
    mergedIntoId: c.mergedIntoId,
    mergedInto: c.mergedIntoId != null ? { id: c.mergedIntoId, no: String(row.merged_into_no) } : null,
    companyId: c.companyId,
    verifiedAt: iso(c.verifiedAt),
    timeline: events.rows.map((e) => {
      const data = (e.data ?? {}) as Record<string, unknown>;
      return {
        id: Number(e.id), at: new Date(e.at).toISOString(), kind: String(e.kind),
        kindLabel: CASE_EVENT_KIND_LABELS[String(e.kind)] ?? String(e.kind),
        actorLabel: actorLabel(e.actor_party, data), text: e.text ?? null, data,
      };
    }),
    attachments: files.rows.map((f) => ({
      id: Number(f.id), recordType: String(f.record_type), filename: String(f.filename), mime: String(f.mime),
      sizeBytes: Number(f.size_bytes), url: `/api/v1/attachments/${f.id}`,
    })),
    departmentCalls: calls.rows.map((d) => ({
      departmentId: Number(d.department_id), departmentName: String(d.department_name), calledAt: new Date(d.called_at).toISOString(),
      instruction: String(d.instruction), reportDueAt: new Date(d.report_due_at).toISOString(),
      reportedAt: d.reported_at ? new Date(d.reported_at).toISOString() : null, reportText: d.report_text ?? null, overdue: Boolean(d.overdue),
    })),
    escalations: escalations.rows.map((e) => ({
      fromLevel: e.from_level, toLevel: e.to_level, byKind: e.by_kind, reason: String(e.reason), at: new Date(e.at).toISOString(),
    })),
    actions: isOwnerRole(ctx)
      ? ownerActions(c, access, alreadyFrom)
      : handlerActions(ctx, c, access, { myCallReported: myCall ? myCall.reported_at != null : null }),
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const allowed = (reason: string | null): CaseActionView => (reason ? { allowed: false, reason } : { allowed: true });

/** The owner's buttons: confirm, reopen, escalate (the owner of the case or a follower). */
export function ownerActions(c: CaseRow, access: CaseAccess, alreadyFrom: readonly CaseLevel[]): Record<string, CaseActionView> {
  const notMine = access.isFollower ? null : '只有案件的业主或关注人可以办理';
  const esc = manualEscalationCheck({ level: c.level, state: c.state, alreadyFrom });
  return {
    confirm: allowed(notMine ?? caseActionRefusal(c.state, 'confirm')),
    reopen: allowed(notMine ?? reopenRefusal(c, new Date())),
    escalate: {
      ...allowed(notMine ?? (esc.ok ? confirmWindowRefusal(c, new Date(), '升级') : esc.message)),
      ...(esc.toLevel ? { toLevel: esc.toLevel } : {}),
    },
  };
}

/** Staff, committee, officers and departments: who holds the rung first, then the state. */
export function handlerActions(
  ctx: RequestContext, c: CaseRow, access: CaseAccess, o: { myCallReported: boolean | null },
): Record<string, CaseActionView> {
  const out: Record<string, CaseActionView> = {};
  for (const a of Object.keys(DOMAIN_ACTION) as CaseHandleAction[]) {
    let reason = handlerRefusal(ctx, c, a, access) ?? caseActionRefusal(c.state, DOMAIN_ACTION[a]);
    if (!reason && a === 'report' && o.myCallReported) reason = '本部门已报到';
    out[a] = allowed(reason);
  }
  out.verify = allowed(verifyRefusal(ctx, c));
  return out;
}

/** Why the caller may not verify the complaint (case.verify), or null. */
export function verifyRefusal(ctx: RequestContext, c: CaseRow): string | null {
  if (!ctx.can('case.verify')) return '您没有核实投诉的权限';
  // the same order as the verify route (case-verify.ts): state, company, once
  return caseActionRefusal(c.state, 'verify')
    ?? (c.companyId == null ? '该案件没有对应的物业服务企业，不能作为对物业服务企业的投诉核实' : null)
    ?? (c.verifiedAt ? '该投诉已核实，不能重复核实' : null);
}
