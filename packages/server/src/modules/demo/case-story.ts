import { CASE_LEVEL_LABELS, nextLevel, type CaseCategory, type CaseLevel, type CaseLocationKind, type CaseParty, type CasePriority, type CaseState } from '@gongzhi/domain';
import type { CaseEventInput, CaseEventKind } from '../cases/index.ts';

// One demo case told as a story: filed at a moment in the past, then the steps the module's use
// cases take (respond, assign, resolve, reopen, escalate, call departments, report, confirm,
// merge, verify), each at its own moment. The story keeps the row, the timeline, the
// escalations and the department calls consistent with each other, the way the API leaves them,
// so the demo's pages show real timelines. The loader (generate-cases.ts) writes what it holds.

export interface Actor { accountId: number; role: string; party: string }
export const SYSTEM: Actor = { accountId: 0, role: 'system', party: 'system' };

export interface StoryFiling {
  estateId: number;
  category: CaseCategory;
  priority?: CasePriority;
  locationKind: CaseLocationKind;
  buildingId?: number | null;
  unitId?: number | null;
  locationText?: string | null;
  title: string;
  description: string;
  /** the owner the case is for (null: staff's own case) */
  ownerAccountId: number | null;
  filer: Actor;
  filedByRole: string;
  party: CaseParty;
  departmentId?: number | null;
  companyId: number | null;
  at: Date;
}

export interface StoryCall { departmentId: number; calledBy: number; calledAt: Date; instruction: string; reportDueAt: Date; reportedAt: Date | null; reportedBy: number | null; reportText: string | null; overdueFlaggedAt?: Date }
export interface StoryEscalation { fromLevel: CaseLevel; toLevel: CaseLevel; byKind: 'auto' | 'manual'; reason: string; actorAccountId: number | null; at: Date }

const PARTY_OF_LEVEL: Record<CaseLevel, CaseParty> = { company: 'company', committee: 'committee', community: 'community', street: 'street', department: 'department' };
const HOUR = 3_600_000;

export class CaseStory {
  state: CaseState = 'open';
  level: CaseLevel;
  handlerParty: CaseParty;
  handlerDepartmentId: number | null;
  assigneeAccountId: number | null = null;
  respondDueAt: Date | null = null;
  resolveDueAt: Date | null = null;
  firstRespondedAt: Date | null = null;
  rungResponded = false;
  resolvedAt: Date | null = null;
  autoCloseAt: Date | null = null;
  closedAt: Date | null = null;
  closeKind: 'confirmed' | 'auto' | null = null;
  rating: number | null = null;
  ratingComment: string | null = null;
  reopenCount = 0;
  resolvedInTime: boolean | null = null;
  mergedIntoKey: string | null = null;
  verifiedAt: Date | null = null;
  verifiedBy: number | null = null;
  overdueFlagged = false;
  updatedAt: Date;
  readonly events: Omit<CaseEventInput, 'caseId'>[] = [];
  readonly escalations: StoryEscalation[] = [];
  readonly calls: StoryCall[] = [];
  readonly audits: { actor: Actor; action: string; at: Date }[] = [];
  /** photos: the filer's (case) and the handler's evidence (case_evidence) */
  readonly photos: { recordType: 'case' | 'case_evidence'; filename: string; by: number; wall: [number, number, number] }[] = [];

  constructor(readonly key: string, readonly f: StoryFiling, deadline: { respondH: number; resolveH: number }) {
    this.level = f.party === 'secretary' ? 'committee' : (f.party as CaseLevel);
    this.handlerParty = f.party;
    this.handlerDepartmentId = f.departmentId ?? null;
    this.updatedAt = f.at;
    this.event(f.filer, f.at, 'filed', f.filedByRole === 'owner' ? '业主提交案件' : '代业主登记案件');
    this.event(SYSTEM, f.at, 'routed', `按分派规则由${CASE_LEVEL_LABELS[this.level]}办理`, { party: f.party });
    this.audit(f.filer, 'case.file', f.at);
    this.setDeadlines(f.at, deadline);
  }

