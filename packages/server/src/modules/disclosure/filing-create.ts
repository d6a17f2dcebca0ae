import type { FilingContentView, FilingDetail } from '@gongzhi/contracts';
import { EMPTY_FILING_CONTENT, periodLabel } from '@gongzhi/domain';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { localDate } from '../meetings/index.ts';
import { responsiblePartyOf } from './disclosure-party.ts';
import { disclosureRules, periodOf } from './filing-city-rules.ts';
import { readFilingDetail } from './filing-detail.ts';
import { scheduleFilingsCheck } from './filing-overdue.ts';

// A period's package is begun as a draft by the company or the committee (the caller's party).
// The first version starts empty but for the service contract on file; a later version copies
// the latest one that left draft (filed, acknowledged or returned) and supersedes it, so a change
// after filing is always a new version and the earlier ones stay as they were. One draft at a
// time per estate, party and period (also a unique index).

const KEY_EXAMPLE = { month: '2026-10', quarter: '2026-Q3', half_year: '2026-H2' } as const;

export async function createFiling(db: Db, o: { ctx: RequestContext; estateId: number; periodKey: string; now?: Date }): Promise<FilingDetail> {
  const { ctx } = o;
  ctx.assertEstate(o.estateId, '小区');
  const party = responsiblePartyOf(ctx);
  const rules = await disclosureRules(db, o.estateId);
  if (!rules) throw notFound('小区');
  const period = periodOf(rules, o.periodKey);
  if (!period) {
    throw fieldError('body.periodKey', `本市按${rules.periodKind === 'month' ? '月' : rules.periodKind === 'quarter' ? '季度' : '半年'}公示，期间应形如 ${KEY_EXAMPLE[rules.periodKind]}`);
  }
  const now = o.now ?? new Date();
  if (period.start > localDate(now)) throw fieldError('body.periodKey', `${periodLabel(period.key)}尚未开始，不能编制公示材料`);
  const companyId = party === 'company' ? ctx.scope.companyId : null;
  if (party === 'company' && companyId == null) throw new AppError('FORBIDDEN', { message: '当前身份不属于物业服务企业' });

  // serialise concurrent creations of the same package: the unique index would answer a 500
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('disclosure_filing'), hashtext($1))`, [`${o.estateId}:${party}:${period.key}`]);
  const prev = await db.query(
    `SELECT id, version, state, content, revenue_statement_id, fund_statement_id FROM disclosure_filings
      WHERE estate_id = $1 AND party = $2 AND period_key = $3 ORDER BY version DESC LIMIT 1`,
    [o.estateId, party, period.key],
  );
  const last = prev.rows[0];
  if (last?.state === 'draft') {
    throw new AppError('CONFLICT', { message: `${periodLabel(period.key)}的公示材料已有草稿（第${last.version}版），请继续编辑该草稿`, details: { id: Number(last.id) } });
  }
  const content: FilingContentView = last ? last.content : await firstContent(db, o.estateId, companyId, party);
  const r = await db.query(
    `INSERT INTO disclosure_filings (estate_id, party, company_id, period_kind, period_key, period_start, period_end, due_on, version,
                                     supersedes_id, content, revenue_statement_id, fund_statement_id, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id`,
    [o.estateId, party, companyId, period.kind, period.key, period.start, period.end, period.dueOn, last ? Number(last.version) + 1 : 1,
      last ? Number(last.id) : null, JSON.stringify(content), last?.revenue_statement_id ?? null, last?.fund_statement_id ?? null,
      ctx.accountId, now],
  );
  const id = Number(r.rows[0].id);
  await appendAudit(db, ctx.actor(), {
    action: 'disclosure.filing.create', targetType: 'disclosure_filing', targetId: id, estateId: o.estateId,
    summary: { party, periodKey: period.key, version: last ? Number(last.version) + 1 : 1, supersedesId: last ? Number(last.id) : null },
  });
  // the daily overdue check exists once filings are in use (as the first booking schedules the fund statement job)
  await scheduleFilingsCheck(db, now);
  return readFilingDetail(db, { ctx, id });
}

/** A first version's content: the company's service contract on file for the period, else empty. */
async function firstContent(db: Db, estateId: number, companyId: number | null, party: string): Promise<FilingContentView> {
  if (party !== 'company') return { ...EMPTY_FILING_CONTENT };
  const r = await db.query(
    `SELECT co.name, sc.starts_on::text AS s, sc.ends_on::text AS e FROM service_contracts sc JOIN companies co ON co.id = sc.company_id
      WHERE sc.estate_id = $1 AND sc.company_id = $2 ORDER BY sc.ends_on DESC LIMIT 1`,
    [estateId, companyId],
  );
  const x = r.rows[0];
  return { ...EMPTY_FILING_CONTENT, serviceContract: x ? { companyName: x.name, startsOn: x.s, endsOn: x.e, summary: '' } : null };
}
