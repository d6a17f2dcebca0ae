import type { EscalateCaseBody } from '@gongzhi/contracts';
import {
  CASE_LEVEL_LABELS, caseDueDates, deadlineRuleFor as ruleFromOverrides, manualEscalationCheck, type CaseDeadlineOverride,
  type CaseDeadlineRule, type CaseLevel, type CaseParty,
} from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import { appendAuditMany, type AuditActor } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { assertCanSee } from './case-access.ts';
import { addCaseEvents } from './case-events.ts';
import { notifyFollowers, notifyRungHolders } from './case-notify.ts';
import { partyOfRole } from './case-actor.ts';
import { confirmWindowRefusal } from './case-reopen.ts';
import { loadCase, type CaseRow } from './case-repository.ts';
import { deadlineOverrides } from './case-rules.ts';

// Escalation: a case moves one rung up the ladder. One writer for every path — the owner's hand
// (POST /my/cases/:id/escalate), the street office calling in departments (吹哨) and the sweeper
// (thousands at a time) — so the rung, the new deadlines, the once-per-rung row, the timeline and
// the audit are written the same way everywhere.
//
// On escalation the case is 'open' again (the new rung must respond), its assignee is cleared,
// its respond/resolve deadlines restart from the same category/priority rule, and next_due_at is
// the new respond deadline. first_responded_at stays the first response ever. A resolved case
// escalated by its unsatisfied owner loses its resolution (and its auto-close time).

export type EscalationCase = Pick<CaseRow, 'id' | 'no' | 'estateId' | 'category' | 'priority' | 'level'>;

export interface EscalationItem {
  case: EscalationCase;
  toLevel: CaseLevel;
  /** required when toLevel is 'department': the department that holds the case */
  departmentId?: number | null;
  reason: string;
}

export interface EscalatedCase {
  caseId: number;
  fromLevel: CaseLevel;
  toLevel: CaseLevel;
  respondDueAt: Date;
  resolveDueAt: Date;
}

/** The party that holds a rung reached by escalation (the secretary is only ever routed to). */
const PARTY_AT: Record<CaseLevel, CaseParty> = {
  company: 'company', committee: 'committee', community: 'community', street: 'street', department: 'department',
};

/** The deadline rules of many cases: each estate's overrides read once, the domain picks the rule. */
export async function rulesOf(db: Db, cases: readonly EscalationCase[]): Promise<(c: EscalationCase) => CaseDeadlineRule> {
  const overrides = new Map<number, CaseDeadlineOverride[]>();
  for (const c of cases) if (!overrides.has(c.estateId)) overrides.set(c.estateId, await deadlineOverrides(db, c.estateId));
  return (c) => ruleFromOverrides(overrides.get(c.estateId)!, c.category, c.priority);
}

/**
 * Escalates many cases in a few statements. The caller holds the rows locked (FOR UPDATE) and has
 * judged each move. A case already escalated from its rung (the UNIQUE row exists) is skipped and
 * left as it was; the answer lists only the cases that moved.
 */
