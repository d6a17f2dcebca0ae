import type { createCommitteeBody } from '@gongzhi/contracts';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { fieldError } from '../../platform/errors.ts';
import { findCommitteeUnsafe, insertCommittee } from './committees-repository.ts';

type Input = z.infer<typeof createCommitteeBody>;

/** A committee (业委会) or, where none exists, an acting body, for one term. */
export async function createCommittee({ db, ctx, input }: { db: Db; ctx: RequestContext; input: Input }) {
  ctx.assertEstate(input.estateId, '小区');
  if (input.termEnd < input.termStart) throw fieldError('body.termEnd', '任期结束日期不能早于开始日期');
  const id = await insertCommittee(db, input);
  await appendAudit(db, ctx.actor(), {
    action: 'committee.create', targetType: 'committee', targetId: id, estateId: input.estateId,
    summary: { kind: input.kind, name: input.name, termStart: input.termStart, termEnd: input.termEnd },
  });
  return (await findCommitteeUnsafe(db, id))!;
}
