import type { createOwnerBody, OwnerView } from '@gongzhi/contracts';
import { creditCodeProblem, idNumberProblem, normaliseIdNumber } from '@gongzhi/domain';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import { appendAudit } from '../../platform/audit.ts';
import { encryptIdNumber, idNumberHmac, type Secrets } from '../../platform/crypto.ts';
import { isUniqueViolation, type Db } from '../../platform/db.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { CREDIT_CODE_PROBLEM_ZH, ID_NUMBER_PROBLEM_ZH } from './messages.ts';
import { findOrganisationByCreditCodeUnsafe, findOwnerIdByHmacUnsafe, insertOwner } from './owners-repository.ts';
import { presentOwner } from './present.ts';

type Input = z.infer<typeof createOwnerBody>;

/** A person (ID number stored encrypted, with a blind index and the last four) or an organisation. */
export async function createOwner({ db, ctx, secrets, input }: { db: Db; ctx: RequestContext; secrets: Secrets; input: Input }): Promise<OwnerView> {
  const phone = input.phone ?? null;
  let ownerId: number;
  try {
    if (input.kind === 'person') {
      const problem = idNumberProblem(input.idNumber);
      if (problem) throw fieldError('body.idNumber', ID_NUMBER_PROBLEM_ZH[problem]);
      const idNumber = normaliseIdNumber(input.idNumber);
      const hmac = idNumberHmac(secrets, idNumber);
      const existing = await findOwnerIdByHmacUnsafe(db, hmac);
      // the caller already knows the number, so naming the existing record leaks nothing new
      if (existing) throw duplicate('body.idNumber', '该身份证号码的业主已存在', existing.id);
      ownerId = await insertOwner(db, {
        kind: 'person', name: input.name, phone,
        idNumberEnc: encryptIdNumber(secrets, idNumber), idNumberLast4: idNumber.slice(-4), idNumberHmac: hmac,
      });
    } else {
      const problem = creditCodeProblem(input.creditCode);
      if (problem) throw fieldError('body.creditCode', CREDIT_CODE_PROBLEM_ZH[problem]);
      const creditCode = input.creditCode.toUpperCase();
      const existing = await findOrganisationByCreditCodeUnsafe(db, creditCode);
      if (existing) throw duplicate('body.creditCode', '该统一社会信用代码的单位已存在', existing.id);
      ownerId = await insertOwner(db, { kind: 'organisation', name: input.name, phone, creditCode });
    }
  } catch (err) {
    // a concurrent insert of the same person wins the unique index
    if (isUniqueViolation(err)) throw duplicate(input.kind === 'person' ? 'body.idNumber' : 'body.creditCode', '该业主已存在', null);
    throw err;
  }
  await appendAudit(db, ctx.actor(), {
    action: 'owner.create', targetType: 'owner', targetId: ownerId, summary: { kind: input.kind, name: input.name },
  });
  const last4 = input.kind === 'person' ? normaliseIdNumber(input.idNumber).slice(-4) : null;
  return presentOwner({
    id: ownerId, kind: input.kind, name: input.name, phone, idNumberLast4: last4,
    creditCode: input.kind === 'organisation' ? input.creditCode.toUpperCase() : null, isDeveloper: false, unitCount: 0,
  });
}

function duplicate(field: string, message: string, existingOwnerId: number | null): AppError {
  return new AppError('CONFLICT', { message, details: { issues: [{ field, message }], existingOwnerId } });
}
