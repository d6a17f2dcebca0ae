import type { createCompanyBody } from '@gongzhi/contracts';
import { creditCodeProblem } from '@gongzhi/domain';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import { appendAudit } from '../../platform/audit.ts';
import { isUniqueViolation, type Db } from '../../platform/db.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { findCompanyByCreditCodeUnsafe, insertCompany } from './companies-repository.ts';
import { CREDIT_CODE_PROBLEM_ZH } from './messages.ts';

type Input = z.infer<typeof createCompanyBody>;

export async function createCompany({ db, ctx, input }: { db: Db; ctx: RequestContext; input: Input }) {
  const problem = creditCodeProblem(input.creditCode);
  if (problem) throw fieldError('body.creditCode', CREDIT_CODE_PROBLEM_ZH[problem]);
  const creditCode = input.creditCode.toUpperCase();
  const conflict = (existingCompanyId: number | null) =>
    new AppError('CONFLICT', {
      message: '该统一社会信用代码的企业已存在',
      details: { issues: [{ field: 'body.creditCode', message: '该统一社会信用代码的企业已存在' }], existingCompanyId },
    });
  const existing = await findCompanyByCreditCodeUnsafe(db, creditCode);
  if (existing) throw conflict(existing.id);
  let id: number;
  try {
    id = await insertCompany(db, { name: input.name, creditCode, phone: input.phone ?? null });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(null);
    throw err;
  }
  await appendAudit(db, ctx.actor(), {
    action: 'company.create', targetType: 'company', targetId: id, summary: { name: input.name, creditCode },
  });
  return { id, name: input.name, creditCode, phone: input.phone ?? null, contractCount: 0 };
}
