import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import { revokeSession } from '../../platform/auth/session.ts';
import type { Db } from '../../platform/db.ts';

/** Ends the session on the server: the row is revoked, so the cookie is dead even if kept. */
export async function logout(opts: { db: Db; ctx: RequestContext }): Promise<void> {
  const { db, ctx } = opts;
  await revokeSession(db, ctx.sessionIdHash!);
  await appendAudit(db, ctx.actor(), { action: 'auth.logout', targetType: 'account', targetId: ctx.accountId });
}
