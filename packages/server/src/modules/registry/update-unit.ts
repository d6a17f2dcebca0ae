import type { updateUnitBody } from '@gongzhi/contracts';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { findUnitUnsafe, updateUnitFields, type UnitFields } from './units-repository.ts';

type Input = z.infer<typeof updateUnitBody>;

/** Corrects a unit's area, area source, kind or status; the audit keeps both versions. */
export async function updateUnit({ db, ctx, unitId, input }: { db: Db; ctx: RequestContext; unitId: number; input: Input }) {
  const unit = await findUnitUnsafe(db, unitId, { forUpdate: true });
  if (!unit) throw notFound('房屋');
  ctx.assertUnit(unit.id, unit.estateId, '房屋');
  const before: UnitFields = { areaCenti: unit.areaCenti, areaSource: unit.areaSource, kind: unit.kind, status: unit.status };
  const after: UnitFields = {
    areaCenti: input.areaCenti ?? before.areaCenti,
    areaSource: input.areaSource ?? before.areaSource,
    kind: input.kind ?? before.kind,
    status: input.status ?? before.status,
  };
  await updateUnitFields(db, unit.id, after);
  await appendAudit(db, ctx.actor(), {
    action: 'unit.update', targetType: 'unit', targetId: unit.id, estateId: unit.estateId, summary: { before, after },
  });
  return { ...unit, ...after };
}
