import type { createEstateBody } from '@gongzhi/contracts';
import { creditCodeProblem } from '@gongzhi/domain';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import { appendAudit } from '../../platform/audit.ts';
import { isUniqueViolation, type Db } from '../../platform/db.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { insertEstate } from './estates-repository.ts';
import { CREDIT_CODE_PROBLEM_ZH } from './messages.ts';
import { findOrganisationByCreditCodeUnsafe, insertOwner, markDeveloper } from './owners-repository.ts';
import { findRegionUnsafe } from './regions-repository.ts';

type Input = z.infer<typeof createEstateBody>;

/** A new estate in a community inside the caller's region; the developer (建设单位) is found by its
 *  credit code or created as an organisation owner flagged as developer. */
export async function createEstate({ db, ctx, input }: { db: Db; ctx: RequestContext; input: Input }): Promise<{ id: number }> {
  const community = await findRegionUnsafe(db, input.communityId);
  // only region officers can place an estate: an estate-scoped role has no region to place it in
  const regionPath = ctx.scope.regionPath;
  if (!community || !regionPath || !community.path.startsWith(regionPath)) throw notFound('社区');
  if (community.level !== 'community') throw fieldError('body.communityId', '小区只能设立在社区之下');

  let developerId: number | null = null;
  if (input.developer) {
    const problem = creditCodeProblem(input.developer.creditCode);
    if (problem) throw fieldError('body.developer.creditCode', CREDIT_CODE_PROBLEM_ZH[problem]);
    const creditCode = input.developer.creditCode.toUpperCase();
    const existing = await findOrganisationByCreditCodeUnsafe(db, creditCode);
    developerId = existing?.id
      ?? (await insertOwner(db, { kind: 'organisation', name: input.developer.name, phone: null, creditCode, isDeveloper: true }));
    if (existing) await markDeveloper(db, existing.id);
  }

  let id: number;
  try {
    id = await insertEstate(db, { communityId: community.id, name: input.name, code: input.code, address: input.address, developerId });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError('CONFLICT', { message: '小区编码已被使用', details: { issues: [{ field: 'body.code', message: '小区编码已被使用' }] } });
    }
    throw err;
  }
  await appendAudit(db, ctx.actor(), {
    action: 'estate.create', targetType: 'estate', targetId: id, estateId: id,
    summary: { name: input.name, code: input.code, communityId: community.id, developerId },
  });
  return { id };
}
