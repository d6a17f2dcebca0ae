import type { createUnitBody } from '@gongzhi/contracts';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import { appendAudit } from '../../platform/audit.ts';
import { isUniqueViolation, type Db } from '../../platform/db.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { findBuildingUnsafe } from './estates-repository.ts';
import { insertUnit } from './units-repository.ts';

type Input = z.infer<typeof createUnitBody>;

export async function createUnit({ db, ctx, input }: { db: Db; ctx: RequestContext; input: Input }): Promise<{ id: number }> {
  const building = await findBuildingUnsafe(db, input.buildingId);
  if (!building || !ctx.scope.estateIds.includes(building.estateId)) throw fieldError('body.buildingId', '楼栋不存在');
  let id: number;
  try {
    id = await insertUnit(db, { ...input, estateId: building.estateId });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError('CONFLICT', { message: '该楼栋已有此房号', details: { issues: [{ field: 'body.number', message: '该楼栋已有此房号' }] } });
    }
    throw err;
  }
  await appendAudit(db, ctx.actor(), {
    action: 'unit.create', targetType: 'unit', targetId: id, estateId: building.estateId,
    summary: { building: building.name, number: input.number, areaCenti: input.areaCenti, areaSource: input.areaSource, kind: input.kind, status: input.status },
  });
  return { id };
}
