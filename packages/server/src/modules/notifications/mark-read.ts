import { appendAudit, type AuditActor } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';

/** Marks one of the caller's own messages read. Someone else's message is "not found". */
export async function markRead(db: Db, opts: { actor: AuditActor; accountId: number; id: number }): Promise<void> {
  const r = await db.query(
    `UPDATE notifications SET read_at = COALESCE(read_at, now())
      WHERE id = $1 AND account_id = $2 AND channel = 'inbox' RETURNING id`,
    [opts.id, opts.accountId],
  );
  if (!r.rowCount) throw notFound('消息');
  await appendAudit(db, opts.actor, { action: 'notification.read', targetType: 'notification', targetId: opts.id });
}

/** Marks every unread message of the caller read; returns how many changed. */
export async function markAllRead(db: Db, opts: { actor: AuditActor; accountId: number }): Promise<number> {
  const r = await db.query(
    `UPDATE notifications SET read_at = now() WHERE account_id = $1 AND channel = 'inbox' AND read_at IS NULL`,
    [opts.accountId],
  );
  const count = r.rowCount ?? 0;
  await appendAudit(db, opts.actor, {
    action: 'notification.read_all', targetType: 'account', targetId: opts.accountId, summary: { count },
  });
  return count;
}
