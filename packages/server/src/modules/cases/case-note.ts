import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { eventActor, lockCaseToAct } from './case-act.ts';
import { addCaseEvent } from './case-events.ts';

// A handler's note on the timeline (办理情况): what was done, what waits. The state and the
// deadlines stay; the owner reads it.

export async function noteOnCase(db: Db, opts: { ctx: RequestContext; caseId: number; text: string }): Promise<void> {
  const { ctx } = opts;
  const { c } = await lockCaseToAct(db, ctx, opts.caseId, 'note');
  await db.query('UPDATE cases SET updated_at = now() WHERE id = $1', [c.id]);
  const actor = await eventActor(db, ctx);
  await addCaseEvent(db, {
    caseId: c.id, kind: 'note', ...actor,
    text: opts.text, data: { ...actor.data, level: c.level },
  });
  await appendAudit(db, ctx.actor(), {
    action: 'case.note', targetType: 'case', targetId: c.id, estateId: c.estateId, summary: { no: c.no, level: c.level },
  });
}
