import {
  defaultResponsible, periodLabel, QUESTION_PARTY_LABELS, type QuestionParty, type QuestionSubjectType,
} from '@gongzhi/domain';
import { formatYuan } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';

// What an owner may ask about: an item disclosed to them in one of their estates. A draft, an item
// of another estate, or one whose audience leaves the owner out is "not found" (existence is not
// leaked). Each subject gives its estate, a title the question keeps (what owners read in the
// list even if the item is later corrected), and the facts that choose who answers by default.

export interface QuestionSubject {
  estateId: number;
  title: string;
  responsible: QuestionParty;
}

type Row = Record<string, unknown>;

const LOOKUPS: Record<QuestionSubjectType, string> = {
  // published or withdrawn (a withdrawn notice stays in the archive and may still be asked about),
  // and the owner is in its audience: the whole estate, their buildings or their units
  notice: `SELECT n.estate_id, n.title, n.publisher_kind FROM notices n
            WHERE n.id = $1 AND n.state IN ('published', 'withdrawn')
              AND (n.audience IN ('estate', 'owners')
                   OR (n.audience = 'buildings' AND EXISTS (SELECT 1 FROM units u WHERE u.id = ANY($2::bigint[]) AND u.building_id = ANY(n.building_ids)))
                   OR (n.audience = 'units' AND n.unit_ids && $2::bigint[])
                   OR EXISTS (SELECT 1 FROM notice_recipients r WHERE r.notice_id = n.id AND r.account_id = $3))`,
  revenue_statement: `SELECT s.estate_id, s.period_key FROM revenue_statements s WHERE s.id = $1`,
  // an entry is disclosed once a published statement covers its booking date
  revenue_entry: `SELECT e.estate_id, e.counterparty, e.category, e.direction, e.amount_fen, e.managed_by, e.booked_on::text AS booked_on
                    FROM revenue_entries e
                   WHERE e.id = $1 AND EXISTS (SELECT 1 FROM revenue_statements s WHERE s.estate_id = e.estate_id
                                                  AND e.booked_on BETWEEN s.period_start AND s.period_end)`,
  disclosure_filing: `SELECT f.estate_id, f.party, f.period_key, f.version FROM disclosure_filings f WHERE f.id = $1 AND f.state <> 'draft'`,
  fund_statement: `SELECT s.estate_id, s.period_start::text AS ps, s.period_end::text AS pe FROM fund_statements s WHERE s.id = $1`,
  // the applications that charge one of the owner's units, once submitted (as /my/fund/applications)
  fund_application: `SELECT a.estate_id, a.title FROM fund_applications a
                      WHERE a.id = $1 AND a.submitted_at IS NOT NULL
                        AND EXISTS (SELECT 1 FROM fund_application_shares s WHERE s.application_id = a.id AND s.unit_id = ANY($2::bigint[]))`,
  // from the notice on (as /my/meetings)
  meeting: `SELECT m.estate_id, m.title FROM meetings m WHERE m.id = $1 AND m.notice_published_at IS NOT NULL`,
};

function titleOf(type: QuestionSubjectType, r: Row): string {
  switch (type) {
    case 'notice':
    case 'fund_application':
    case 'meeting':
      return String(r.title);
    case 'revenue_statement':
      return `公共收益收支情况（${periodLabel(String(r.period_key))}）`;
    case 'revenue_entry':
      return `公共收益${r.direction === 'income' ? '收入' : '支出'}：${String(r.counterparty)} ¥${formatYuan(Number(r.amount_fen))}（${String(r.booked_on)}）`;
    case 'disclosure_filing':
      return `${QUESTION_PARTY_LABELS[r.party as QuestionParty]}${periodLabel(String(r.period_key))}公示备案（第${Number(r.version)}版）`;
    case 'fund_statement':
      return `维修资金对账单（${String(r.ps)} 至 ${String(r.pe)}）`;
  }
}

/** The subject as the owner `ctx` may see it, or 404. */
export async function subjectForOwner(db: Db, ctx: RequestContext, type: QuestionSubjectType, subjectId: number): Promise<QuestionSubject> {
  const r = await db.query(LOOKUPS[type], type === 'notice' ? [subjectId, ctx.scope.unitIds ?? [], ctx.accountId]
    : type === 'fund_application' ? [subjectId, ctx.scope.unitIds ?? []] : [subjectId]);
  const row = r.rows[0] as Row | undefined;
  if (!row) throw notFound('质询对象');
  const estateId = Number(row.estate_id);
  ctx.assertEstate(estateId, '质询对象');
  return {
    estateId,
    title: titleOf(type, row).slice(0, 200),
    responsible: defaultResponsible({
      type,
      publisherKind: (row.publisher_kind as string | undefined) ?? null,
      managedBy: (row.managed_by as QuestionParty | undefined) ?? null,
      party: (row.party as QuestionParty | undefined) ?? null,
    }),
  };
}
