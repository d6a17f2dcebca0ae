import type { AuditVerifyResult } from '@gongzhi/contracts';
import { appendAudit, verifyAuditChain } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';

/** Recomputes the whole chain (the same function as `gongzhi verify-audit`), then records that
 *  it was checked and what was found. */
export async function verifyChain(db: Db, opts: { ctx: RequestContext }): Promise<AuditVerifyResult> {
  const result = await verifyAuditChain(db);
  await appendAudit(db, opts.ctx.actor(), {
    action: 'audit.verify',
    targetType: 'audit_chain',
    summary: { ok: result.ok, checked: result.checked, firstBroken: result.firstBroken ?? null },
  });
  return result;
}
