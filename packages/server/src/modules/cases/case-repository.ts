import type { CaseCategory, CaseLevel, CaseLocationKind, CaseParty, CasePriority, CaseState } from '@gongzhi/domain';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';

// One case row as every part of the module reads it. Writers lock it first (FOR UPDATE), so two
// racing actions on one case (an owner's escalation and the sweeper, two reopens) take turns and
// the second sees the first's effect.

export interface CaseRow {
  id: number;
  no: string;
  estateId: number;
  category: CaseCategory;
  priority: CasePriority;
  locationKind: CaseLocationKind;
  buildingId: number | null;
  unitId: number | null;
  locationText: string | null;
  title: string;
  description: string;
  ownerAccountId: number | null;
  filedBy: number;
  filedByRole: string;
  state: CaseState;
  level: CaseLevel;
  handlerParty: CaseParty;
  handlerDepartmentId: number | null;
  assigneeAccountId: number | null;
  respondDueAt: Date | null;
  resolveDueAt: Date | null;
  nextDueAt: Date | null;
  firstRespondedAt: Date | null;
  resolvedAt: Date | null;
  autoCloseAt: Date | null;
  closedAt: Date | null;
  closeKind: 'confirmed' | 'auto' | null;
  rating: number | null;
  ratingComment: string | null;
  reopenCount: number;
  resolvedInTime: boolean | null;
  mergedIntoId: number | null;
  companyId: number | null;
  verifiedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const num = (v: unknown) => (v == null ? null : Number(v));
const date = (v: unknown) => (v == null ? null : new Date(v as string));

export function caseFromRow(r: Record<string, unknown>): CaseRow {
  return {
    id: Number(r.id), no: String(r.no), estateId: Number(r.estate_id),
    category: r.category as CaseCategory, priority: r.priority as CasePriority,
    locationKind: r.location_kind as CaseLocationKind, buildingId: num(r.building_id), unitId: num(r.unit_id),
    locationText: (r.location_text as string | null) ?? null, title: String(r.title), description: String(r.description),
    ownerAccountId: num(r.owner_account_id), filedBy: Number(r.filed_by), filedByRole: String(r.filed_by_role),
    state: r.state as CaseState, level: r.level as CaseLevel, handlerParty: r.handler_party as CaseParty,
    handlerDepartmentId: num(r.handler_department_id), assigneeAccountId: num(r.assignee_account_id),
    respondDueAt: date(r.respond_due_at), resolveDueAt: date(r.resolve_due_at), nextDueAt: date(r.next_due_at),
    firstRespondedAt: date(r.first_responded_at), resolvedAt: date(r.resolved_at), autoCloseAt: date(r.auto_close_at),
    closedAt: date(r.closed_at), closeKind: (r.close_kind as 'confirmed' | 'auto' | null) ?? null,
    rating: num(r.rating), ratingComment: (r.rating_comment as string | null) ?? null, reopenCount: Number(r.reopen_count),
    resolvedInTime: (r.resolved_in_time as boolean | null) ?? null, mergedIntoId: num(r.merged_into_id),
    companyId: num(r.company_id), verifiedAt: date(r.verified_at),
    createdAt: new Date(r.created_at as string), updatedAt: new Date(r.updated_at as string),
  };
}

/** The case, or 404. Scope is NOT checked here: callers check who may see or act (case-access). */
export async function loadCase(db: Db, id: number, opts: { forUpdate?: boolean } = {}): Promise<CaseRow> {
  const r = await db.query(`SELECT * FROM cases WHERE id = $1${opts.forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  if (!r.rows.length) throw notFound('案件');
  return caseFromRow(r.rows[0]);
}