  private event(actor: Actor, at: Date, kind: CaseEventKind, text: string | null, data: Record<string, unknown> = {}) {
    this.events.push({ kind, at, text, data, actorAccountId: actor.accountId || null, actorRole: actor.role, actorParty: actor.party });
    this.updatedAt = at;
  }

  private audit(actor: Actor, action: string, at: Date) {
    this.audits.push({ actor, action, at });
  }

  private setDeadlines(from: Date, d: { respondH: number; resolveH: number }) {
    this.respondDueAt = new Date(from.getTime() + d.respondH * HOUR);
    this.resolveDueAt = new Date(from.getTime() + d.resolveH * HOUR);
    this.rungResponded = false;
  }

  /** the deadline still running (what the sweeper watches), as the module defines it */
  get nextDueAt(): Date | null {
    if (this.state !== 'open' && this.state !== 'in_progress') return null;
    if (this.level === 'department' && this.calls.length > 0 && this.calls.every((c) => c.reportedAt)) return null;
    if (this.overdueFlagged) return null;
    return this.rungResponded ? this.resolveDueAt : this.respondDueAt;
  }

  photo(recordType: 'case' | 'case_evidence', filename: string, by: Actor, wall: [number, number, number]): this {
    this.photos.push({ recordType, filename, by: by.accountId, wall });
    return this;
  }

  assign(by: Actor, at: Date, assignee: { accountId: number; name: string }): this {
    this.assigneeAccountId = assignee.accountId;
    this.event(by, at, 'assigned', `指派给 ${assignee.name}`, { assigneeAccountId: assignee.accountId });
    this.audit(by, 'case.assign', at);
    return this;
  }

  respond(by: Actor, at: Date, text: string): this {
    this.firstRespondedAt ??= at;
    this.rungResponded = true;
    if (this.state === 'open') this.state = 'in_progress';
    this.event(by, at, 'responded', text);
    this.audit(by, 'case.respond', at);
    return this;
  }

  note(by: Actor, at: Date, text: string): this {
    this.event(by, at, 'note', text);
    this.audit(by, 'case.note', at);
    return this;
  }

  resolve(by: Actor, at: Date, text: string, autoCloseDays = 7): this {
    this.state = 'resolved';
    this.resolvedAt = at;
    this.resolvedInTime = this.resolveDueAt === null || at <= this.resolveDueAt;
    this.autoCloseAt = new Date(at.getTime() + autoCloseDays * 24 * HOUR);
    this.event(by, at, 'resolved', text);
    this.audit(by, 'case.resolve', at);
    return this;
  }

  confirm(by: Actor, at: Date, rating: number, comment: string | null): this {
    Object.assign(this, { state: 'closed', closedAt: at, closeKind: 'confirmed', rating, ratingComment: comment, autoCloseAt: null });
    this.event(by, at, 'confirmed', comment ? `业主确认办结并评价 ${rating} 星：${comment}` : `业主确认办结并评价 ${rating} 星`, { rating });
    this.audit(by, 'case.confirm', at);
    return this;
  }

  autoClose(): this {
    const at = this.autoCloseAt!;
    Object.assign(this, { state: 'closed', closedAt: at, closeKind: 'auto', autoCloseAt: null });
    this.event(SYSTEM, at, 'auto_closed', '业主逾期未确认，案件自动办结');
    this.audit(SYSTEM, 'case.auto_close', at);
    return this;
  }

  reopen(by: Actor, at: Date, reason: string, d: { respondH: number; resolveH: number }): this {
    Object.assign(this, { state: 'in_progress', resolvedAt: null, autoCloseAt: null, resolvedInTime: null });
    this.reopenCount++;
    this.setDeadlines(at, d);
    // the rung answered already: its resolve deadline is what runs after a reopen
    this.rungResponded = true;
    this.event(by, at, 'reopened', `业主申请重新处理：${reason}`, { reason });
    this.audit(by, 'case.reopen', at);
    return this;
  }

