import { FILING_PARTY_LABELS, FILING_STATE_LABELS, type FilingListItem } from '@gongzhi/contracts';
import { filedLate, periodLabel } from '@gongzhi/domain';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { localDate } from '../meetings/index.ts';
import { committeeAccounts, companyAccounts, grantHolders } from './disclosure-party.ts';

// How a filing row reads in every answer (list, detail, owner pages, steps), and who acts for or
// reviews it. The party's name is the company's registered name, or the estate's committee (the
// current term's, else the latest), as owners read it under the published package.

export const FILING_SELECT = `
  SELECT f.*, f.period_start::text AS ps, f.period_end::text AS pe, f.due_on::text AS due,
         e.name AS estate_name, rg.name AS filed_with_name,
         CASE WHEN f.party = 'company' THEN coalesce(co.name, '物业服务企业')
              ELSE coalesce((SELECT c.name FROM committees c WHERE c.estate_id = f.estate_id
                              ORDER BY (c.term_start <= current_date AND c.term_end >= current_date) DESC, c.term_end DESC LIMIT 1),
                            e.name || '业主委员会') END AS party_name
    FROM disclosure_filings f JOIN estates e ON e.id = f.estate_id
    LEFT JOIN companies co ON co.id = f.company_id
    LEFT JOIN regions rg ON rg.id = f.filed_with_region_id`;

const iso = (d: unknown) => (d ? new Date(d as Date).toISOString() : null);

export function toFilingItem(x: Record<string, unknown>): FilingListItem {
  const filedAt = iso(x.filed_at);
  const state = x.state as FilingListItem['state'];
  const party = x.party as FilingListItem['party'];
  return {
    id: Number(x.id), estateId: Number(x.estate_id), estateName: String(x.estate_name),
    party, partyLabel: FILING_PARTY_LABELS[party], partyName: String(x.party_name),
    periodKind: String(x.period_kind), periodKey: String(x.period_key), periodLabel: periodLabel(String(x.period_key)),
    periodStart: String(x.ps), periodEnd: String(x.pe), dueOn: String(x.due),
    version: Number(x.version), state, stateLabel: FILING_STATE_LABELS[state],
    filedWith: (x.filed_with as 'street' | 'district' | null) ?? null, filedWithName: (x.filed_with_name as string | null) ?? null,
    filedAt, late: filedAt ? filedLate(String(x.due), localDate(new Date(filedAt))) : false,
    reviewedAt: iso(x.reviewed_at), reviewNote: (x.review_note as string | null) ?? null,
    noticeId: x.notice_id == null ? null : Number(x.notice_id),
  };
}

/** The filing row (locked for update when `lock`), or 404. The caller checks the scope. */
export async function loadFiling(db: Db, id: number, lock = false): Promise<Record<string, unknown>> {
  const r = await db.query(`SELECT *, period_start::text AS ps, period_end::text AS pe, due_on::text AS due FROM disclosure_filings WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  if (!r.rows[0]) throw notFound('公示备案');
  return r.rows[0];
}

export async function readFilingItem(db: Db, id: number): Promise<FilingListItem> {
  const r = await db.query(`${FILING_SELECT} WHERE f.id = $1`, [id]);
  if (!r.rows[0]) throw notFound('公示备案');
  return toFilingItem(r.rows[0]);
}

/** Accounts acting for the filing's party: the committee roles on the estate, or the staff and
 *  managers of the filing's company. */
export function filingPartyAccounts(db: Db, f: { estateId: number; party: string; companyId: number | null }): Promise<number[]> {
  return f.party === 'committee' ? committeeAccounts(db, f.estateId) : companyAccounts(db, f.companyId);
}

/** The officers of the body a package is filed with: street officers of the street office, or
 *  district officers of the district. */
export function reviewerAccounts(db: Db, fileWith: 'street' | 'district', regionId: number | null): Promise<number[]> {
  return grantHolders(db, { kind: 'region', id: regionId }, [fileWith === 'street' ? 'street_officer' : 'district_officer']);
}
