import type { CallDepartmentsBody } from '@gongzhi/contracts';
import { caseActionRefusal, caseDeadline } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { notifyMany } from '../../platform/notify/notify.ts';
import { localDateTime } from '../meetings/index.ts';
import { assertCanAct, assertCanSee } from './case-access.ts';
import { addCaseEvents } from './case-events.ts';
import { escalateCase } from './case-escalate.ts';
import { DEPARTMENT_REPORT_DAYS } from './case-file.ts';
import { loadCase, type CaseRow } from './case-repository.ts';
import { callableDepartmentsFrom } from './case-rules.ts';

// 吹哨: the street office holding a case calls in one or more departments. The case moves to the
// department rung (one escalation street → department, held by the first department named), and
// each department gets a call that it must answer (报到) within reportDays working days (default
// 3). Callable: departments of the estate's street, its district or its city (the department's
// region path is a prefix of the street's). Their officers are told in their inbox.

/** The named departments the estate's street may call, by id (unknown or foreign ones absent). */
async function callableNames(db: Db, estateId: number, ids: readonly number[]): Promise<Map<number, string>> {
  const r = await db.query(`SELECT d.id, d.name ${callableDepartmentsFrom('$1')} AND d.id = ANY($2::bigint[])`, [estateId, ids]);
  return new Map(r.rows.map((x) => [Number(x.id), String(x.name)]));
}

export async function callDepartments(o: { db: Db; ctx: RequestContext; caseId: number; input: CallDepartmentsBody }): Promise<CaseRow> {
  const { db, ctx, input } = o;
  const c = await loadCase(db, o.caseId, { forUpdate: true });
  const access = await assertCanSee(db, ctx, c);
  assertCanAct(ctx, c, 'callDepartments', access);
  const refusal = caseActionRefusal(c.state, 'call_departments');
  if (refusal) throw new AppError('INVALID_TRANSITION', { message: refusal, details: { state: c.state } });
  const names = await callableNames(db, c.estateId, input.departmentIds);
  const unknown = input.departmentIds.filter((id) => !names.has(id));
  if (unknown.length) throw fieldError('body.departmentIds', `职能部门 ${unknown.join('、')} 不存在或不在本街道可召集的范围内`);

  const now = new Date();
  const reportDays = input.reportDays ?? DEPARTMENT_REPORT_DAYS;
  const reportDueAt = caseDeadline(now, reportDays, 'working_days');
  const [first] = input.departmentIds;
  await escalateCase(db, {
    // the escalation's reason holds at most 1,000 characters (its CHECK) while an instruction may
    // have 2,000 (kept whole in the call): a long one was a 500 (found by the fuzz test)
    case: c, toLevel: 'department', departmentId: first, byKind: 'manual', reason: Array.from(input.instruction).slice(0, 1000).join(''),
    actor: ctx.actor(), now, audit: false,
  });
  await db.query(
    `INSERT INTO case_department_calls (case_id, department_id, called_by, called_at, instruction, report_due_at)
     SELECT $1, d, $3, $4, $5, $6 FROM unnest($2::bigint[]) AS d`,
    [c.id, input.departmentIds, ctx.accountId, now, input.instruction, reportDueAt],
  );
  await addCaseEvents(db, input.departmentIds.map((departmentId) => ({
    caseId: c.id, kind: 'department_called' as const, at: now, actorAccountId: ctx.accountId, actorRole: ctx.role, actorParty: 'street',
    text: input.instruction,
    data: { departmentId, departmentName: names.get(departmentId), reportDueAt: reportDueAt.toISOString(), reportDays },
  })));
  const officers = await db.query(
    `SELECT DISTINCT account_id FROM role_grants
      WHERE role = 'department_officer' AND scope_kind = 'department' AND scope_id = ANY($1::bigint[]) AND revoked_at IS NULL`,
    [input.departmentIds],
  );
  await notifyMany(db, {
    accountIds: officers.rows.map((x) => Number(x.account_id)),
    subject: `街道吹哨：${c.title}`.slice(0, 200),
    body: `案件 ${c.no}（${c.title}）由街道办事处召集贵部门办理，请于 ${localDateTime(reportDueAt)} 前报到反馈。\n交办要求：${input.instruction}`,
  });
  await appendAudit(db, ctx.actor(), {
    action: 'case.call_departments', targetType: 'case', targetId: c.id, estateId: c.estateId,
    summary: { no: c.no, departmentIds: input.departmentIds, reportDays, reportDueAt: reportDueAt.toISOString() },
  });
  return loadCase(db, c.id);
}
