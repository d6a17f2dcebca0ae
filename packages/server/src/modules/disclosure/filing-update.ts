import type { FilingDetail, FilingUpdateBody } from '@gongzhi/contracts';
import { filingContent } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { responsiblePartyOf } from './disclosure-party.ts';
import { readFilingDetail } from './filing-detail.ts';
import { loadFiling } from './filing-view.ts';

// Editing a draft package: its content and the statements it links (published statements of the
// same estate). Once filed, a package changes only by a new version: FILING_LOCKED (and the
// database's guard refuses it even if this code did not).

/** The filing, checked to be in the caller's scope and of the caller's party. */
export async function ownFiling(db: Db, ctx: RequestContext, id: number, lock: boolean): Promise<Record<string, unknown>> {
  const f = await loadFiling(db, id, lock);
  ctx.assertEstate(Number(f.estate_id), '公示备案');
  const party = responsiblePartyOf(ctx);
  // the other party's package: its drafts are not even visible to the caller
  if (party !== f.party) {
    if (f.state === 'draft') throw notFound('公示备案');
    throw new AppError('FORBIDDEN', { message: '只能编辑本方（物业服务企业或业主委员会）的公示材料' });
  }
  if (party === 'company' && f.company_id != null && Number(f.company_id) !== ctx.scope.companyId) {
    throw new AppError('FORBIDDEN', { message: '这是其他物业服务企业的公示材料' });
  }
  return f;
}

export const lockedError = (f: Record<string, unknown>) => new AppError('FILING_LOCKED', {
  message: `第${f.version}版公示材料已报送，不能再修改；如需更正，请生成新版本`,
  details: { id: Number(f.id), state: f.state },
});

export async function updateFiling(db: Db, o: { ctx: RequestContext; id: number; body: FilingUpdateBody }): Promise<FilingDetail> {
  const { ctx, body } = o;
  const f = await ownFiling(db, ctx, o.id, true);
  if (f.state !== 'draft') throw lockedError(f);
  const estateId = Number(f.estate_id);
  if (body.revenueStatementId != null) {
    const r = await db.query(`SELECT 1 FROM revenue_statements WHERE id = $1 AND estate_id = $2`, [body.revenueStatementId, estateId]);
    if (!r.rows.length) throw fieldError('body.revenueStatementId', '该小区没有这份公共收益报表');
  }
  if (body.fundStatementId != null) {
    const r = await db.query(`SELECT 1 FROM fund_statements WHERE id = $1 AND estate_id = $2`, [body.fundStatementId, estateId]);
    if (!r.rows.length) throw fieldError('body.fundStatementId', '该小区没有这份维修资金对账单');
  }
  const content = body.content === undefined ? null : filingContent.parse(body.content);
  await db.query(
    `UPDATE disclosure_filings SET
        content = COALESCE($2::jsonb, content),
        revenue_statement_id = CASE WHEN $3::boolean THEN $4::bigint ELSE revenue_statement_id END,
        fund_statement_id = CASE WHEN $5::boolean THEN $6::bigint ELSE fund_statement_id END,
        updated_at = now()
      WHERE id = $1`,
    [o.id, content ? JSON.stringify(content) : null, body.revenueStatementId !== undefined, body.revenueStatementId ?? null,
      body.fundStatementId !== undefined, body.fundStatementId ?? null],
  );
  await appendAudit(db, ctx.actor(), {
    action: 'disclosure.filing.update', targetType: 'disclosure_filing', targetId: o.id, estateId,
    summary: {
      version: Number(f.version), content: content !== null,
      ...(body.revenueStatementId !== undefined ? { revenueStatementId: body.revenueStatementId } : {}),
      ...(body.fundStatementId !== undefined ? { fundStatementId: body.fundStatementId } : {}),
    },
  });
  return readFilingDetail(db, { ctx, id: o.id });
}
