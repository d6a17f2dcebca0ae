import type { InboxPage } from '@gongzhi/contracts';
import { inOrder, type Db } from '../../platform/db.ts';

/** The caller's own in-app messages, newest first, with the unread count of the whole inbox. */
export async function listInbox(
  db: Db,
  opts: { accountId: number; page: number; pageSize: number; unreadOnly?: boolean },
): Promise<InboxPage> {
  const where = `account_id = $1 AND channel = 'inbox'${opts.unreadOnly ? ' AND read_at IS NULL' : ''}`;
  const [items, counts] = await inOrder([
    () => db.query(
      `SELECT id, subject, body, created_at, read_at FROM notifications WHERE ${where}
        ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
      [opts.accountId, opts.pageSize, (opts.page - 1) * opts.pageSize],
    ),
    () => db.query(
      `SELECT (SELECT count(*)::int FROM notifications WHERE ${where}) AS total,
              (SELECT count(*)::int FROM notifications WHERE account_id = $1 AND channel = 'inbox' AND read_at IS NULL) AS unread`,
      [opts.accountId],
    ),
  ]);
  return {
    items: items.rows.map((r) => ({
      id: Number(r.id),
      subject: r.subject,
      body: r.body,
      createdAt: (r.created_at as Date).toISOString(),
      readAt: r.read_at ? (r.read_at as Date).toISOString() : null,
    })),
    total: counts.rows[0].total,
    page: opts.page,
    pageSize: opts.pageSize,
    unread: counts.rows[0].unread,
  };
}
