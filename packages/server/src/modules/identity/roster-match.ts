import type { BindingView } from '@gongzhi/contracts';
import { maskPhone } from '@gongzhi/domain';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import { consumeCode } from '../../platform/auth/one-time-code.ts';
import type { Db } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { notify } from '../../platform/notify/notify.ts';
import { bindingById } from './binding-view.ts';
import { ensureOwnerGrant } from './ensure-owner-grant.ts';

/** An owner asks to be bound by matching the roster: unit + name + last four of the ID number,
 *  plus a one-time 'binding' code sent to the account's own phone, so the reviewer knows the
 *  phone on the request belongs to the person asking. A match only opens a request; the
 *  committee (or the community) reviews it. A miss says nothing about which part failed.
 *
 *  `db` is a plain connection (the route runs without a transaction): a wrong code must be
 *  counted and committed even though the request fails, while everything else stays unwritten. */
interface RosterMatchRequest {
  db: Db;
  deps: AppDeps;
  ctx: RequestContext;
  estateId: number;
  building: string;
  unit: string;
  name: string;
  idLast4: string;
}

export async function rosterMatch(opts: RosterMatchRequest & { code: string }): Promise<BindingView> {
  const { db, ctx } = opts;
  const accountId = ctx.accountId!;
  const acc = await db.query('SELECT phone FROM accounts WHERE id = $1', [accountId]);
  const phone = (acc.rows[0]?.phone as string | null) ?? null;
  if (!phone) throw fieldError('body.code', '您的账号没有登记手机号，收不到验证码；请用手机号和验证码登录后再申请绑定');

  const outcome = await inTransaction(db, async () => {
    const good = await consumeCode(db, { phone, purpose: 'binding', code: opts.code, accountId });
    if (!good) {
      // committed on purpose: the attempt counts toward the code's limit
      await appendAudit(db, ctx.actor(), {
        action: 'binding.code_failed',
        targetType: 'phone',
        targetId: maskPhone(phone),
        summary: { method: 'roster_match' },
      });
      return null;
    }
    // a failure from here on rolls back the code's use too: a right code survives a roster miss
    return requestBinding({ ...opts, phone });
  });
  if (!outcome) throw new AppError('BAD_CODE');
  return outcome;
}

async function requestBinding(opts: RosterMatchRequest & { phone: string }): Promise<BindingView> {
  const { db, ctx, estateId } = opts;
  const accountId = ctx.accountId!;
  const match = await db.query(
    `SELECT u.id AS unit_id, o.id AS owner_id
       FROM units u
       JOIN buildings b ON b.id = u.building_id
       JOIN ownerships os ON os.unit_id = u.id AND os.valid_to IS NULL
       JOIN owners o ON o.id = os.owner_id
      WHERE u.estate_id = $1 AND b.name = $2 AND u.number = $3 AND o.name = $4 AND o.id_number_last4 = $5
      ORDER BY o.id LIMIT 1`,
    [estateId, opts.building, opts.unit, opts.name, opts.idLast4.toUpperCase()],
  );
  if (!match.rows.length) throw new AppError('ROSTER_NO_MATCH');
  const unitId = Number(match.rows[0].unit_id);
  const ownerId = Number(match.rows[0].owner_id);

  const live = await db.query(
    `SELECT status FROM bindings WHERE account_id = $1 AND unit_id = $2 AND status IN ('pending', 'approved')`,
    [accountId, unitId],
  );
  if (live.rows.length) {
    throw new AppError('CONFLICT', { message: live.rows[0].status === 'approved' ? '您已绑定此房屋' : '您已提交过此房屋的绑定申请，请等待审核' });
  }
  const grantId = await ensureOwnerGrant(db, accountId, ctx.actor());
  const r = await db.query(
    `INSERT INTO bindings (account_id, unit_id, owner_id, estate_id, method, status, verified_phone)
     VALUES ($1, $2, $3, $4, 'roster_match', 'pending', $5) RETURNING id`,
    [accountId, unitId, ownerId, estateId, opts.phone],
  );
  const bindingId = Number(r.rows[0].id);
  await db.query('UPDATE sessions SET active_grant_id = $2 WHERE id_hash = $1 AND active_grant_id IS NULL', [ctx.sessionIdHash, grantId]);
  await appendAudit(db, ctx.actor(), {
    action: 'binding.request',
    targetType: 'binding',
    targetId: bindingId,
    estateId,
    summary: { method: 'roster_match', unitId, ownerId, phoneVerified: true },
  });
  const view = await bindingById(db, bindingId);
  // everyone holding a committee role in this estate hears of it
  const reviewers = await db.query(
    `SELECT DISTINCT account_id FROM role_grants WHERE scope_kind = 'estate' AND scope_id = $1 AND revoked_at IS NULL`,
    [estateId],
  );
  for (const rv of reviewers.rows) {
    await notify(db, opts.deps.sender, {
      channel: 'inbox',
      accountId: Number(rv.account_id),
      subject: '新的房屋绑定申请待审核',
      body: `${view.estateName} ${view.unitLabel} 的业主 ${view.ownerName} 申请绑定账号（名册核对，已验证手机 ${view.accountPhone}），请在“绑定审核”中处理。`,
    });
  }
  return view;
}

/** One transaction on the route's own connection (no second pooled connection is taken). */
async function inTransaction<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  await db.query('BEGIN');
  try {
    const result = await fn();
    await db.query('COMMIT');
    return result;
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
