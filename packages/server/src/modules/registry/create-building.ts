import type { createBuildingBody } from '@gongzhi/contracts';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import { appendAudit } from '../../platform/audit.ts';
import { isUniqueViolation, type Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { insertBuilding } from './estates-repository.ts';

type Input = z.infer<typeof createBuildingBody>;

export async function createBuilding({ db, ctx, estateId, input }: { db: Db; ctx: RequestContext; estateId: number; input: Input }) {
  ctx.assertEstate(estateId, '小区');
  let id: number;
  try {
    id = await insertBuilding(db, { estateId, name: input.name, floors: input.floors });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError('CONFLICT', { message: '本小区已有同名楼栋', details: { issues: [{ field: 'body.name', message: '本小区已有同名楼栋' }] } });
    }
    throw err;
  }
  await appendAudit(db, ctx.actor(), {
    action: 'building.create', targetType: 'building', targetId: id, estateId, summary: { name: input.name, floors: input.floors },
  });
  return { id, estateId, name: input.name, floors: input.floors, unitCount: 0 };
}
