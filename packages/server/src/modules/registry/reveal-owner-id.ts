import type { RequestContext } from '../../platform/auth/context.ts';
import { appendAudit } from '../../platform/audit.ts';
import { decryptIdNumber, type Secrets } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findEncryptedIdNumberUnsafe, findOwnerInScope } from './owners-repository.ts';

/** The full ID number, for an owner who currently holds a unit in scope. Every reveal is audited;
 *  the audit records who looked at whom, never the number itself. */
export async function revealOwnerId({ db, ctx, secrets, ownerId }: { db: Db; ctx: RequestContext; secrets: Secrets; ownerId: number }) {
  const owner = await findOwnerInScope(db, ownerId, ctx.scope.estateIds, { includePast: false });
  if (!owner) throw notFound('业主');
  const sealed = await findEncryptedIdNumberUnsafe(db, ownerId);
  if (!sealed) throw new AppError('NOT_FOUND', { message: '该业主没有登记身份证号码' });
  const idNumber = decryptIdNumber(secrets, sealed);
  await appendAudit(db, ctx.actor(), {
    action: 'owner.reveal_id', targetType: 'owner', targetId: ownerId,
    summary: { ownerName: owner.name },
  });
  return { ownerId, idNumber };
}
