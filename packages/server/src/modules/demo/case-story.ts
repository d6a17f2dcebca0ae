import { autoEscalationReason, caseDueDates, CASE_PARTY_LABELS, DEFAULT_CASE_DEADLINES, nextLevel, type CaseCategory, type CaseLevel, type CaseLocationKind, type CaseParty, type CasePriority, type CaseState } from '@gongzhi/domain';
import type { CaseEventInput, CaseEventKind } from '../cases/index.ts';

// One demo case told as a story: filed at a moment in the past, then the steps the module's use
// cases take (respond, assign, resolve, reopen, escalate, call departments, report, confirm,
// merge, verify), each at its own moment. Deadlines are the platform's defaults for the category
// and priority, counted in working hours or days from the moment a rung starts (filing,
// escalation, reopening), as the API counts them; a deadline that a story lets pass (an automatic
// escalation, an overdue mark) is the moment it passed. The story keeps the row, the timeline, the
// escalations and the department calls consistent with each other, the way the API leaves them,
// so the demo's pages show real timelines. Texts and data of the timeline are the ones the
// module's writers leave (case-file, case-respond, case-escalate, case-sweep …). The loader
// (generate-cases.ts) writes what it holds.

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

  constructor(readonly key: string, readonly f: StoryFiling, department?: { id: number; name: string }) {
    this.level = f.party === 'secretary' ? 'committee' : (f.party as CaseLevel);
    this.handlerParty = f.party;
    this.handlerDepartmentId = f.departmentId ?? null;
    this.updatedAt = f.at;
    this.setDeadlines(f.at);
    const onBehalf = f.filedByRole !== 'owner' && f.ownerAccountId != null;
    this.event(f.filer, f.at, 'filed', f.title, { category: f.category, priority: f.priority ?? 'normal', onBehalf });
    this.event(SYSTEM, f.at, 'routed', `按分派规则交由${department?.name ?? CASE_PARTY_LABELS[f.party]}办理`, {
      party: f.party, level: this.level, departmentId: department?.id ?? null, ...this.dueData(),
    });
    this.audit(f.filer, 'case.file', f.at);
  }

  private dueData() {
    return { respondDueAt: this.respondDueAt!.toISOString(), resolveDueAt: this.resolveDueAt!.toISOString() };
  }

  private event(actor: Actor, at: Date, kind: CaseEventKind, text: string | null, data: Record<string, unknown> = {}) {
    this.events.push({ kind, at, text, data, actorAccountId: actor.accountId || null, actorRole: actor.role, actorParty: actor.party });
    this.updatedAt = at;
  }

  private audit(actor: Actor, action: string, at: Date) {
    this.audits.push({ actor, action, at });
  }

  private setDeadlines(from: Date) {
    const due = caseDueDates(from, DEFAULT_CASE_DEADLINES[this.f.category][this.f.priority ?? 'normal']);
    this.respondDueAt = due.respondDueAt;
    this.resolveDueAt = due.resolveDueAt;
    this.rungResponded = false;
  }

  /** the running deadline passed at `at` (the story says when; the row keeps it) */
  private passedAt(at: Date) {
    if (this.rungResponded) this.resolveDueAt = at;
    else this.respondDueAt = at;
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

  assign(by: Actor, at: Date, assignee: Actor, roleLabel: string): this {
    this.assigneeAccountId = assignee.accountId;
    this.event(by, at, 'assigned', `已指派${roleLabel}办理`, { level: this.level, assigneeAccountId: assignee.accountId, assigneeRole: assignee.role });
    this.audit(by, 'case.assign', at);
    return this;
  }

  respond(by: Actor, at: Date, text: string): this {
    this.firstRespondedAt ??= at;
    this.rungResponded = true;
    if (this.state === 'open') this.state = 'in_progress';
    this.event(by, at, 'responded', text, { level: this.level, inTime: this.respondDueAt === null || at <= this.respondDueAt });
    this.audit(by, 'case.respond', at);
    return this;
  }

  note(by: Actor, at: Date, text: string): this {
    this.event(by, at, 'note', text, { level: this.level });
    this.audit(by, 'case.note', at);
    return this;
  }

  resolve(by: Actor, at: Date, text: string, autoCloseDays = 7): this {
    this.state = 'resolved';
    this.resolvedAt = at;
    this.resolvedInTime = this.resolveDueAt === null || at <= this.resolveDueAt;
    this.autoCloseAt = new Date(at.getTime() + autoCloseDays * 86_400_000);
    this.event(by, at, 'resolved', text, { level: this.level, inTime: this.resolvedInTime, autoCloseAt: this.autoCloseAt.toISOString() });
    this.audit(by, 'case.resolve', at);
    return this;
  }

  confirm(by: Actor, at: Date, rating: number, comment: string | null): this {
    Object.assign(this, { state: 'closed', closedAt: at, closeKind: 'confirmed', rating, ratingComment: comment, autoCloseAt: null });
    this.event(by, at, 'confirmed', comment, { rating });
    this.audit(by, 'case.confirm', at);
    return this;
  }

  autoClose(): this {
    const at = this.autoCloseAt!;
    Object.assign(this, { state: 'closed', closedAt: at, closeKind: 'auto', autoCloseAt: null });
    this.event(SYSTEM, at, 'auto_closed', '业主未在规定期限内确认，案件自动办结');
    this.audit(SYSTEM, 'case.auto_close', at);
    return this;
  }

  reopen(by: Actor, at: Date, reason: string): this {
    Object.assign(this, { state: 'in_progress', resolvedAt: null, autoCloseAt: null, resolvedInTime: null });
    this.reopenCount++;
    // a new resolve deadline at the same rung, which has answered already: it is what runs now
    this.resolveDueAt = caseDueDates(at, DEFAULT_CASE_DEADLINES[this.f.category][this.f.priority ?? 'normal']).resolveDueAt;
    this.rungResponded = true;
    this.event(by, at, 'reopened', reason, { reopenCount: this.reopenCount, resolveDueAt: this.resolveDueAt!.toISOString() });
    this.audit(by, 'case.reopen', at);
    return this;
  }

  escalate(by: Actor | 'auto', at: Date, reason?: string, opts: { audit?: boolean; departmentId?: number } = {}): this {
    const to = nextLevel(this.level)!;
    const auto = by === 'auto';
    if (auto) this.passedAt(at);
    const why = auto ? autoEscalationReason(to) : reason!;
    const from = this.level;
    this.escalations.push({ fromLevel: from, toLevel: to, byKind: auto ? 'auto' : 'manual', reason: why, actorAccountId: auto ? null : by.accountId, at });
    Object.assign(this, {
      level: to, handlerParty: PARTY_OF_LEVEL[to], handlerDepartmentId: opts.departmentId ?? null, assigneeAccountId: null, state: 'open',
      resolvedAt: null, autoCloseAt: null,
    });
    this.setDeadlines(at);
    this.event(auto ? SYSTEM : by, at, 'escalated', why, { fromLevel: from, toLevel: to, byKind: auto ? 'auto' : 'manual', ...this.dueData() });
    if (opts.audit !== false) this.audit(auto ? SYSTEM : by, 'case.escalate', at);
    return this;
  }

  /** at the street or a department: no rung above runs automatically; the deadline is marked once */
  markOverdue(latest: Date): this {
    // when the rung's own deadline passed before `latest`, that is the moment; else it passes then
    const running = (this.rungResponded ? this.resolveDueAt : this.respondDueAt)!;
    const at = running < latest ? running : latest;
    this.passedAt(at);
    this.overdueFlagged = true;
    this.event(SYSTEM, at, 'deadline', '已超过办理时限', { level: this.level, dueAt: (this.rungResponded ? this.resolveDueAt : this.respondDueAt)!.toISOString() });
    this.audit(SYSTEM, 'case.overdue', at);
    return this;
  }

  /** 吹哨: the case goes up to the department rung (an escalation with the instruction as its
   *  reason, as case-call-departments writes it), one call per department */
  callDepartments(by: Actor, at: Date, departments: { id: number; name: string }[], instruction: string, reportDueAt: Date, reportDays: number): this {
    this.escalate(by, at, instruction, { audit: false, departmentId: departments[0]!.id });
    for (const d of departments) {
      this.calls.push({ departmentId: d.id, calledBy: by.accountId, calledAt: at, instruction, reportDueAt, reportedAt: null, reportedBy: null, reportText: null });
      this.event(by, at, 'department_called', instruction, { departmentId: d.id, departmentName: d.name, reportDueAt: reportDueAt.toISOString(), reportDays });
    }
    this.audit(by, 'case.call_departments', at);
    return this;
  }

  /** routed straight to a department by the estate's rule: one call by the filer (no event:
   *  the 'routed' one names the department) */
  routedToDepartment(department: { id: number; name: string }, reportDueAt: Date): this {
    this.calls.push({
      departmentId: department.id, calledBy: this.f.filer.accountId, calledAt: this.f.at, instruction: '按分派规则直接转办', reportDueAt,
      reportedAt: null, reportedBy: null, reportText: null,
    });
    return this;
  }

  report(by: Actor, at: Date, departmentId: number, departmentName: string, text: string): this {
    const call = this.calls.find((c) => c.departmentId === departmentId)!;
    Object.assign(call, { reportedAt: at, reportedBy: by.accountId, reportText: text });
    this.state = 'in_progress';
    this.rungResponded = true;
    this.firstRespondedAt ??= at;
    this.event(by, at, 'department_reported', text, { departmentId, departmentName, allReported: this.calls.every((c) => c.reportedAt) });
    this.audit(by, 'case.report', at);
    return this;
  }

  /** a called department past its report deadline without a report: flagged once by the sweeper */
  flagCallOverdue(at: Date, departmentId: number, departmentName: string): this {
    const call = this.calls.find((c) => c.departmentId === departmentId)!;
    call.overdueFlaggedAt = at;
    this.event(SYSTEM, at, 'deadline', `${departmentName}未在报到期限内反馈`, { departmentId, departmentName, reportDueAt: call.reportDueAt.toISOString() });
    this.audit(SYSTEM, 'case.department_overdue', at);
    return this;
  }

  mergeInto(by: Actor, at: Date, survivor: CaseStory): this {
    Object.assign(this, { state: 'merged', mergedIntoKey: survivor.key });
    // the case numbers are drawn when the rows are written: the writer fills {into} and {from}
    this.event(by, at, 'merged', '与案件 {into} 反映的是同一问题，已合并到该案件办理', { intoKey: survivor.key });
    survivor.event(by, at, 'merged_in', '案件 {from} 反映的是同一问题，已合并到本案件办理', { fromKey: this.key, followersAdded: 1 });
    this.audit(by, 'case.merge', at);
    return this;
  }

  verify(by: Actor, at: Date, note: string): this {
    this.verifiedAt = at;
    this.verifiedBy = by.accountId;
    this.event(by, at, 'verified', note, { companyId: this.f.companyId });
    this.audit(by, 'case.verify', at);
    return this;
  }
}
