import type { Db } from '../db.ts';
import type { MessageSender } from './sender.ts';

// Every message is recorded (who, what, which channel, when) in the caller's transaction.
// In-app messages are the record itself; SMS and e-mail are handed to the sender and marked
// sent or failed. A failed SMS never rolls back the business change that caused it.

export interface NotifyInput {
  channel: 'inbox' | 'sms' | 'email';
  accountId?: number | null;
  /** inbox: defaults to the account id; sms: phone; email: address */
  to?: string;
  subject: string;
  body: string;
  /** what the record keeps when the body carries a secret (a one-time code): the record says
   *  what was sent, to whom and when, without becoming a place to read live codes from */
  recordedBody?: string;
}

export async function notify(db: Db, sender: MessageSender, input: NotifyInput): Promise<number> {
  const recipient = input.to ?? (input.accountId != null ? String(input.accountId) : '');
  if (!recipient) throw new Error('notify: no recipient');
  const inbox = input.channel === 'inbox';
  const r = await db.query(
    `INSERT INTO notifications (account_id, channel, recipient, subject, body, status, sent_at)
     VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $6 = 'sent' THEN now() END) RETURNING id`,
    [input.accountId ?? null, input.channel, recipient, input.subject, input.recordedBody ?? input.body, inbox ? 'sent' : 'pending'],
  );
  const id = Number(r.rows[0].id);
  if (!inbox) {
    try {
      await sender.send({ channel: input.channel as 'sms' | 'email', to: recipient, subject: input.subject, body: input.body });
      await db.query(`UPDATE notifications SET status = 'sent', sent_at = now() WHERE id = $1`, [id]);
    } catch (e) {
      await db.query(`UPDATE notifications SET status = 'failed', error = $2 WHERE id = $1`, [id, String(e)]);
    }
  }
  return id;
}

/** One inbox message to many accounts in one statement (an estate may have thousands of owners).
 *  Duplicate ids receive one message. Returns how many were recorded. */
export async function notifyMany(
  db: Db,
  input: { accountIds: readonly number[]; subject: string; body: string },
): Promise<number> {
  const ids = [...new Set(input.accountIds)];
  if (!ids.length) return 0;
  const r = await db.query(
    `INSERT INTO notifications (account_id, channel, recipient, subject, body, status, sent_at)
     SELECT id, 'inbox', id::text, $2, $3, 'sent', now() FROM unnest($1::bigint[]) AS t(id)`,
    [ids, input.subject, input.body],
  );
  return r.rowCount ?? 0;
}

/** One inbox message per account, each with its own text, in one statement (a notice that names
 *  each owner's own figures). Returns how many were recorded. */
export async function notifyEach(
  db: Db,
  items: ReadonlyArray<{ accountId: number; subject: string; body: string }>,
): Promise<number> {
  if (!items.length) return 0;
  const r = await db.query(
    `INSERT INTO notifications (account_id, channel, recipient, subject, body, status, sent_at)
     SELECT t.id, 'inbox', t.id::text, t.subject, t.body, 'sent', now()
       FROM unnest($1::bigint[], $2::text[], $3::text[]) AS t(id, subject, body)`,
    [items.map((i) => i.accountId), items.map((i) => i.subject), items.map((i) => i.body)],
  );
  return r.rowCount ?? 0;
}
