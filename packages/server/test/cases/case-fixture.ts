import type { Role } from '@gongzhi/contracts';
import {
  boundOwner, createBuilding, createCommittee, createCompany, createEstate, createRegionTree, createServiceContract, createUnit,
  signedInAs,
} from '../support/factories.ts';
import { apiAs, type Signed } from '../support/api.ts';
import type { TestApp } from '../support/test-app.ts';

// A world for the core case tests: estate A (street A > community A) with 3栋 and 12栋, an owner
// in each (owner3 also has a phone for filing on their behalf), the serving company's staff and
// manager, the committee's chair and secretary, the community and street officers of A, and two
// departments of street A (urban management, fire) with an officer each; estate B on another
// street with its own owner, street officer and company staff.

export type { Signed };
export const api = apiAs;

export interface CaseWorld {
  a: { estateId: number; communityId: number; streetId: number; companyId: number; b3: number; b12: number; u3: number; u12: number };
  b: { estateId: number; unitId: number };
  dept: { urban: number; fire: number };
  owner3: Signed & { ownerId: number; phone: string }; owner12: Signed; ownerB: Signed;
  staff: Signed; manager: Signed; chair: Signed; secretary: Signed; community: Signed; street: Signed;
  urbanOfficer: Signed; fireOfficer: Signed; streetB: Signed; staffB: Signed;
}

export async function caseWorld(t: TestApp): Promise<CaseWorld> {
  const ra = await createRegionTree(t.pool, { names: { street: '明德街道', community: '翠竹社区' } });
  const rb = await createRegionTree(t.pool, { cityId: ra.cityId, names: { street: '他街道', community: '他社区' } });
  const estateA = await createEstate(t.pool, { communityId: ra.communityId, name: '报事苑' });
  const estateB = await createEstate(t.pool, { communityId: rb.communityId, name: '别家苑' });
  const b3 = await createBuilding(t.pool, { estateId: estateA, name: '3栋' });
  const b12 = await createBuilding(t.pool, { estateId: estateA, name: '12栋' });
  const u3 = await createUnit(t.pool, { estateId: estateA, buildingId: b3, number: '301' });
  const u12 = await createUnit(t.pool, { estateId: estateA, buildingId: b12, number: '1201' });
  const bb = await createBuilding(t.pool, { estateId: estateB, name: '1栋' });
  const ub = await createUnit(t.pool, { estateId: estateB, buildingId: bb, number: '101' });
  const companyA = await createCompany(t.pool, { name: '报事物业有限公司' });
  const companyB = await createCompany(t.pool, { name: '别家物业有限公司' });
  await createServiceContract(t.pool, { companyId: companyA, estateId: estateA });
  await createServiceContract(t.pool, { companyId: companyB, estateId: estateB });
  await createCommittee(t.pool, { estateId: estateA, name: '报事苑第一届业主委员会' });
  const dept = async (kind: string, name: string) => Number((await t.pool.query(
    'INSERT INTO departments (region_id, kind, name) VALUES ($1, $2, $3) RETURNING id', [ra.streetId, kind, name],
  )).rows[0].id);
  const urban = await dept('urban_management', '明德街道城管执法中队');
  const fire = await dept('fire', '明德消防救援站');
  const as = (role: Role, scopeId: number) => signedInAs(t, { role, scopeId });
  const owner3 = await boundOwner(t, { estateId: estateA, unitIds: [u3] });
  const phone = `137${String(owner3.accountId).padStart(8, '0')}`;
  await t.pool.query('UPDATE accounts SET phone = $2 WHERE id = $1', [owner3.accountId, phone]);
  return {
    a: { estateId: estateA, communityId: ra.communityId, streetId: ra.streetId, companyId: companyA, b3, b12, u3, u12 },
    b: { estateId: estateB, unitId: ub },
    dept: { urban, fire },
    owner3: { ...owner3, phone },
    owner12: await boundOwner(t, { estateId: estateA, unitIds: [u12] }),
    ownerB: await boundOwner(t, { estateId: estateB, unitIds: [ub] }),
    staff: await as('property_staff', companyA),
    manager: await as('property_manager', companyA),
    chair: await as('committee_chair', estateA),
    secretary: await as('committee_secretary', estateA),
    community: await as('community_officer', ra.communityId),
    street: await as('street_officer', ra.streetId),
    urbanOfficer: await as('department_officer', urban),
    fireOfficer: await as('department_officer', fire),
    streetB: await as('street_officer', rb.streetId),
    staffB: await as('property_staff', companyB),
  };
}

/** A unit case of owner3 about their own unit (routed to the company). */
export const unitCase = (w: CaseWorld, over: Record<string, unknown> = {}) => ({
  category: 'common_repair', locationKind: 'unit', unitId: w.a.u3, title: '卫生间漏水', description: '楼上渗水到我家卫生间天花板。', ...over,
});

/** A common-area case of estate A. */
export const commonCase = (w: CaseWorld, over: Record<string, unknown> = {}) => ({
  estateId: w.a.estateId, category: 'fire_safety', locationKind: 'common_area', locationText: '北门消防通道',
  title: '消防通道被占', description: '北门消防通道长期停放车辆。', ...over,
});

/** Files as `who` through the owner's route (owners) or the staff route; returns the case id. */
export async function fileCase(t: TestApp, who: Signed, body: Record<string, unknown>, route: '/my/cases' | '/cases' = '/my/cases'): Promise<number> {
  const res = await api(t, who).post(route, body);
  if (res.statusCode !== 200) throw new Error(`filing failed ${res.statusCode}: ${res.body}`);
  return res.json().id as number;
}

/** Counts rows of a table (the "nothing was written" checks). */
export async function count(t: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await t.pool.query(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0].n);
}

/** A department call of the street on a case, written directly (the street's 吹哨 is another
 *  part's route): the case moves to the department rung. */
export async function callIn(t: TestApp, w: CaseWorld, caseId: number, departmentId: number): Promise<void> {
  await t.pool.query(
    `INSERT INTO case_department_calls (case_id, department_id, called_by, instruction, report_due_at)
     VALUES ($1, $2, $3, '请到场处置', now() + interval '3 days')`,
    [caseId, departmentId, w.street.accountId],
  );
  await t.pool.query(
    `UPDATE cases SET level = 'department', handler_party = 'department', handler_department_id = $2 WHERE id = $1`,
    [caseId, departmentId],
  );
}
