import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notifyMany } from '../../platform/notify/notify.ts';
import { assertAction } from './notice-actions.ts';
import { loadOwnNotice } from './notice-view.ts';

// A reminder goes to the recipients who have not opened the notice, at most once in 24 hours
// (the row lock on the notice makes two simultaneous reminders one and a refusal).

export async function remindNotice(db: Db, o: { ctx: RequestContext; id: number; now?: Date }): Promise<{ reminded: number }> {
  const now = o.now ?? new Date();
  const n = await loadOwnNotice(db, o.ctx, o.id);
  assertAction(o.ctx, n, 'remind', now);
  const r = await db.query(
    `UPDATE notice_recipients SET reminded_at = $2 WHERE notice_id = $1 AND read_at IS NULL RETURNING account_id`,
    [o.id, now],
  );
  const ids = r.rows.map((x) => Number(x.account_id));
  await notifyMany(db, {
    accountIds: ids,
    subject: `提醒：请阅读「${n.title}」`,
    body: `${n.publisher_name}发布的「${n.title}」您尚未阅读，请在“公告”中查看。`,
  });
  await db.query(`UPDATE notices SET last_reminded_at = $2 WHERE id = $1`, [o.id, now]);
  await appendAudit(db, o.ctx.actor(), {
    action: 'notice.remind', targetType: 'notice', targetId: o.id, estateId: Number(n.estate_id), summary: { reminded: ids.length },
  });
  return { reminded: ids.length };
}
