import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { eventActor, lockCaseToAct } from './case-act.ts';
import { addCaseEvent } from './case-events.ts';

// The rung's first answer (响应): open → in_progress. The respond deadline stops running and the
// resolve deadline becomes the next one due. first_responded_at keeps the first answer ever (an
// escalated case is open again, and its new rung's answer is on the timeline).

export async function respondToCase(db: Db, opts: { ctx: RequestContext; caseId: number; text: string }): Promise<void> {
  const { ctx } = opts;
  const { c } = await lockCaseToAct(db, ctx, opts.caseId, 'respond');
  await db.query(
    `UPDATE cases SET state = 'in_progress', first_responded_at = COALESCE(first_responded_at, now()),
            next_due_at = resolve_due_at, updated_at = now()
      WHERE id = $1`,
    [c.id],
  );
  const actor = await eventActor(db, ctx);
  await addCaseEvent(db, {
    caseId: c.id, kind: 'responded', ...actor,
    text: opts.text, data: { ...actor.data, level: c.level, inTime: c.respondDueAt == null || Date.now() <= c.respondDueAt.getTime() },
  });
  await appendAudit(db, ctx.actor(), {
    action: 'case.respond', targetType: 'case', targetId: c.id, estateId: c.estateId, summary: { no: c.no, level: c.level },
  });
}
