import type { Role } from '@gongzhi/contracts';
import { createBuilding, createEstate, createRegionTree, createUnit, signedInAs, uniq } from '../support/factories.ts';
import type { TestApp } from '../support/test-app.ts';

// The world of the review part's tests (F4): one city with two districts. District A has street
// A (community A, estate A) and street A2 (community A2, estate A2); district B has estate B.
// People: committees of A and B, street officers of A and A2, a community officer of A, district
// officers of A and B, a city officer. Applications are written straight to the table in the
// state a test starts from (the applications part makes them through its own API); every step
// this part owns goes through HTTP.

export interface Person { accountId: number; cookie: string }

export async function buildReviewWorld(t: TestApp) {
  const pool = t.pool;
  const a = await createRegionTree(pool, { names: { city: '审核市', district: '甲区', street: '甲街道', community: '甲社区' } });
  const street2 = await pool.query(`SELECT path FROM regions WHERE id = $1`, [a.districtId]);
  // a second street in district A (its own community and estate)
  const s2 = await pool.query(
    `INSERT INTO regions (parent_id, level, name, code, path) VALUES ($1, 'street', '甲二街道', $2, '') RETURNING id`, [a.districtId, uniq('S2')]);
  const s2Id = Number(s2.rows[0].id);
  await pool.query(`UPDATE regions SET path = $2 WHERE id = $1`, [s2Id, `${street2.rows[0].path}${s2Id}/`]);
  const c2 = await pool.query(
    `INSERT INTO regions (parent_id, level, name, code, path) VALUES ($1, 'community', '甲二社区', $2, '') RETURNING id`, [s2Id, uniq('C2')]);
  const c2Id = Number(c2.rows[0].id);
  await pool.query(`UPDATE regions SET path = $2 WHERE id = $1`, [c2Id, `${street2.rows[0].path}${s2Id}/${c2Id}/`]);
  const b = await createRegionTree(pool, { cityId: a.cityId, names: { district: '乙区', street: '乙街道', community: '乙社区' } });

  const estate = async (communityId: number, name: string) => {
    const estateId = await createEstate(pool, { communityId, name });
    const buildingId = await createBuilding(pool, { estateId, name: '1栋' });
    const unitId = await createUnit(pool, { estateId, buildingId, number: '101' });
    return { estateId, buildingId, unitId };
  };
  const estateA = await estate(a.communityId, '甲苑');
  const estateA2 = await estate(c2Id, '甲二苑');
  const estateB = await estate(b.communityId, '乙苑');
  const who = (role: Role, scopeId: number) => signedInAs(t, { role, scopeId }) as Promise<Person>;
  return {
    regions: { a, b, street2Id: s2Id, community2Id: c2Id },
    estateA, estateA2, estateB,
    committeeA: await who('committee_chair', estateA.estateId),
    committeeB: await who('committee_chair', estateB.estateId),
    streetA: await who('street_officer', a.streetId),
    streetA2: await who('street_officer', s2Id),
    communityA: await who('community_officer', a.communityId),
    districtA: await who('district_officer', a.districtId),
    districtB: await who('district_officer', b.districtId),
    city: await who('city_officer', a.cityId),
  };
}
export type ReviewWorld = Awaited<ReturnType<typeof buildReviewWorld>>;

export interface AppSeed {
  estateId: number;
  createdBy: number;
  state: string;
  path?: 'ordinary' | 'emergency';
  emergencyCategory?: string;
  unitIds?: number[];
  title?: string;
  reviewStartedOn?: string;
  reviewDueOn?: string;
}

/** A use application stored directly in `state` (the applications part's API makes real ones). */
export async function seedApplication(t: TestApp, s: AppSeed): Promise<number> {
  const path = s.path ?? 'emergency';
  const r = await t.pool.query(
    `INSERT INTO fund_applications (estate_id, applicant_kind, title, reason, category, path, emergency_list, emergency_category,
       scope_kind, scope_unit_ids, budget_fen, exclusions_declared, contractor_name, state, submitted_at,
       review_started_on, review_due_on, created_by)
     VALUES ($1, 'committee', $2, '电梯困人，主板烧毁', 'elevator', $3, $4, $5, 'units', $6, 1200000,
       '{"warranty":true,"utility":true,"personDamage":true,"companyUpkeep":true}', '某电梯维保公司', $7,
       CASE WHEN $7 <> 'draft' THEN now() END, $8, $9, $10) RETURNING id`,
    [s.estateId, s.title ?? '1栋电梯主板更换', path, path === 'emergency' ? 'national' : null,
      path === 'emergency' ? (s.emergencyCategory ?? 'elevator') : null, s.unitIds ?? [], s.state,
      s.reviewStartedOn ?? null, s.reviewDueOn ?? null, s.createdBy],
  );
  return Number(r.rows[0].id);
}

export const api = (t: TestApp, method: string, url: string, who: Person | null, body?: unknown) =>
  t.request({ method, url: `/api/v1${url}`, cookie: who?.cookie, body });

export async function appRow(t: TestApp, id: number) {
  const r = await t.pool.query(
    `SELECT *, review_started_on::text AS review_started_on, review_due_on::text AS review_due_on FROM fund_applications WHERE id = $1`, [id]);
  return r.rows[0];
}

export async function auditActions(t: TestApp, id: number): Promise<string[]> {
  const r = await t.pool.query(`SELECT action FROM audit_events WHERE target_type = 'fund_application' AND target_id = $1 ORDER BY seq`, [String(id)]);
  return r.rows.map((x) => String(x.action));
}
