import { COMPANY_COMPLAINT_VERIFIED_TOPIC, type CompanyComplaintVerifiedPayload } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { assertCanSee } from './case-access.ts';
import { verifyRefusal } from './case-detail.ts';
import { addCaseEvent } from './case-events.ts';
import { partyOfRole } from './case-actor.ts';
import { loadCase, type CaseRow } from './case-repository.ts';

// The committee or an officer finds a complaint against the property company true, once, with a
// note. The fact goes to the outbox (domain_events 'case.company_complaint_verified') in the same
// transaction, for the evaluation and credit module to consume later. Only a case naming a
// company (company_id: the company serving the estate when it was filed) can be verified.

export async function verifyCase(o: { db: Db; ctx: RequestContext; caseId: number; note: string }): Promise<CaseRow> {
  const { db, ctx } = o;
  const c = await loadCase(db, o.caseId, { forUpdate: true });
  await assertCanSee(db, ctx, c);
  // the same rule the case page's verify button reads: state, a company named, once
  const refusal = verifyRefusal(ctx, c);
  if (refusal || c.companyId == null) {
    throw new AppError('INVALID_TRANSITION', { message: refusal ?? '该案件没有对应的物业服务企业', details: { state: c.state } });
  }
  const now = new Date();
  await db.query(`UPDATE cases SET verified_at = $2, verified_by = $3, updated_at = $2 WHERE id = $1`, [c.id, now, ctx.accountId]);
  const payload: CompanyComplaintVerifiedPayload = {
    caseId: c.id, caseNo: c.no, estateId: c.estateId, companyId: c.companyId, category: c.category,
    verifiedBy: ctx.accountId!, verifiedAt: now.toISOString(),
  };
  await db.query(`INSERT INTO domain_events (topic, payload, created_at) VALUES ($1, $2, $3)`, [COMPANY_COMPLAINT_VERIFIED_TOPIC, JSON.stringify(payload), now]);
  await addCaseEvent(db, {
    caseId: c.id, kind: 'verified', at: now, actorAccountId: ctx.accountId, actorRole: ctx.role, actorParty: partyOfRole(ctx.role),
    text: o.note, data: { companyId: c.companyId },
  });
  await appendAudit(db, ctx.actor(), {
    action: 'case.verify', targetType: 'case', targetId: c.id, estateId: c.estateId,
    summary: { no: c.no, companyId: c.companyId, note: o.note },
  });
  return loadCase(db, c.id);
}
