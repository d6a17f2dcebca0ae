import type { SendNotificationBody } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notifyMany } from '../../platform/notify/notify.ts';

const COMMITTEE_ROLES = ['committee_member', 'committee_chair', 'committee_secretary'];

/** An in-app notice to the owners bound to a unit of the estate, or to its committee members. */
export async function sendToEstate(db: Db, opts: { ctx: RequestContext; input: SendNotificationBody }): Promise<number> {
  const { ctx, input } = opts;
  ctx.assertEstate(input.estateId, '小区');
  const recipients =
    input.audience === 'owners'
      ? await db.query(
          `SELECT DISTINCT b.account_id AS id FROM bindings b JOIN accounts a ON a.id = b.account_id
            WHERE b.estate_id = $1 AND b.status = 'approved' AND NOT a.disabled`,
          [input.estateId],
        )
      : await db.query(
          `SELECT DISTINCT g.account_id AS id FROM role_grants g JOIN accounts a ON a.id = g.account_id
            WHERE g.scope_kind = 'estate' AND g.scope_id = $1 AND g.role = ANY($2)
              AND g.revoked_at IS NULL AND NOT a.disabled`,
          [input.estateId, COMMITTEE_ROLES],
        );
  const count = await notifyMany(db, {
    accountIds: recipients.rows.map((r) => Number(r.id)),
    subject: input.subject,
    body: input.body,
  });
  await appendAudit(db, ctx.actor(), {
    action: 'notification.send',
    targetType: 'estate',
    targetId: input.estateId,
    estateId: input.estateId,
    summary: { audience: input.audience, subject: input.subject, count },
  });
  return count;
}
