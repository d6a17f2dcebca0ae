import crypto from 'node:crypto';
import { INVITATION_CODE_ALPHABET, type InvitationView } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { fieldError, notFound } from '../../platform/errors.ts';
import { selectInvitations } from './invitation-view.ts';

export const INVITATION_TTL_DAYS = 30;
const CODE_LENGTH = 8;

/** 8 characters from an alphabet without look-alikes (0/O, 1/I/L): ~40 bits, read aloud safely. */
export function generateInvitationCode(): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += INVITATION_CODE_ALPHABET[crypto.randomInt(INVITATION_CODE_ALPHABET.length)];
  return s;
}

/** The committee or the company issues a code for one current owner of one unit in its scope. */
export async function issueInvitation(opts: { db: Db; ctx: RequestContext; unitId: number; ownerId: number }): Promise<InvitationView> {
  const { db, ctx, unitId, ownerId } = opts;
  const unit = await db.query('SELECT estate_id FROM units WHERE id = $1', [unitId]);
  if (!unit.rows.length) throw notFound('房屋');
  const estateId = Number(unit.rows[0].estate_id);
  ctx.assertEstate(estateId, '房屋');
  const current = await db.query(
    'SELECT 1 FROM ownerships WHERE unit_id = $1 AND owner_id = $2 AND valid_to IS NULL',
    [unitId, ownerId],
  );
  if (!current.rows.length) throw fieldError('body.ownerId', '该业主不是此房屋的现业主');
  let id: number | undefined;
  // a clash among ~10^12 codes is rare; ON CONFLICT keeps the transaction usable if it happens
  while (id === undefined) {
    const r = await db.query(
      `INSERT INTO invitations (code, estate_id, unit_id, owner_id, issued_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6))
       ON CONFLICT (code) DO NOTHING RETURNING id`,
      [generateInvitationCode(), estateId, unitId, ownerId, ctx.accountId, INVITATION_TTL_DAYS],
    );
    if (r.rows.length) id = Number(r.rows[0].id);
  }
  // the code itself is a credential: it stays out of the audit log
  await appendAudit(db, ctx.actor(), {
    action: 'invitation.issue',
    targetType: 'invitation',
    targetId: id,
    estateId,
    summary: { unitId, ownerId, expiresInDays: INVITATION_TTL_DAYS },
  });
  const [view] = await selectInvitations(db, 'i.id = $1', [id]);
  return view;
}
