import type { createServiceContractBody } from '@gongzhi/contracts';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { fieldError } from '../../platform/errors.ts';
import { findCompanyUnsafe, findContractUnsafe, insertContract } from './companies-repository.ts';

type Input = z.infer<typeof createServiceContractBody>;

export async function createServiceContract({ db, ctx, input }: { db: Db; ctx: RequestContext; input: Input }) {
  ctx.assertEstate(input.estateId, '小区');
  const company = await findCompanyUnsafe(db, input.companyId);
  if (!company) throw fieldError('body.companyId', '物业服务企业不存在');
  if (input.endsOn < input.startsOn) throw fieldError('body.endsOn', '合同结束日期不能早于开始日期');
  const id = await insertContract(db, input);
  await appendAudit(db, ctx.actor(), {
    action: 'service_contract.create', targetType: 'service_contract', targetId: id, estateId: input.estateId,
    summary: { companyId: company.id, companyName: company.name, startsOn: input.startsOn, endsOn: input.endsOn },
  });
  return (await findContractUnsafe(db, id))!;
}