export async function escalateCases(
  db: Db,
  o: {
    items: readonly EscalationItem[];
    byKind: 'auto' | 'manual';
    /** the timeline names its party: 'owner', 'street', 'system' (partyOfRole) */
    actor: AuditActor;
    now: Date;
    /** false: the caller writes its own audit event (calling in departments) */
    audit?: boolean;
  },
): Promise<EscalatedCase[]> {
  if (!o.items.length) return [];
  const ruleOf = await rulesOf(db, o.items.map((i) => i.case));
  // one computation per distinct rule: the sweeper moves thousands of cases sharing a few rules
  const dueMemo = new Map<string, { respondDueAt: Date; resolveDueAt: Date }>();
  const planned = o.items.map((i) => {
    const rule = ruleOf(i.case);
    const k = `${rule.respondAmount}${rule.respondUnit}:${rule.resolveAmount}${rule.resolveUnit}`;
    let due = dueMemo.get(k);
    if (!due) dueMemo.set(k, (due = caseDueDates(o.now, rule)));
    return { ...i, ...due };
  });
  const r = await db.query(
    `WITH t AS (
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::timestamptz[], $6::timestamptz[], $7::text[])
         AS t(case_id, from_level, to_level, department_id, respond_due, resolve_due, reason)),
     ins AS (
       INSERT INTO case_escalations (case_id, from_level, to_level, by_kind, reason, actor_account_id, at)
       SELECT case_id, from_level, to_level, $8, reason, $9, $10 FROM t
       ON CONFLICT (case_id, from_level) DO NOTHING
       RETURNING case_id)
     UPDATE cases c
        SET level = t.to_level, handler_party = $11::jsonb ->> t.to_level, handler_department_id = t.department_id,
            assignee_account_id = NULL, state = 'open', respond_due_at = t.respond_due, resolve_due_at = t.resolve_due,
            next_due_at = t.respond_due, resolved_at = NULL, resolved_in_time = NULL, auto_close_at = NULL, updated_at = $10
       FROM t JOIN ins ON ins.case_id = t.case_id
      WHERE c.id = t.case_id
     RETURNING c.id`,
    [
      planned.map((p) => p.case.id), planned.map((p) => p.case.level), planned.map((p) => p.toLevel),
      planned.map((p) => p.departmentId ?? null), planned.map((p) => p.respondDueAt), planned.map((p) => p.resolveDueAt),
      planned.map((p) => p.reason), o.byKind, o.actor.accountId, o.now, JSON.stringify(PARTY_AT),
    ],
  );
  const moved = new Set(r.rows.map((x) => Number(x.id)));
  const done = planned.filter((p) => moved.has(p.case.id));
  await addCaseEvents(db, done.map((p) => ({
    caseId: p.case.id, kind: 'escalated' as const, at: o.now,
    actorAccountId: o.actor.accountId, actorRole: o.actor.role, actorParty: partyOfRole(o.actor.role),
    text: p.reason,
    data: {
      fromLevel: p.case.level, toLevel: p.toLevel, byKind: o.byKind,
      respondDueAt: p.respondDueAt.toISOString(), resolveDueAt: p.resolveDueAt.toISOString(),
    },
  })));
  // the rung reached and the case's people are told, one statement each for the whole batch;
  // a department called in by the street is told by the call writer (with its report deadline)
  const movedIds = done.map((p) => p.case.id);
  await notifyRungHolders(db, {
    caseIds: done.filter((p) => p.toLevel !== 'department').map((p) => p.case.id), kind: 'escalated', now: o.now, exceptAccountId: o.actor.accountId,
  });
  await notifyFollowers(db, { caseIds: movedIds, kind: 'escalated', now: o.now, exceptAccountId: o.actor.accountId });
  if (o.audit !== false) {
    await appendAuditMany(db, done.map((p) => ({
      actor: o.actor,
      input: {
        action: 'case.escalate', targetType: 'case', targetId: p.case.id, estateId: p.case.estateId,
        summary: { no: p.case.no, fromLevel: p.case.level, toLevel: p.toLevel, byKind: o.byKind, reason: p.reason },
      },
    })));
  }
  return done.map((p) => ({ caseId: p.case.id, fromLevel: p.case.level, toLevel: p.toLevel, respondDueAt: p.respondDueAt, resolveDueAt: p.resolveDueAt }));
}

/** One case: the same writer; a case already escalated from its rung is CASE_ALREADY_ESCALATED. */
export async function escalateCase(
  db: Db,
  o: { case: EscalationCase; toLevel: CaseLevel; departmentId?: number | null; byKind: 'auto' | 'manual'; reason: string;
    actor: AuditActor; now?: Date; audit?: boolean },
): Promise<EscalatedCase> {
  const [done] = await escalateCases(db, {
    items: [{ case: o.case, toLevel: o.toLevel, departmentId: o.departmentId, reason: o.reason }],
    byKind: o.byKind, actor: o.actor, now: o.now ?? new Date(), audit: o.audit,
  });
  if (!done) throw new AppError('CASE_ALREADY_ESCALATED', { message: `本案件已从${CASE_LEVEL_LABELS[o.case.level]}升级过一次，每一级只能升级一次` });
  return done;
}

/** The rungs a case has already been escalated from (the once-per-rung rule). */
export async function escalatedFrom(db: Db, caseId: number): Promise<CaseLevel[]> {
  const r = await db.query('SELECT from_level FROM case_escalations WHERE case_id = $1 ORDER BY id', [caseId]);
  return r.rows.map((x) => x.from_level as CaseLevel);
}

/** Use case: the owner of the case (or a follower) pushes it to the next rung, with a reason. */
export async function ownerEscalateCase(o: { db: Db; ctx: RequestContext; caseId: number; input: EscalateCaseBody }): Promise<CaseRow> {
  const { db, ctx } = o;
  const c = await loadCase(db, o.caseId, { forUpdate: true });
  const access = await assertCanSee(db, ctx, c);
  if (!access.isFollower) throw new AppError('FORBIDDEN', { message: '只有案件的业主或关注人可以申请升级' });
  const check = manualEscalationCheck({ level: c.level, state: c.state, alreadyFrom: await escalatedFrom(db, c.id), toLevel: o.input.toLevel });
  if (!check.ok) throw new AppError(check.code, { message: check.message, details: { level: c.level, nextLevel: check.toLevel } });
  const late = confirmWindowRefusal(c, new Date(), '升级');
  if (late) throw new AppError('INVALID_TRANSITION', { message: late, details: { state: c.state, autoCloseAt: c.autoCloseAt } });
  await escalateCase(db, { case: c, toLevel: check.toLevel, byKind: 'manual', reason: o.input.reason, actor: ctx.actor() });
  return loadCase(db, c.id);
}