  escalate(by: Actor | 'auto', at: Date, d: { respondH: number; resolveH: number }, reason?: string): this {
    const to = nextLevel(this.level)!;
    const auto = by === 'auto';
    const why = auto ? `处理时限已到仍未办结，自动升级至${CASE_LEVEL_LABELS[to]}` : reason!;
    this.escalations.push({ fromLevel: this.level, toLevel: to, byKind: auto ? 'auto' : 'manual', reason: why, actorAccountId: auto ? null : by.accountId, at });
    this.event(auto ? SYSTEM : by, at, 'escalated', why, { fromLevel: this.level, toLevel: to, byKind: auto ? 'auto' : 'manual' });
    this.audit(auto ? SYSTEM : by, 'case.escalate', at);
    Object.assign(this, { level: to, handlerParty: PARTY_OF_LEVEL[to], assigneeAccountId: null, state: 'open', resolvedAt: null, autoCloseAt: null });
    this.setDeadlines(at, d);
    return this;
  }

  /** at the street or a department: no rung above runs automatically; the deadline is marked once */
  markOverdue(at: Date): this {
    this.overdueFlagged = true;
    this.event(SYSTEM, at, 'deadline', '已超过办理时限');
    return this;
  }

  callDepartments(by: Actor, at: Date, departments: { id: number; name: string }[], instruction: string, reportDueAt: Date): this {
    Object.assign(this, { level: 'department', handlerParty: 'department', handlerDepartmentId: departments[0]!.id, state: 'in_progress' });
    for (const d of departments) {
      this.calls.push({ departmentId: d.id, calledBy: by.accountId, calledAt: at, instruction, reportDueAt, reportedAt: null, reportedBy: null, reportText: null });
      this.event(by, at, 'department_called', `街道吹哨：请${d.name}报到。${instruction}`, { departmentId: d.id, departmentName: d.name, reportDueAt: reportDueAt.toISOString() });
    }
    this.audit(by, 'case.call_departments', at);
    return this;
  }

  /** routed straight to a department by the estate's rule: one call by the filer */
  routedToDepartment(department: { id: number; name: string }, reportDueAt: Date): this {
    this.calls.push({
      departmentId: department.id, calledBy: this.f.filer.accountId, calledAt: this.f.at, instruction: '按分派规则直接转办', reportDueAt,
      reportedAt: null, reportedBy: null, reportText: null,
    });
    this.event(SYSTEM, this.f.at, 'department_called', `按分派规则转${department.name}办理`, { departmentId: department.id, departmentName: department.name, reportDueAt: reportDueAt.toISOString() });
    return this;
  }

  report(by: Actor, at: Date, departmentId: number, departmentName: string, text: string): this {
    const call = this.calls.find((c) => c.departmentId === departmentId)!;
    Object.assign(call, { reportedAt: at, reportedBy: by.accountId, reportText: text });
    this.rungResponded = true;
    this.firstRespondedAt ??= at;
    this.event(by, at, 'department_reported', `${departmentName}报到：${text}`, { departmentId, departmentName });
    this.audit(by, 'case.report', at);
    return this;
  }

  /** a called department past its report deadline without a report: flagged once by the sweeper */
  flagCallOverdue(at: Date, departmentId: number, departmentName: string): this {
    this.calls.find((c) => c.departmentId === departmentId)!.overdueFlaggedAt = at;
    this.event(SYSTEM, at, 'deadline', `${departmentName}逾期未报到`, { departmentId, departmentName });
    return this;
  }

  mergeInto(by: Actor, at: Date, survivor: CaseStory): this {
    Object.assign(this, { state: 'merged', mergedIntoKey: survivor.key });
    this.event(by, at, 'merged', `与案件「${survivor.f.title}」重复，已合并办理`);
    survivor.event(by, at, 'merged_in', `合并了重复案件「${this.f.title}」，其业主一并关注本案`);
    this.audit(by, 'case.merge', at);
    return this;
  }

  verify(by: Actor, at: Date, note: string): this {
    this.verifiedAt = at;
    this.verifiedBy = by.accountId;
    this.event(by, at, 'verified', `经核实投诉属实：${note}`, { note });
    this.audit(by, 'case.verify', at);
    return this;
  }
}
