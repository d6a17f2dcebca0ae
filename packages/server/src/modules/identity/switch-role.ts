import type { MeView } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { listLiveGrants, loadMe } from './load-me.ts';

/** Makes another of the caller's own live grants the active one for this session. */
export async function switchRole(opts: { db: Db; ctx: RequestContext; grantId: number }): Promise<MeView> {
  const { db, ctx } = opts;
  const accountId = ctx.accountId!;
  const grant = (await listLiveGrants(db, accountId)).find((g) => g.id === opts.grantId);
  if (!grant) throw notFound('角色');
  await db.query('UPDATE sessions SET active_grant_id = $2 WHERE id_hash = $1', [ctx.sessionIdHash, grant.id]);
  await appendAudit(db, { ...ctx.actor(), role: grant.role }, {
    action: 'auth.switch_role',
    targetType: 'role_grant',
    targetId: grant.id,
    estateId: grant.scopeKind === 'estate' ? grant.scopeId : null,
    summary: { from: ctx.role, to: grant.role, scopeKind: grant.scopeKind, scopeId: grant.scopeId },
  });
  return loadMe(db, { accountId, sessionIdHash: ctx.sessionIdHash! });
}
