import type { ReportCaseBody } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { eventActor, lockCaseToAct } from './case-act.ts';
import { addCaseEvent } from './case-events.ts';
import { notifyFollowers } from './case-notify.ts';
import { loadCase, type CaseRow } from './case-repository.ts';

// 报到: an officer of a department the street called in reports what the department did, once per
// call. The first report is the department rung's response (open → in_progress, the resolve
// deadline runs); when every called department has reported, no deadline runs any more
// (next_due_at NULL) and the street office or the department resolves the case.

export async function reportCase(o: { db: Db; ctx: RequestContext; caseId: number; input: ReportCaseBody }): Promise<CaseRow> {
  const { db, ctx } = o;
  const { c } = await lockCaseToAct(db, ctx, o.caseId, 'report');
  const call = await db.query(
    `SELECT dc.id, dc.reported_at, d.name FROM case_department_calls dc JOIN departments d ON d.id = dc.department_id
      WHERE dc.case_id = $1 AND dc.department_id = $2 FOR UPDATE OF dc`,
    [c.id, ctx.scope.departmentId],
  );
  const row = call.rows[0];
  if (!row) throw new AppError('INVALID_TRANSITION', { message: '街道办事处尚未召集贵部门办理本案件，无需报到' });
  if (row.reported_at) throw new AppError('INVALID_TRANSITION', { message: '贵部门已就本案件报到，如需补充请添加办理记录' });
  const now = new Date();
  await db.query(
    `UPDATE case_department_calls SET reported_at = $2, reported_by = $3, report_text = $4 WHERE id = $1`,
    [row.id, now, ctx.accountId, o.input.text],
  );
  const pending = await db.query(`SELECT count(*)::int AS n FROM case_department_calls WHERE case_id = $1 AND reported_at IS NULL`, [c.id]);
  const allReported = pending.rows[0].n === 0;
  await db.query(
    `UPDATE cases SET state = 'in_progress', first_responded_at = COALESCE(first_responded_at, $2),
            next_due_at = CASE WHEN $3 THEN NULL ELSE resolve_due_at END, updated_at = $2
      WHERE id = $1`,
    [c.id, now, allReported],
  );
  const departmentId = ctx.scope.departmentId;
  const actor = await eventActor(db, ctx);
  await addCaseEvent(db, {
    caseId: c.id, kind: 'department_reported', at: now, ...actor, text: o.input.text, data: { ...actor.data, allReported },
  });
  await notifyFollowers(db, { caseIds: [c.id], kind: 'reported', now, exceptAccountId: ctx.accountId, detail: [String(row.name)] });
  await appendAudit(db, ctx.actor(), {
    action: 'case.report', targetType: 'case', targetId: c.id, estateId: c.estateId,
    summary: { no: c.no, departmentId, allReported },
  });
  return loadCase(db, c.id);
}
