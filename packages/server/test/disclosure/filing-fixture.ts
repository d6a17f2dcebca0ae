import { addCalendarDays, lastCompletePeriodKey, previousPeriodKey, periodBounds } from '@gongzhi/domain';
import type { FilingContentInput } from '@gongzhi/contracts';
import { localDate } from '../../src/modules/meetings/index.ts';
import {
  boundOwner, createBuilding, createCommittee, createCompany, createEstate, createRegionTree, createServiceContract, createUnit,
  signedInAs,
} from '../support/factories.ts';
import { apiAs, type Signed } from '../support/api.ts';
import type { TestApp } from '../support/test-app.ts';

// The filing tests' world: one city, two estates in two streets (each its own district). Estate A
// (翠竹苑) has a company under contract, a committee, a bound owner; its property manager, committee
// chair, street officer and district officer. Estate B has the same, and its own street officer
// and owner. Dates are computed from today (Asia/Shanghai) so the tests hold on any day.

export type { Signed };
export interface FilingSide {
  estateId: number; streetId: number; districtId: number; companyId: number;
  manager: Signed; staff: Signed; committee: Signed; street: Signed; district: Signed; owner: Signed;
}
export interface FilingWorld { cityId: number; a: FilingSide; b: FilingSide }

/** The owner of 1栋-101 (a unit made here), bound to it. */
async function ownerOf101(t: TestApp, estateId: number, buildingId: number): Promise<Signed> {
  const unitId = await createUnit(t.pool, { estateId, buildingId, number: '101' });
  return boundOwner(t, { estateId, unitIds: [unitId] });
}

async function side(t: TestApp, cityId: number | undefined, name: string): Promise<{ cityId: number; side: FilingSide }> {
  const tree = await createRegionTree(t.pool, cityId ? { cityId } : { names: { city: '余姚市', district: `${name}区`, street: `${name}街道` } });
  const estateId = await createEstate(t.pool, { communityId: tree.communityId, name });
  const buildingId = await createBuilding(t.pool, { estateId, name: '1栋' });
  const companyId = await createCompany(t.pool, { name: `${name}物业服务有限公司` });
  // a contract covering the last two years, so every period the tests use is owed by the company
  await createServiceContract(t.pool, { companyId, estateId, startsOn: addCalendarDays(localDate(new Date()), -800) });
  await createCommittee(t.pool, { estateId, name: `${name}第一届业主委员会`, termStart: addCalendarDays(localDate(new Date()), -800) });
  return {
    cityId: tree.cityId,
    side: {
      estateId, streetId: tree.streetId, districtId: tree.districtId, companyId,
      manager: await signedInAs(t, { role: 'property_manager', scopeId: companyId }),
      staff: await signedInAs(t, { role: 'property_staff', scopeId: companyId }),
      committee: await signedInAs(t, { role: 'committee_chair', scopeId: estateId }),
      street: await signedInAs(t, { role: 'street_officer', scopeId: tree.streetId }),
      district: await signedInAs(t, { role: 'district_officer', scopeId: tree.districtId }),
      owner: await ownerOf101(t, estateId, buildingId),
    },
  };
}

export async function filingWorld(t: TestApp): Promise<FilingWorld> {
  const a = await side(t, undefined, '翠竹苑');
  const b = await side(t, a.cityId, '外小区');
  return { cityId: a.cityId, a: a.side, b: b.side };
}

export const api = apiAs;

export const today = () => localDate(new Date());
/** The last complete quarter, and the one two before it (ended more than six months ago). */
export const lastQuarter = () => lastCompletePeriodKey('quarter', today());
export const olderQuarter = () => previousPeriodKey('quarter', previousPeriodKey('quarter', lastQuarter()));
/** The last complete month and the number of days from its end to today (its package is due
 *  today when the city's due days are exactly that). */
export function lastMonth(): { key: string; daysToToday: number } {
  const days = (key: string) => Math.round((Date.parse(today()) - Date.parse(periodBounds('month', key)!.end)) / 86_400_000);
  const key = lastCompletePeriodKey('month', today());
  // on the 1st the last month ended yesterday: "due yesterday" would need 0 days (the rule's minimum is 1)
  const use = days(key) >= 2 ? key : previousPeriodKey('month', key);
  return { key: use, daysToToday: days(use) };
}

export async function setCityRule(t: TestApp, cityId: number, rule: { periodKind: string; dueDays: number; fileWith?: 'street' | 'district' }) {
  await t.pool.query(
    `INSERT INTO disclosure_city_rules (city_region_id, period_kind, filing_due_days, file_with) VALUES ($1, $2, $3, $4)
     ON CONFLICT (city_region_id) DO UPDATE SET period_kind = $2, filing_due_days = $3, file_with = $4`,
    [cityId, rule.periodKind, rule.dueDays, rule.fileWith ?? 'street'],
  );
}

export const COMPANY_CONTENT: FilingContentInput = {
  feeStandards: [{ item: '物业服务费（住宅）', basis: '按建筑面积', priceFen: 180, unit: '元/㎡·月' }],
  serviceContract: { companyName: '翠竹苑物业服务有限公司', startsOn: '2025-01-01', endsOn: '2027-12-31', summary: '前期物业服务合同，含保洁、秩序维护、绿化' },
  contractors: [{ name: '某电梯维保公司', service: '电梯维保', amountFen: 3_600_000 }],
  notes: '',
};
export const COMMITTEE_CONTENT: FilingContentInput = { notes: '本期由业主委员会管理的公共收益：停车场收入', feeStandards: [], contractors: [], serviceContract: null };

/** Everything a refused request must leave as it was: the estate's filings, notices, flags, audit count. */
export async function filingStateOf(t: TestApp, estateId: number) {
  const f = await t.pool.query(`SELECT * FROM disclosure_filings WHERE estate_id = $1 ORDER BY id`, [estateId]);
  const n = await t.pool.query(`SELECT count(*)::int AS n FROM notices WHERE estate_id = $1`, [estateId]);
  const a = await t.pool.query(`SELECT count(*)::int AS n FROM audit_events`);
  const fl = await t.pool.query(`SELECT count(*)::int AS n FROM disclosure_overdue_flags WHERE estate_id = $1`, [estateId]);
  return { filings: f.rows, notices: n.rows[0].n, audit: a.rows[0].n, flags: fl.rows[0].n };
}
