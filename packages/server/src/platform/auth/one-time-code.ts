import crypto from 'node:crypto';
import { sha256Hex } from '../crypto.ts';
import type { Db } from '../db.ts';
import { AppError } from '../errors.ts';
import { notify } from '../notify/notify.ts';
import type { MessageSender } from '../notify/sender.ts';

// One-time codes sent by SMS: 6 digits, 5 minutes, 5 attempts, one use. Only a hash is stored,
// salted with the row id so equal codes never share a hash. Only the newest code for a target and
// purpose counts: asking again retires the previous one.

export type CodePurpose = 'login' | 'binding' | 'mfa';
export const CODE_TTL_MS = 5 * 60 * 1000;
export const CODE_MAX_ATTEMPTS = 5;
/** At most one code per phone (and purpose) in this interval. */
export const CODE_RESEND_MS = 60 * 1000;

const PURPOSE_TEXT: Record<CodePurpose, string> = { login: '登录', binding: '绑定房屋', mfa: '登录二次验证' };

const hashCode = (id: number, code: string) => sha256Hex(`${id}:${code}`);

/** Creates a code and sends it to `phone`. If one was sent within the last minute it throws
 *  RATE_LIMITED, or with `ifRecent: 'keep'` sends nothing and leaves that code in force. */
export async function issueCode(
  db: Db,
  sender: MessageSender,
  opts: { phone: string; purpose: CodePurpose; accountId?: number | null; ifRecent?: 'throw' | 'keep' },
): Promise<void> {
  // serialise requests for the same phone so two at once cannot both pass the interval check
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`otp:${opts.phone}`]);
  const recent = await db.query(
    `SELECT used_at IS NULL AND attempts < $4 AS usable FROM one_time_codes
      WHERE target = $1 AND purpose = $2 AND created_at > now() - make_interval(secs => $3)
      ORDER BY created_at DESC, id DESC LIMIT 1`,
    [opts.phone, opts.purpose, CODE_RESEND_MS / 1000, CODE_MAX_ATTEMPTS],
  );
  if (recent.rows.length) {
    // 'keep': a second password sign-in within the minute reuses the code already on its way
    if (opts.ifRecent !== 'keep') throw new AppError('RATE_LIMITED', { message: '验证码发送过于频繁，请 60 秒后再试' });
    if (recent.rows[0].usable) return;
  }
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
  const id = Number((await db.query(`SELECT nextval('one_time_codes_id_seq') AS id`)).rows[0].id);
  await db.query(
    `INSERT INTO one_time_codes (id, target, purpose, code_hash, account_id, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
    [id, opts.phone, opts.purpose, hashCode(id, code), opts.accountId ?? null, CODE_TTL_MS / 1000],
  );
  await notify(db, sender, {
    channel: 'sms',
    to: opts.phone,
    accountId: opts.accountId ?? null,
    subject: `${PURPOSE_TEXT[opts.purpose]}验证码`,
    body: `您的${PURPOSE_TEXT[opts.purpose]}验证码是 ${code}，5 分钟内有效。请勿告诉他人。`,
    // only the hash of a code is kept anywhere: the message record shows it masked
    recordedBody: `您的${PURPOSE_TEXT[opts.purpose]}验证码是 ******，5 分钟内有效。请勿告诉他人。`,
  });
}

/** Checks a code and counts the attempt. The caller must commit even when this returns false,
 *  or the attempt limit would never bite. */
export async function consumeCode(
  db: Db,
  opts: { phone: string; purpose: CodePurpose; code: string; accountId?: number },
): Promise<boolean> {
  const r = await db.query(
    `SELECT id, code_hash, account_id, expires_at > now() AS live, attempts, used_at
       FROM one_time_codes WHERE target = $1 AND purpose = $2
      ORDER BY created_at DESC, id DESC LIMIT 1 FOR UPDATE`,
    [opts.phone, opts.purpose],
  );
  const row = r.rows[0];
  if (!row || !row.live || row.used_at !== null || row.attempts >= CODE_MAX_ATTEMPTS) return false;
  if (opts.accountId !== undefined && Number(row.account_id) !== opts.accountId) return false;
  const id = Number(row.id);
  const expected = Buffer.from(row.code_hash as string, 'hex');
  const given = Buffer.from(hashCode(id, opts.code), 'hex');
  const ok = expected.length === given.length && crypto.timingSafeEqual(expected, given);
  await db.query(
    `UPDATE one_time_codes SET attempts = attempts + 1, used_at = CASE WHEN $2 THEN now() END WHERE id = $1`,
    [id, ok],
  );
  return ok;
}
