import { FILING_PARTY_LABELS } from '@gongzhi/contracts';
import { addCalendarDays, periodLabel, previousPeriodKey, lastCompletePeriodKey } from '@gongzhi/domain';
import { appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { enqueueJob } from '../../platform/jobs/index.ts';
import { notifyMany } from '../../platform/notify/notify.ts';
import { localDate, SYSTEM_ACTOR } from '../meetings/index.ts';
import { disclosureRulesOf, periodOf, type DisclosureRules } from './filing-city-rules.ts';
import { filingPartyAccounts, reviewerAccounts } from './filing-view.ts';

// The daily check (durable job 'disclosure.filings_check', 01:00 Asia/Shanghai): a package owed
// for a period whose due day has passed with no version filed is flagged overdue, once per
// estate, party and period (the flag's primary key), with an inbox message to the party and to
// the officers it is filed with, and an audit event. It then schedules the next day's check
// (one job per day by dedupe key, so a second server or a re-run schedules nothing twice).

export const FILINGS_CHECK_JOB = 'disclosure.filings_check';
/** How many periods back are checked: a long due time under a monthly rule can leave several open. */
const PERIODS_BACK = 3;

/** The next day's check after `after`, never a day already past: each check looks back several
 *  periods, so a server that was down (or a demo writing history) needs one check, not a backlog. */
export async function scheduleFilingsCheck(db: Db, after: Date): Promise<void> {
  const from = localDate(after);
  const today = localDate(new Date());
  const day = addCalendarDays(from > today ? from : today, 1);
  await enqueueJob(db, { kind: FILINGS_CHECK_JOB, payload: { day }, runAt: new Date(`${day}T01:00:00+08:00`), dedupeKey: `${FILINGS_CHECK_JOB}:${day}` });
}

/** Candidate periods of an estate on `today`: the last few complete ones whose due day is behind us. */
function overduePeriods(r: DisclosureRules, today: string) {
  const out = [];
  let key = lastCompletePeriodKey(r.periodKind, today);
  for (let i = 0; i < PERIODS_BACK; i++) {
    const p = periodOf(r, key)!;
    if (p.dueOn < today) out.push(p);
    key = previousPeriodKey(r.periodKind, key);
  }
  return out;
}

/** Flags what is overdue on `today` (local date); returns how many new flags. */
export async function checkOverdueFilings(db: Db, o: { today: string }): Promise<number> {
  const estates = await db.query(`SELECT id FROM estates ORDER BY id`);
  const rules = await disclosureRulesOf(db, estates.rows.map((x) => Number(x.id)));
  const cand = rules.flatMap((r) => overduePeriods(r, o.today).map((p) => ({ r, p })));
  if (!cand.length) return 0;
  // owed (contract or committee during the period) and nothing filed: insert the flag once
  const res = await db.query(
    `WITH p(estate_id, period_key, ps, pe, due) AS (SELECT * FROM unnest($1::bigint[], $2::text[], $3::date[], $4::date[], $5::date[])),
          owed AS (
            SELECT p.*, pt.party,
                   (SELECT sc.company_id FROM service_contracts sc WHERE sc.estate_id = p.estate_id AND sc.starts_on <= p.pe AND sc.ends_on >= p.ps
                     ORDER BY sc.ends_on DESC LIMIT 1) AS company_id
              FROM p CROSS JOIN (VALUES ('company'), ('committee')) AS pt(party)
             WHERE ((pt.party = 'company' AND EXISTS (SELECT 1 FROM service_contracts sc
                                                      WHERE sc.estate_id = p.estate_id AND sc.starts_on <= p.pe AND sc.ends_on >= p.ps))
                 OR (pt.party = 'committee' AND EXISTS (SELECT 1 FROM committees c
                                                        WHERE c.estate_id = p.estate_id AND c.term_start <= p.pe AND c.term_end >= p.ps)))
               AND NOT EXISTS (SELECT 1 FROM disclosure_filings f
                                WHERE f.estate_id = p.estate_id AND f.party = pt.party AND f.period_key = p.period_key AND f.state <> 'draft')),
          ins AS (
            INSERT INTO disclosure_overdue_flags (estate_id, party, period_key, due_on)
            SELECT estate_id, party, period_key, due FROM owed ON CONFLICT DO NOTHING RETURNING estate_id, party, period_key)
     SELECT ins.*, owed.company_id, owed.due::text AS due FROM ins
       JOIN owed USING (estate_id, party, period_key) ORDER BY estate_id, party`,
    [cand.map((c) => c.r.estateId), cand.map((c) => c.p.key), cand.map((c) => c.p.start), cand.map((c) => c.p.end), cand.map((c) => c.p.dueOn)],
  );
  const byEstate = new Map(rules.map((r) => [r.estateId, r]));
  // many estates file with the same street or district: read its officers once per run
  const officersOf = new Map<string, number[]>();
  for (const x of res.rows) {
    const r = byEstate.get(Number(x.estate_id))!;
    const party = x.party as 'company' | 'committee';
    await appendAudit(db, SYSTEM_ACTOR, {
      action: 'disclosure.filing.overdue', targetType: 'estate', targetId: r.estateId, estateId: r.estateId,
      summary: { party, periodKey: x.period_key, dueOn: x.due },
    });
    const what = `${r.estateName}${periodLabel(x.period_key)}${FILING_PARTY_LABELS[party]}公示备案`;
    const party_ = await filingPartyAccounts(db, { estateId: r.estateId, party, companyId: x.company_id == null ? null : Number(x.company_id) });
    const regionId = r.fileWith === 'street' ? r.streetId : r.districtId;
    const officerKey = `${r.fileWith}:${regionId}`;
    let officers = officersOf.get(officerKey);
    if (!officers) officersOf.set(officerKey, (officers = await reviewerAccounts(db, r.fileWith, regionId)));
    await notifyMany(db, {
      accountIds: [...party_, ...officers],
      subject: `公示备案逾期未报：${what}`,
      body: `${what}应于 ${x.due} 前报送，截至目前尚未报送，已标记为逾期。请尽快编制并报送。`,
    });
  }
  return res.rows.length;
}
