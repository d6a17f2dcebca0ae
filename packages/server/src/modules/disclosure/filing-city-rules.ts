import type { DisclosureCityRulesView } from '@gongzhi/contracts';
import { FILE_WITH_LABELS } from '@gongzhi/contracts';
import { DEFAULT_DISCLOSURE_RULES, filingDueOn, lastCompletePeriodKey, PERIOD_KIND_LABELS, periodBounds, periodLabel, type PeriodKind } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { localDate } from '../meetings/index.ts';

// The disclosure rule of an estate's city (disclosure_city_rules, keyed by the city at the root of
// the estate's community path "/city/district/street/community/"), and the street office and
// district the estate belongs to (whom its packages are filed with). No row: DEFAULT_DISCLOSURE_RULES
// (quarterly, due 30 days after the period, filed with the street office, 7 days to answer a question).

export interface DisclosureRules {
  estateId: number;
  estateName: string;
  cityRegionId: number | null;
  cityName: string;
  configured: boolean;
  periodKind: PeriodKind;
  filingDueDays: number;
  fileWith: 'street' | 'district';
  answerDays: number;
  streetId: number | null;
  streetName: string;
  districtId: number | null;
  districtName: string;
}

const SQL = `
  SELECT e.id AS estate_id, e.name AS estate_name, city.id AS city_id, city.name AS city_name,
         dr.city_region_id IS NOT NULL AS configured, dr.period_kind, dr.filing_due_days, dr.file_with, dr.answer_days,
         st.id AS street_id, st.name AS street_name, di.id AS district_id, di.name AS district_name
    FROM estates e JOIN regions c ON c.id = e.community_id
    LEFT JOIN regions city ON city.id = nullif(split_part(c.path, '/', 2), '')::bigint
    LEFT JOIN disclosure_city_rules dr ON dr.city_region_id = city.id
    LEFT JOIN LATERAL (SELECT r.id, r.name FROM regions r WHERE r.level = 'street' AND c.path LIKE r.path || '%' LIMIT 1) st ON true
    LEFT JOIN LATERAL (SELECT r.id, r.name FROM regions r WHERE r.level = 'district' AND c.path LIKE r.path || '%' LIMIT 1) di ON true`;

function toRules(x: Record<string, unknown>): DisclosureRules {
  return {
    estateId: Number(x.estate_id), estateName: String(x.estate_name),
    cityRegionId: x.city_id == null ? null : Number(x.city_id), cityName: String(x.city_name ?? ''),
    configured: Boolean(x.configured),
    periodKind: (x.period_kind as PeriodKind | null) ?? DEFAULT_DISCLOSURE_RULES.periodKind,
    filingDueDays: x.filing_due_days == null ? DEFAULT_DISCLOSURE_RULES.filingDueDays : Number(x.filing_due_days),
    fileWith: (x.file_with as 'street' | 'district' | null) ?? DEFAULT_DISCLOSURE_RULES.fileWith,
    answerDays: x.answer_days == null ? DEFAULT_DISCLOSURE_RULES.answerDays : Number(x.answer_days),
    streetId: x.street_id == null ? null : Number(x.street_id), streetName: String(x.street_name ?? ''),
    districtId: x.district_id == null ? null : Number(x.district_id), districtName: String(x.district_name ?? ''),
  };
}

export async function disclosureRules(db: Db, estateId: number): Promise<DisclosureRules | null> {
  const r = await db.query(`${SQL} WHERE e.id = $1`, [estateId]);
  return r.rows[0] ? toRules(r.rows[0]) : null;
}

/** The rules of many estates in one query (the status table, the daily check). */
export async function disclosureRulesOf(db: Db, estateIds: number[]): Promise<DisclosureRules[]> {
  const r = await db.query(`${SQL} WHERE e.id = ANY($1) ORDER BY e.name, e.id`, [estateIds]);
  return r.rows.map(toRules);
}

/** The period of `key` under the estate's rule, with its due day; null when `key` is not of the rule's kind. */
export function periodOf(rules: Pick<DisclosureRules, 'periodKind' | 'filingDueDays'>, key: string) {
  const b = periodBounds(rules.periodKind, key);
  return b ? { key, kind: rules.periodKind, start: b.start, end: b.end, dueOn: filingDueOn(b.end, rules.filingDueDays) } : null;
}

/** GET /disclosure/city-rules?estateId= */
export async function readCityRules(db: Db, o: { ctx: RequestContext; estateId: number; now?: Date }): Promise<DisclosureCityRulesView> {
  o.ctx.assertEstate(o.estateId, '小区');
  const r = await disclosureRules(db, o.estateId);
  if (!r) throw notFound('小区');
  const key = lastCompletePeriodKey(r.periodKind, localDate(o.now ?? new Date()));
  return {
    estateId: r.estateId, cityRegionId: r.cityRegionId, cityName: r.cityName, configured: r.configured,
    periodKind: r.periodKind, periodKindLabel: PERIOD_KIND_LABELS[r.periodKind], filingDueDays: r.filingDueDays,
    fileWith: r.fileWith, fileWithLabel: FILE_WITH_LABELS[r.fileWith], answerDays: r.answerDays,
    currentPeriodKey: key, currentPeriodLabel: periodLabel(key), currentDueOn: periodOf(r, key)!.dueOn,
  };
}
