import { appendAudit, type AuditActor } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';

/** The owner role for an account that has none yet (a new owner binding a unit). */
export async function ensureOwnerGrant(db: Db, accountId: number, actor: AuditActor): Promise<number> {
  const found = await db.query(
    `SELECT id FROM role_grants WHERE account_id = $1 AND role = 'owner' AND revoked_at IS NULL`,
    [accountId],
  );
  if (found.rows.length) return Number(found.rows[0].id);
  const r = await db.query(
    `INSERT INTO role_grants (account_id, role, scope_kind, scope_id) VALUES ($1, 'owner', 'owner', NULL) RETURNING id`,
    [accountId],
  );
  const grantId = Number(r.rows[0].id);
  await appendAudit(db, actor, { action: 'role.grant', targetType: 'role_grant', targetId: grantId, summary: { accountId, role: 'owner' } });
  return grantId;
}
