import type { BindingView } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { bindingById } from './binding-view.ts';
import { ensureOwnerGrant } from './ensure-owner-grant.ts';

const invalid = (message?: string) => new AppError('INVITATION_INVALID', message ? { message } : {});

/** An owner redeems an invitation code: bound at once (the issuer vouched for the person). */
export async function redeemInvitation(opts: { db: Db; ctx: RequestContext; code: string }): Promise<BindingView> {
  const { db, ctx } = opts;
  const accountId = ctx.accountId!;
  // FOR UPDATE: two redemptions of one code at once cannot both succeed
  const inv = await db.query(
    `SELECT id, estate_id, unit_id, owner_id FROM invitations
      WHERE code = $1 AND used_at IS NULL AND expires_at > now() FOR UPDATE`,
    [opts.code],
  );
  const i = inv.rows[0];
  if (!i) throw invalid();
  const unitId = Number(i.unit_id);
  const ownerId = Number(i.owner_id);
  const estateId = Number(i.estate_id);
  // the owner may have sold the unit since the code was issued
  const current = await db.query('SELECT 1 FROM ownerships WHERE unit_id = $1 AND owner_id = $2 AND valid_to IS NULL', [unitId, ownerId]);
  if (!current.rows.length) throw invalid();
  const acc = await db.query('SELECT owner_id FROM accounts WHERE id = $1 FOR UPDATE', [accountId]);
  const accountOwner = acc.rows[0]?.owner_id == null ? null : Number(acc.rows[0].owner_id);
  // one account is one person: it cannot take up a code issued to somebody else
  if (accountOwner !== null && accountOwner !== ownerId) throw invalid('此邀请码属于另一位业主，请由该业主本人使用');

  const live = await db.query(
    `SELECT id, status FROM bindings WHERE account_id = $1 AND unit_id = $2 AND status IN ('pending', 'approved') FOR UPDATE`,
    [accountId, unitId],
  );
  if (live.rows[0]?.status === 'approved') throw new AppError('CONFLICT', { message: '您已绑定此房屋' });
  const grantId = await ensureOwnerGrant(db, accountId, ctx.actor());
  let bindingId: number;
  if (live.rows[0]) {
    // a roster-match request still waiting: the code settles it
    bindingId = Number(live.rows[0].id);
    await db.query(
      `UPDATE bindings SET status = 'approved', method = 'invitation', owner_id = $2, reviewed_by = $3, reviewed_at = now() WHERE id = $1`,
      [bindingId, ownerId, accountId],
    );
  } else {
    const r = await db.query(
      `INSERT INTO bindings (account_id, unit_id, owner_id, estate_id, method, status, reviewed_at)
       VALUES ($1, $2, $3, $4, 'invitation', 'approved', now()) RETURNING id`,
      [accountId, unitId, ownerId, estateId],
    );
    bindingId = Number(r.rows[0].id);
  }
  await db.query('UPDATE invitations SET used_at = now(), used_by = $2 WHERE id = $1', [i.id, accountId]);
  if (accountOwner === null) await db.query('UPDATE accounts SET owner_id = $2 WHERE id = $1', [accountId, ownerId]);
  // an account that had no role at all starts acting as owner
  await db.query('UPDATE sessions SET active_grant_id = $2 WHERE id_hash = $1 AND active_grant_id IS NULL', [ctx.sessionIdHash, grantId]);
  await appendAudit(db, ctx.actor(), {
    action: 'binding.redeem_invitation',
    targetType: 'binding',
    targetId: bindingId,
    estateId,
    summary: { invitationId: Number(i.id), unitId, ownerId },
  });
  return bindingById(db, bindingId);
}
