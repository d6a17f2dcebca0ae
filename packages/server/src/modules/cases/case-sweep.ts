import type { CaseSweepResult } from '@gongzhi/contracts';
import { autoEscalationReason, autoEscalationTarget, type CaseCategory, type CaseLevel, type CasePriority } from '@gongzhi/domain';
import { appendAuditMany, type AuditActor, type AuditInput } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { addCaseEvents, type CaseEventInput } from './case-events.ts';
import { escalateCases, type EscalationCase } from './case-escalate.ts';

// The sweeper: what falls due while nobody acts. In the caller's transaction, set-based, at most
// `limit` rows (≤ 2,000) over all its parts, each row claimed with FOR UPDATE SKIP LOCKED so two
// sweepers (two servers, or a job and a test) never take the same row and never wait for each
// other, and a case an owner or handler is acting on right now is left for the next run:
// 1. cases whose running deadline passed: below the street → one rung up (case.escalate, 'auto');
//    at the street or a department (no automatic rung above) → next_due_at cleared and one
//    'deadline' event (the queues still show it overdue by resolve_due_at);
// 2. resolved cases past auto_close_at → closed ('auto'), unrated;
// 3. department calls past report_due_at without a report → overdue_flagged_at, once, with an
//    event on the timeline of a case still running.
// Every change is audited (appendAuditMany, actor system) in the same transaction.

export const SWEEP_CHUNK = 2000;
const SYSTEM: AuditActor = { accountId: null, role: 'system', ip: null };
const systemEvent = { actorAccountId: null, actorRole: 'system', actorParty: 'system' } as const;

export async function sweepCases(db: Db, o: { now?: Date; limit?: number } = {}): Promise<CaseSweepResult> {
  const now = o.now ?? new Date();
  let left = Math.max(0, Math.min(o.limit ?? SWEEP_CHUNK, SWEEP_CHUNK));
  const out: CaseSweepResult = { escalated: 0, flagged: 0, autoClosed: 0, departmentOverdue: 0 };
  const events: CaseEventInput[] = [];
  const audits: { actor: AuditActor; input: AuditInput }[] = [];

  // 1. running deadlines
  if (left > 0) {
    const due = await db.query(
      `SELECT id, no, estate_id, category, priority, level, next_due_at FROM cases
        WHERE next_due_at <= $1 AND state IN ('open', 'in_progress')
        ORDER BY next_due_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, left],
    );
    left -= due.rows.length;
    const up: { case: EscalationCase; toLevel: CaseLevel; reason: string }[] = [];
    const top: { id: number; no: string; estateId: number; level: CaseLevel; dueAt: Date }[] = [];
    const dueOf = new Map<number, Date>();
    for (const r of due.rows) {
      const c: EscalationCase = {
        id: Number(r.id), no: String(r.no), estateId: Number(r.estate_id),
        category: r.category as CaseCategory, priority: r.priority as CasePriority, level: r.level as CaseLevel,
      };
      dueOf.set(c.id, new Date(r.next_due_at));
      const to = autoEscalationTarget(c.level);
      if (to) up.push({ case: c, toLevel: to, reason: autoEscalationReason(to) });
      else top.push({ id: c.id, no: c.no, estateId: c.estateId, level: c.level, dueAt: dueOf.get(c.id)! });
    }
    // the escalation writer audits its own moves; the rest are audited below in one append
    const moved = new Set((await escalateCases(db, { items: up, byKind: 'auto', actor: SYSTEM, now })).map((m) => m.caseId));
    out.escalated = moved.size;
    // a case already escalated from its rung (inconsistent data) must not stay due forever: it
    // only shows overdue, like a case at the top
    for (const u of up) {
      if (!moved.has(u.case.id)) top.push({ id: u.case.id, no: u.case.no, estateId: u.case.estateId, level: u.case.level, dueAt: dueOf.get(u.case.id)! });
    }
    if (top.length) {
      await db.query(`UPDATE cases SET next_due_at = NULL, updated_at = $2 WHERE id = ANY($1::bigint[])`, [top.map((x) => x.id), now]);
      for (const x of top) {
        events.push({ ...systemEvent, caseId: x.id, kind: 'deadline', at: now, text: '已超过办理时限', data: { level: x.level, dueAt: x.dueAt.toISOString() } });
        audits.push({ actor: SYSTEM, input: { action: 'case.overdue', targetType: 'case', targetId: x.id, estateId: x.estateId, summary: { no: x.no, level: x.level, dueAt: x.dueAt.toISOString() } } });
      }
      out.flagged = top.length;
    }
  }

  // 2. resolved cases the owner left unanswered
  if (left > 0) {
    const closed = await db.query(
      `WITH due AS (
         SELECT id FROM cases WHERE state = 'resolved' AND auto_close_at <= $1
          ORDER BY auto_close_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
       UPDATE cases c SET state = 'closed', closed_at = $1, close_kind = 'auto', updated_at = $1
         FROM due WHERE c.id = due.id
       RETURNING c.id, c.no, c.estate_id, c.resolved_at`,
      [now, left],
    );
    left -= closed.rows.length;
    for (const r of closed.rows) {
      const id = Number(r.id);
      events.push({ ...systemEvent, caseId: id, kind: 'auto_closed', at: now, text: '业主未在规定期限内确认，案件自动办结' });
      audits.push({ actor: SYSTEM, input: { action: 'case.auto_close', targetType: 'case', targetId: id, estateId: Number(r.estate_id), summary: { no: r.no, resolvedAt: new Date(r.resolved_at).toISOString() } } });
    }
    out.autoClosed = closed.rows.length;
  }

  // 3. departments that did not report in time
  if (left > 0) {
    const late = await db.query(
      // the case row is claimed with its call (every writer of a case's timeline locks the case):
      // a case being resolved or reported on right now is left for the next run
      `WITH due AS (
         SELECT dc.id FROM case_department_calls dc JOIN cases c ON c.id = dc.case_id
          WHERE dc.reported_at IS NULL AND dc.overdue_flagged_at IS NULL AND dc.report_due_at <= $1
          ORDER BY dc.report_due_at, dc.id LIMIT $2 FOR UPDATE OF dc, c SKIP LOCKED)
       UPDATE case_department_calls dc SET overdue_flagged_at = $1 FROM due, cases c WHERE dc.id = due.id AND c.id = dc.case_id
       RETURNING dc.id, dc.case_id, dc.department_id, dc.report_due_at,
                 (SELECT name FROM departments d WHERE d.id = dc.department_id) AS department_name,
                 c.estate_id, c.state IN ('open', 'in_progress') AS running`,
      [now, left],
    );
    for (const r of late.rows) {
      const caseId = Number(r.case_id);
      const data = { departmentId: Number(r.department_id), departmentName: r.department_name, reportDueAt: new Date(r.report_due_at).toISOString() };
      // a case already resolved or closed without this report keeps its timeline as it ended
      if (r.running) events.push({ ...systemEvent, caseId, kind: 'deadline', at: now, text: `${r.department_name}未在报到期限内反馈`, data });
      audits.push({ actor: SYSTEM, input: { action: 'case.department_overdue', targetType: 'case', targetId: caseId, estateId: Number(r.estate_id), summary: data } });
    }
    out.departmentOverdue = late.rows.length;
  }

  await addCaseEvents(db, events);
  await appendAuditMany(db, audits);
  return out;
}

/** How many rows a sweep touched: a full chunk means more may be waiting. */
export const sweptRows = (r: CaseSweepResult) => r.escalated + r.flagged + r.autoClosed + r.departmentOverdue;
