import type { CreateFundApplicationBody } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { fieldError } from '../../platform/errors.ts';
import { checkDraft, defaultStagePlan } from './application-input.ts';

// A new use application, in draft. The applicant is who the caller acts for: the committee's
// members apply for the committee; the serving company's staff for their own company (its id
// comes from their grant, never from the request).

const COMMITTEE_ROLES = new Set(['committee_member', 'committee_chair', 'committee_secretary']);
const COMPANY_ROLES = new Set(['property_staff', 'property_manager']);

export async function createApplication(opts: { db: Db; ctx: RequestContext; estateId: number; input: CreateFundApplicationBody }): Promise<{ id: number }> {
  const { db, ctx, estateId, input } = opts;
  ctx.assertEstate(estateId, '小区');
  const role = ctx.role ?? '';
  let companyId: number | null = null;
  if (input.applicantKind === 'committee') {
    if (!COMMITTEE_ROLES.has(role)) throw fieldError('body.applicantKind', '只有业主委员会成员可以以业主委员会名义申请');
  } else {
    if (!COMPANY_ROLES.has(role) || ctx.scope.companyId == null) throw fieldError('body.applicantKind', '只有物业服务企业的工作人员可以以物业服务企业名义申请');
    companyId = ctx.scope.companyId;
  }
  const { columns, units } = await checkDraft(db, estateId, {
    ...input,
    emergencyCategory: input.emergencyCategory ?? null,
    facilityName: input.facilityName ?? null,
    stagePlan: input.stagePlan ?? defaultStagePlan(),
  });
  const cols = Object.keys(columns);
  const r = await db.query(
    `INSERT INTO fund_applications (estate_id, applicant_kind, company_id, created_by, ${cols.join(', ')})
     VALUES ($1, $2, $3, $4, ${cols.map((_, i) => `$${i + 5}`).join(', ')}) RETURNING id`,
    [estateId, input.applicantKind, companyId, ctx.accountId, ...cols.map((c) => columns[c])],
  );
  const id = Number(r.rows[0].id);
  await appendAudit(db, ctx.actor(), {
    action: 'fund.application.create', targetType: 'fund_application', targetId: id, estateId,
    summary: {
      title: input.title, applicantKind: input.applicantKind, path: input.path, scopeKind: input.scopeKind,
      unitCount: units.length, budgetFen: input.budgetFen,
    },
  });
  return { id };
}
