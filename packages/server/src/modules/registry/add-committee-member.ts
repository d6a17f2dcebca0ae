import type { createCommitteeMemberBody } from '@gongzhi/contracts';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { fieldError, notFound } from '../../platform/errors.ts';
import { findCommitteeUnsafe, insertMember } from './committees-repository.ts';
import { findOwnerInScope } from './owners-repository.ts';

type Input = z.infer<typeof createCommitteeMemberBody>;

export async function addCommitteeMember({ db, ctx, committeeId, input }: { db: Db; ctx: RequestContext; committeeId: number; input: Input }) {
  const committee = await findCommitteeUnsafe(db, committeeId);
  if (!committee) throw notFound('委员会');
  ctx.assertEstate(committee.estateId, '委员会');
  if (input.termEnd < input.termStart) throw fieldError('body.termEnd', '任期结束日期不能早于开始日期');
  // a member named as an owner must own a unit in this very estate now
  if (input.ownerId != null && !(await findOwnerInScope(db, input.ownerId, [committee.estateId], { includePast: false }))) {
    throw fieldError('body.ownerId', '该业主在本小区没有房屋');
  }
  const id = await insertMember(db, { committeeId, ownerId: input.ownerId ?? null, name: input.name, role: input.role, termStart: input.termStart, termEnd: input.termEnd });
  await appendAudit(db, ctx.actor(), {
    action: 'committee.member_add', targetType: 'committee', targetId: committeeId, estateId: committee.estateId,
    summary: { memberId: id, name: input.name, role: input.role, termStart: input.termStart, termEnd: input.termEnd },
  });
  return { id, name: input.name, role: input.role, ownerId: input.ownerId ?? null, termStart: input.termStart, termEnd: input.termEnd };
}
