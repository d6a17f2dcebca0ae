import type { CaseCategory, CaseState } from '@gongzhi/domain';
import type { Signed } from '../support/api.ts';
import {
  boundOwner, createBuilding, createCompany, createEstate, createRegionTree, createServiceContract, createUnit, signedInAs, uniq,
} from '../support/factories.ts';
import type { TestApp } from '../support/test-app.ts';

// The world of the config tests (C4): a city (with a market-supervision bureau) of two districts.
// District 东湖 (fire brigade, urban management) has street 明德 (its own urban-management squad;
// estates 翠竹苑 served by 安居物业 and 青松苑 without a company) and street 长乐 (no department;
// estate 长乐苑). District 西山 has street 远山 (a police station; estate 远山花园). The city has
// no urban management, so an estate of 远山 has nowhere to route illegal construction but the
// community. One account per role that matters, each signed in.

export interface ConfigWorld {
  cityId: number;
  districtId: number;
  streetId: number;
  street2Id: number;
  farDistrictId: number;
  farStreetId: number;
  communityId: number;
  estates: { cuizhu: number; qingsong: number; changle: number; far: number };
  companyId: number;
  departments: { streetUrban: number; districtUrban: number; districtFire: number; cityMarket: number; farPolice: number };
  admin: Signed;
  city: Signed;
  district: Signed;
  street: Signed;
  farStreet: Signed;
  community: Signed;
  chair: Signed;
  manager: Signed;
  staff: Signed;
  owner: Signed;
  urbanOfficer: Signed;
  fireOfficer: Signed;
  farPoliceOfficer: Signed;
}

export async function department(t: TestApp, regionId: number, kind: string, name: string): Promise<number> {
  const r = await t.pool.query(`INSERT INTO departments (region_id, kind, name) VALUES ($1, $2, $3) RETURNING id`, [regionId, kind, name]);
  return Number(r.rows[0].id);
}

/** A region under `parentId` with its materialised path. */
async function region(t: TestApp, parentId: number, level: string, name: string): Promise<number> {
  const r = await t.pool.query(
    `INSERT INTO regions (parent_id, level, name, code, path) VALUES ($1, $2, $3, $4, '') RETURNING id`, [parentId, level, name, uniq(level)]);
  const id = Number(r.rows[0].id);
  await t.pool.query(`UPDATE regions SET path = (SELECT path FROM regions WHERE id = $1) || $2 || '/' WHERE id = $2`, [parentId, id]);
  return id;
}

export async function configWorld(t: TestApp): Promise<ConfigWorld> {
  const a = await createRegionTree(t.pool, { names: { city: '邵阳市', district: '东湖区', street: '明德街道', community: '翠竹社区' } });
  const street2 = await region(t, a.districtId, 'street', '长乐街道');
  const community2 = await region(t, street2, 'community', '长乐社区');
  const far = await createRegionTree(t.pool, { cityId: a.cityId, names: { district: '西山区', street: '远山街道', community: '远山社区' } });

  const cuizhu = await createEstate(t.pool, { communityId: a.communityId, name: '翠竹苑' });
  const qingsong = await createEstate(t.pool, { communityId: a.communityId, name: '青松苑' });
  const changle = await createEstate(t.pool, { communityId: community2, name: '长乐苑' });
  const farEstate = await createEstate(t.pool, { communityId: far.communityId, name: '远山花园' });
  const companyId = await createCompany(t.pool, { name: '安居物业' });
  await createServiceContract(t.pool, { companyId, estateId: cuizhu });
  const building = await createBuilding(t.pool, { estateId: cuizhu, name: '3栋' });
  const unit = await createUnit(t.pool, { estateId: cuizhu, buildingId: building, number: uniq('30') });

  const departments = {
    streetUrban: await department(t, a.streetId, 'urban_management', '明德街道城管执法中队'),
    districtUrban: await department(t, a.districtId, 'urban_management', '东湖区城市管理局'),
    districtFire: await department(t, a.districtId, 'fire', '东湖区消防救援大队'),
    cityMarket: await department(t, a.cityId, 'market_supervision', '邵阳市市场监管局'),
    farPolice: await department(t, far.streetId, 'police', '远山派出所'),
  };
  const as = (role: Parameters<typeof signedInAs>[1]['role'], scopeId: number) => signedInAs(t, { role, scopeId });
  return {
    cityId: a.cityId, districtId: a.districtId, streetId: a.streetId, street2Id: street2, farDistrictId: far.districtId,
    farStreetId: far.streetId, communityId: a.communityId,
    estates: { cuizhu, qingsong, changle, far: farEstate },
    companyId, departments,
    admin: await as('admin', a.cityId),
    city: await as('city_officer', a.cityId),
    district: await as('district_officer', a.districtId),
    street: await as('street_officer', a.streetId),
    farStreet: await as('street_officer', far.streetId),
    community: await as('community_officer', a.communityId),
    chair: await as('committee_chair', cuizhu),
    manager: await as('property_manager', companyId),
    staff: await as('property_staff', companyId),
    owner: await boundOwner(t, { estateId: cuizhu, unitIds: [unit], name: '张三' }),
    urbanOfficer: await as('department_officer', departments.streetUrban),
    fireOfficer: await as('department_officer', departments.districtFire),
    farPoliceOfficer: await as('department_officer', departments.farPolice),
  };
}

export interface FigureCase {
  estateId: number;
  category: CaseCategory;
  state: CaseState;
  /** ISO time the case was filed */
  createdAt: string;
  inTime?: boolean;
  rating?: number;
  reopenCount?: number;
  companyId?: number | null;
  /** departments called in (the first is the handler) */
  departments?: number[];
  /** state 'merged': the surviving case */
  mergedInto?: number;
}

/** A case written straight into the table in the state the figures need (the writers are other
 *  parts'); consistent with the table's checks. Returns its id. */
export async function insertCase(t: TestApp, filedBy: number, c: FigureCase): Promise<number> {
  const done = c.state === 'resolved' || c.state === 'closed';
  const dept = c.departments?.[0] ?? null;
  const mergedInto = c.state === 'merged' ? c.mergedInto! : null;
  const r = await t.pool.query(
    `INSERT INTO cases (no, estate_id, category, location_kind, title, description, filed_by, filed_by_role, state, level, handler_party,
                        handler_department_id, resolved_at, auto_close_at, resolved_in_time, closed_at, close_kind, rating, reopen_count,
                        merged_into_id, company_id, created_at)
     VALUES ($1, $2, $3, 'estate', '统计用案件', '统计用案件', $4, 'committee_chair', $5, $6, $6, $7,
             CASE WHEN $8 THEN $14::timestamptz + interval '1 day' END, CASE WHEN $8 THEN $14::timestamptz + interval '8 days' END, $9,
             CASE WHEN $5 = 'closed' THEN $14::timestamptz + interval '2 days' END, CASE WHEN $5 = 'closed' THEN 'confirmed' END,
             $10, $11, $12, $13, $14)
     RETURNING id`,
    [
      uniq('AJT'), c.estateId, c.category, filedBy, c.state, dept == null ? 'company' : 'department', dept, done, done ? (c.inTime ?? false) : null,
      c.rating ?? null, c.reopenCount ?? 0, mergedInto, c.companyId ?? null, c.createdAt,
    ],
  );
  const id = Number(r.rows[0].id);
  for (const d of c.departments ?? []) {
    await t.pool.query(
      `INSERT INTO case_department_calls (case_id, department_id, called_by, instruction, report_due_at) VALUES ($1, $2, $3, '请到场处置', now())`,
      [id, d, filedBy],
    );
  }
  return id;
}
