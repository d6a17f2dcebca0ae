import { FILING_PARTY_LABELS, FILING_STATE_LABELS, type FilingStatusQuery, type FilingStatusRow, type FilingStatusView } from '@gongzhi/contracts';
import { FILING_STATUS_LABELS, filedLate, filingStatus, lastCompletePeriodKey, periodKindOfKey, periodLabel, type FilingStatus } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { fieldError } from '../../platform/errors.ts';
import { localDate } from '../meetings/index.ts';
import { disclosureRulesOf, periodOf } from './filing-city-rules.ts';

// Officers' view of a period: for every estate in their scope (optionally under one region) and
// every party that owes a package — the company when a service contract covers part of the
// period, the committee when one was in office during it — whether it was filed on time, late,
// is missing past its due day, was returned, or is not due yet. Without a period each estate is
// shown for the last complete period under its city's rule.

export async function filingStatusTable(db: Db, o: { ctx: RequestContext; query: FilingStatusQuery; now?: Date }): Promise<FilingStatusView> {
  const q = o.query;
  const today = localDate(o.now ?? new Date());
  const kindOfKey = q.periodKey ? periodKindOfKey(q.periodKey) : null;
  if (q.periodKey && !kindOfKey) throw fieldError('querystring.periodKey', '期间格式应形如 2026-10、2026-Q3 或 2026-H2');
  const e = await db.query(
    `SELECT e.id FROM estates e JOIN regions c ON c.id = e.community_id
      WHERE e.id = ANY($1) AND ($2::bigint IS NULL OR c.path LIKE (SELECT r.path FROM regions r WHERE r.id = $2) || '%')`,
    [o.ctx.scope.estateIds, q.regionId ?? null],
  );
  const rules = await disclosureRulesOf(db, e.rows.map((x) => Number(x.id)));
  // a given period is read with its own kind; the due day still follows each city's days
  const periods = rules.map((r) => {
    const kind = kindOfKey ?? r.periodKind;
    // an empty periodKey ("?periodKey=", a cleared filter) means none, as in the check above
    const key = q.periodKey || lastCompletePeriodKey(kind, today);
    return { rules: r, period: periodOf({ periodKind: kind, filingDueDays: r.filingDueDays }, key)! };
  });
  const r = await db.query(
    `WITH p(estate_id, period_key, ps, pe) AS (SELECT * FROM unnest($1::bigint[], $2::text[], $3::date[], $4::date[]))
     SELECT p.estate_id, p.period_key, pt.party,
            (SELECT min(f.filed_at) FROM disclosure_filings f
              WHERE f.estate_id = p.estate_id AND f.party = pt.party AND f.period_key = p.period_key AND f.filed_at IS NOT NULL) AS first_filed,
            l.id AS l_id, l.version AS l_version, l.state AS l_state, l.filed_at AS l_filed_at, l.review_note AS l_note,
            EXISTS (SELECT 1 FROM disclosure_overdue_flags fl
                     WHERE fl.estate_id = p.estate_id AND fl.party = pt.party AND fl.period_key = p.period_key) AS flagged
       FROM p CROSS JOIN (VALUES ('company'), ('committee')) AS pt(party)
       LEFT JOIN LATERAL (SELECT f.id, f.version, f.state, f.filed_at, f.review_note FROM disclosure_filings f
                           WHERE f.estate_id = p.estate_id AND f.party = pt.party AND f.period_key = p.period_key AND f.state <> 'draft'
                           ORDER BY f.version DESC LIMIT 1) l ON true
      WHERE l.id IS NOT NULL
         OR (pt.party = 'company' AND EXISTS (SELECT 1 FROM service_contracts sc
                                               WHERE sc.estate_id = p.estate_id AND sc.starts_on <= p.pe AND sc.ends_on >= p.ps))
         OR (pt.party = 'committee' AND EXISTS (SELECT 1 FROM committees c
                                                 WHERE c.estate_id = p.estate_id AND c.term_start <= p.pe AND c.term_end >= p.ps))`,
    [periods.map((p) => p.rules.estateId), periods.map((p) => p.period.key), periods.map((p) => p.period.start), periods.map((p) => p.period.end)],
  );
  const byEstate = new Map(periods.map((p) => [p.rules.estateId, p]));
  const all: FilingStatusRow[] = r.rows.map((x) => {
    const p = byEstate.get(Number(x.estate_id))!;
    const status: FilingStatus = filingStatus({
      dueOn: p.period.dueOn, today,
      firstFiledOn: x.first_filed ? localDate(new Date(x.first_filed)) : null,
      latestFiledState: x.l_state ?? null,
    });
    const party = x.party as 'company' | 'committee';
    const firstLate = x.first_filed ? filedLate(p.period.dueOn, localDate(new Date(x.first_filed))) : status === 'missing';
    return {
      estateId: p.rules.estateId, estateName: p.rules.estateName, streetName: p.rules.streetName,
      party, partyLabel: FILING_PARTY_LABELS[party], periodKey: p.period.key, periodLabel: periodLabel(p.period.key), dueOn: p.period.dueOn,
      status, statusLabel: FILING_STATUS_LABELS[status],
      latest: x.l_id == null ? null : {
        id: Number(x.l_id), version: Number(x.l_version), state: x.l_state, stateLabel: FILING_STATE_LABELS[x.l_state as 'filed'],
        filedAt: new Date(x.l_filed_at).toISOString(), reviewNote: x.l_note ?? null,
      },
      late: firstLate,
      flagged: Boolean(x.flagged),
    };
  });
  all.sort((a, b) => a.estateName.localeCompare(b.estateName, 'zh-CN') || a.estateId - b.estateId || (a.party === 'company' ? -1 : 1));
  const count = (s: FilingStatus) => all.filter((x) => x.status === s).length;
  return {
    today,
    rows: q.status ? all.filter((x) => x.status === q.status) : all,
    summary: { total: all.length, onTime: count('on_time'), late: count('late'), missing: count('missing'), returned: count('returned'), pending: count('pending') },
  };
}
