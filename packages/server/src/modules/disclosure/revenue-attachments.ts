import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { statementCovering } from './revenue-books.ts';

// Who may attach evidence (凭证: a contract, an invoice, a receipt) to a common-revenue entry
// (POST /attachments with recordType `revenue_entry`): those who keep the books (revenue.ledger)
// of the entry's estate, until the entry's period is stated — a published statement, the entries
// behind it and their evidence are what owners were shown.

export async function assertRevenueEntryAttachable(db: Db, ctx: RequestContext, input: { recordId: string; estateId: number }): Promise<void> {
  if (!/^[1-9][0-9]{0,17}$/.test(input.recordId)) throw notFound('收支记录');
  const r = await db.query(`SELECT estate_id, booked_on::text AS booked_on FROM revenue_entries WHERE id = $1`, [input.recordId]);
  const e = r.rows[0];
  if (!e || Number(e.estate_id) !== input.estateId) throw notFound('收支记录');
  ctx.assertEstate(Number(e.estate_id), '收支记录');
  if (!ctx.can('revenue.ledger')) throw new AppError('FORBIDDEN', { message: '只有记账的物业服务企业或业主委员会可以上传收支凭证' });
  if (await statementCovering(db, Number(e.estate_id), e.booked_on)) {
    throw new AppError('REVENUE_PERIOD_CLOSED', { message: '该收支所在期间的报表已公布，不能再添加凭证' });
  }
}
