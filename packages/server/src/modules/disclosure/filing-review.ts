import { FILE_WITH_LABELS, FILING_STATE_LABELS } from '@gongzhi/contracts';
import { periodLabel } from '@gongzhi/domain';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { notifyMany } from '../../platform/notify/notify.ts';
import { filingPartyAccounts, loadFiling } from './filing-view.ts';

// The street office or the district bureau reviews a filed package: acknowledges it (备案) or
// returns it with reasons (退回). Only the body it was filed with: a street officer for packages
// filed with the street office, a district officer for those filed with the district, within
// their region (scope). A review stands; a returned package is corrected by a new version.

const REVIEWER_ROLE = { street: 'street_officer', district: 'district_officer' } as const;

async function review(db: Db, o: { ctx: RequestContext; id: number; outcome: 'acknowledged' | 'returned'; note: string; now?: Date }) {
  const { ctx } = o;
  const f = await loadFiling(db, o.id, true);
  // existence is not leaked outside the region; a draft has not reached any reviewer
  ctx.assertEstate(Number(f.estate_id), '公示备案');
  if (f.state === 'draft') throw new AppError('NOT_FOUND', { message: '公示备案不存在' });
  const fileWith = f.filed_with as 'street' | 'district';
  if (ctx.role !== REVIEWER_ROLE[fileWith]) {
    throw new AppError('FORBIDDEN', { message: `该材料报送至${FILE_WITH_LABELS[fileWith]}，应由${FILE_WITH_LABELS[fileWith]}审核` });
  }
  if (f.state !== 'filed') {
    throw new AppError('CONFLICT', { message: `第${f.version}版已${FILING_STATE_LABELS[f.state as 'acknowledged']}，审核结果不能更改` });
  }
  const now = o.now ?? new Date();
  await db.query(
    `UPDATE disclosure_filings SET state = $2, reviewed_at = $3, reviewed_by = $4, review_note = $5, updated_at = $3 WHERE id = $1`,
    [o.id, o.outcome, now, ctx.accountId, o.outcome === 'returned' ? o.note : (o.note || null)],
  );
  const estateId = Number(f.estate_id);
  await appendAudit(db, ctx.actor(), {
    action: o.outcome === 'acknowledged' ? 'disclosure.filing.acknowledge' : 'disclosure.filing.return',
    targetType: 'disclosure_filing', targetId: o.id, estateId,
    summary: { party: f.party, periodKey: f.period_key, version: Number(f.version), note: o.note || null },
  });
  const e = await db.query(`SELECT name FROM estates WHERE id = $1`, [estateId]);
  const what = `${e.rows[0].name}${periodLabel(String(f.period_key))}公示备案材料（第${f.version}版）`;
  const accounts = await filingPartyAccounts(db, { estateId, party: String(f.party), companyId: f.company_id == null ? null : Number(f.company_id) });
  await notifyMany(db, {
    accountIds: f.filed_by == null ? accounts : [...accounts, Number(f.filed_by)],
    subject: o.outcome === 'acknowledged' ? `公示备案已备案：${what}` : `公示备案被退回：${what}`,
    body: o.outcome === 'acknowledged'
      ? `${FILE_WITH_LABELS[fileWith]}已对${what}予以备案。${o.note ? `备注：${o.note}` : ''}`
      : `${FILE_WITH_LABELS[fileWith]}退回了${what}，理由：${o.note}。请修改后生成新版本重新报送。`,
  });
  return { id: o.id, state: o.outcome, stateLabel: FILING_STATE_LABELS[o.outcome], noticeId: f.notice_id == null ? null : Number(f.notice_id) };
}

export const acknowledgeFiling = (db: Db, o: { ctx: RequestContext; id: number; note: string; now?: Date }) =>
  review(db, { ...o, outcome: 'acknowledged' });

export const returnFiling = (db: Db, o: { ctx: RequestContext; id: number; reason: string; now?: Date }) =>
  review(db, { ctx: o.ctx, id: o.id, now: o.now, outcome: 'returned', note: o.reason });
