import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { fieldError } from '../../platform/errors.ts';
import { eventActor, lockCaseToAct } from './case-act.ts';
import { eligibleAssignees } from './case-assignees.ts';
import { addCaseEvent } from './case-events.ts';

// The rung's holder gives the case to one person (指派). Assigning takes the case up: an open case
// becomes in progress and its running deadline moves from the answer to the resolution, as a
// response would. The assignee must hold a grant of the rung's party reaching the estate.

export async function assignCase(db: Db, opts: { ctx: RequestContext; caseId: number; assigneeAccountId: number }): Promise<void> {
  const { ctx } = opts;
  const { c } = await lockCaseToAct(db, ctx, opts.caseId, 'assign');
  const [assignee] = await eligibleAssignees(db, c, opts.assigneeAccountId);
  if (!assignee) throw fieldError('body.assigneeAccountId', '该账号不是本案件当前办理单位的工作人员，不能指派');
  await db.query(
    `UPDATE cases SET assignee_account_id = $2, state = 'in_progress',
            first_responded_at = COALESCE(first_responded_at, now()),
            next_due_at = CASE WHEN state = 'open' THEN resolve_due_at ELSE next_due_at END, updated_at = now()
      WHERE id = $1`,
    [c.id, assignee.accountId],
  );
  const actor = await eventActor(db, ctx);
  // the timeline names the role, not the person: owners read it
  await addCaseEvent(db, {
    caseId: c.id, kind: 'assigned', ...actor, text: `已指派${assignee.roleLabel}办理`,
    data: { ...actor.data, level: c.level, assigneeAccountId: assignee.accountId, assigneeRole: assignee.role },
  });
  await appendAudit(db, ctx.actor(), {
    action: 'case.assign', targetType: 'case', targetId: c.id, estateId: c.estateId,
    summary: { no: c.no, assigneeAccountId: assignee.accountId, previousAssigneeAccountId: c.assigneeAccountId, wasState: c.state },
  });
}
