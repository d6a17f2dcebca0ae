import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { fieldError } from '../../platform/errors.ts';
import { eventActor, lockCaseToAct } from './case-act.ts';
import { addCaseEvent } from './case-events.ts';
import { notifyFollowers } from './case-notify.ts';
import { autoCloseDays } from './case-rules.ts';

// The handler marks the case resolved (办结) with what was done and, optionally, evidence photos
// already uploaded as attachments of record type case_evidence on this case. No deadline runs
// any more; the owner confirms and rates, reopens, or lets it close itself after the estate's
// auto-close days. resolved_in_time (figures) compares with the resolve deadline of the rung
// that resolved it.

export async function resolveCase(
  db: Db, opts: { ctx: RequestContext; caseId: number; text: string; attachmentIds?: number[] },
): Promise<void> {
  const { ctx } = opts;
  const { c } = await lockCaseToAct(db, ctx, opts.caseId, 'resolve');
  const ids = [...new Set(opts.attachmentIds ?? [])];
  if (ids.length) {
    const r = await db.query(
      `SELECT id FROM attachments WHERE id = ANY($1::bigint[]) AND record_type = 'case_evidence' AND record_id = $2`,
      [ids, String(c.id)],
    );
    const found = new Set(r.rows.map((x) => Number(x.id)));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw fieldError('body.attachmentIds', `附件 ${missing.join('、')} 不是本案件的办结照片，请先上传`);
  }
  const days = await autoCloseDays(db, c.estateId);
  const r = await db.query(
    `UPDATE cases SET state = 'resolved', resolved_at = now(), resolved_in_time = (resolve_due_at IS NULL OR now() <= resolve_due_at),
            auto_close_at = now() + make_interval(days => $2::int), next_due_at = NULL, updated_at = now()
      WHERE id = $1
      RETURNING resolved_in_time, auto_close_at`,
    [c.id, days],
  );
  const inTime = Boolean(r.rows[0].resolved_in_time);
  const actor = await eventActor(db, ctx);
  await addCaseEvent(db, {
    caseId: c.id, kind: 'resolved', ...actor, text: opts.text,
    data: { ...actor.data, level: c.level, inTime, attachmentIds: ids, autoCloseAt: new Date(r.rows[0].auto_close_at).toISOString() },
  });
  await notifyFollowers(db, { caseIds: [c.id], kind: 'resolved', now: new Date(), exceptAccountId: ctx.accountId });
  await appendAudit(db, ctx.actor(), {
    action: 'case.resolve', targetType: 'case', targetId: c.id, estateId: c.estateId,
    summary: { no: c.no, level: c.level, inTime, attachmentIds: ids, autoCloseDays: days },
  });
}
