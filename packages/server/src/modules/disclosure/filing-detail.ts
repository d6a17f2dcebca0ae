import { FILING_STATE_LABELS, type FilingDetail, type MyFilingDetail } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import { inOrder, type Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { publisherKindOf } from './disclosure-party.ts';
import { FILING_SELECT, toFilingItem } from './filing-view.ts';

// One filing with its content, the statements it links (their summaries), its attachments
// (record types disclosure_filing.<kind>), the period's versions and what the caller may do.

const iso = (d: unknown) => new Date(d as Date).toISOString();

async function buildDetail(db: Db, id: number, visibleVersions: 'all' | 'filed'): Promise<{ d: Omit<FilingDetail, 'availableActions'>; row: Record<string, unknown> } | null> {
  const r = await db.query(
    `${FILING_SELECT.replace('SELECT f.*,', `SELECT f.*, fa.display_name AS filed_by_name, ra.display_name AS reviewed_by_name,`)}
     LEFT JOIN accounts fa ON fa.id = f.filed_by LEFT JOIN accounts ra ON ra.id = f.reviewed_by
     WHERE f.id = $1`,
    [id],
  );
  const x = r.rows[0];
  if (!x) return null;
  const [rev, fund, att, versions] = await inOrder([
    () => (x.revenue_statement_id == null ? Promise.resolve(null) : db.query(
      `SELECT id, period_key, period_start::text AS ps, period_end::text AS pe, opening_fen, income_fen, expense_fen, net_fen, closing_fen
         FROM revenue_statements WHERE id = $1`, [x.revenue_statement_id])),
    () => (x.fund_statement_id == null ? Promise.resolve(null) : db.query(
      `SELECT id, period_start::text AS ps, period_end::text AS pe, body FROM fund_statements WHERE id = $1`, [x.fund_statement_id])),
    () => db.query(
      `SELECT id, record_type, filename, mime, size_bytes, created_at FROM attachments
        WHERE record_type LIKE 'disclosure\\_filing.%' AND record_id = $1 AND estate_id = $2 ORDER BY created_at, id`,
      [String(id), x.estate_id]),
    () => db.query(
      `SELECT id, version, state, filed_at, review_note FROM disclosure_filings
        WHERE estate_id = $1 AND party = $2 AND period_key = $3 ${visibleVersions === 'filed' ? `AND state <> 'draft'` : ''} ORDER BY version`,
      [x.estate_id, x.party, x.period_key]),
  ] as const);
  const rs = rev?.rows[0];
  const fs = fund?.rows[0];
  const d: Omit<FilingDetail, 'availableActions'> = {
    ...toFilingItem(x),
    content: x.content,
    supersedesId: x.supersedes_id == null ? null : Number(x.supersedes_id),
    revenueStatementId: x.revenue_statement_id == null ? null : Number(x.revenue_statement_id),
    fundStatementId: x.fund_statement_id == null ? null : Number(x.fund_statement_id),
    revenueStatement: rs ? {
      id: Number(rs.id), periodKey: rs.period_key, periodStart: rs.ps, periodEnd: rs.pe, openingFen: Number(rs.opening_fen),
      incomeFen: Number(rs.income_fen), expenseFen: Number(rs.expense_fen), netFen: Number(rs.net_fen), closingFen: Number(rs.closing_fen),
    } : null,
    fundStatement: fs ? {
      id: Number(fs.id), periodStart: fs.ps, periodEnd: fs.pe,
      openingFen: fs.body?.estate?.openingFen ?? null, closingFen: fs.body?.estate?.closingFen ?? null,
    } : null,
    filedByName: x.filed_by_name ?? null,
    reviewedByName: x.reviewed_by_name ?? null,
    createdAt: iso(x.created_at),
    updatedAt: iso(x.updated_at),
    attachments: att.rows.map((a) => ({
      id: Number(a.id), recordType: a.record_type, kind: String(a.record_type).split('.')[1] ?? 'other', filename: a.filename,
      mime: a.mime, sizeBytes: Number(a.size_bytes), createdAt: iso(a.created_at),
    })),
    versions: versions.rows.map((v) => ({
      id: Number(v.id), version: Number(v.version), state: v.state, stateLabel: FILING_STATE_LABELS[v.state as 'draft'],
      filedAt: v.filed_at ? iso(v.filed_at) : null, reviewNote: v.review_note ?? null,
    })),
  };
  return { d, row: x };
}

/** What the caller may do with the filing: its party edits and files a draft, or starts a new
 *  version of the latest one once filed; the body it was filed with acknowledges or returns it. */
function actionsFor(ctx: RequestContext, d: Omit<FilingDetail, 'availableActions'>): string[] {
  const out: string[] = [];
  const kind = publisherKindOf(ctx);
  if (ctx.can('disclosure.file') && kind === d.party) {
    if (d.state === 'draft') out.push('edit', 'file');
    else if (d.versions[d.versions.length - 1]?.id === d.id) out.push('new_version');
  }
  const reviewer = d.filedWith === 'street' ? 'street_officer' : d.filedWith === 'district' ? 'district_officer' : null;
  if (d.state === 'filed' && ctx.can('disclosure.review') && ctx.role === reviewer) out.push('acknowledge', 'return');
  return out;
}

/** GET /filings/:id (disclosure.read): drafts only for their own party. */
export async function readFilingDetail(db: Db, o: { ctx: RequestContext; id: number }): Promise<FilingDetail> {
  const got = await buildDetail(db, o.id, 'all');
  if (!got) throw notFound('公示备案');
  o.ctx.assertEstate(got.d.estateId, '公示备案');
  // a draft is the party's work in progress: others (officers, the other party) do not see it
  if (got.d.state === 'draft' && publisherKindOf(o.ctx) !== got.d.party) throw notFound('公示备案');
  if (publisherKindOf(o.ctx) !== got.d.party) got.d.versions = got.d.versions.filter((v) => v.state !== 'draft');
  return { ...got.d, availableActions: actionsFor(o.ctx, got.d) };
}

/** GET /my/filings/:id (owners): a filed version of a package of one of my estates. */
export async function readMyFiling(db: Db, o: { ctx: RequestContext; id: number }): Promise<MyFilingDetail> {
  const got = await buildDetail(db, o.id, 'filed');
  if (!got || got.d.state === 'draft') throw notFound('公示备案');
  o.ctx.assertEstate(got.d.estateId, '公示备案');
  const { availableActions: _a, filedByName: _f, reviewedByName: _r, ...rest } = { ...got.d, availableActions: [] };
  return rest;
}
