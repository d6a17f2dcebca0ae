import type { Role } from '@gongzhi/contracts';
import {
  bindApproved, createBuilding, createCommittee, createCompany, createEstate, createOwner, createOwnership, createRegionTree,
  createServiceContract, createUnit, signedInAs,
} from '../support/factories.ts';
import { apiAs, type Signed } from '../support/api.ts';
import type { TestApp } from '../support/test-app.ts';

// The notice tests' world. Estate A (翠竹苑) has 1栋 (101, 102), 2栋 (101) and 3栋 (101), an
// owner bound to each of those four units (owner1 holds 1栋-101 and 2栋-101 too), a committee
// chair, a company's staff member under a contract in force and a community officer. Estate B
// (外小区), in another community, has one unit and its owner.

export type { Signed };
export interface NoticeWorld {
  a: {
    estateId: number; buildingIds: number[]; unitIds: number[]; communityId: number;
    owners: Signed[]; committee: Signed; staff: Signed; manager: Signed; community: Signed;
  };
  b: { estateId: number; unitId: number; owner: Signed; committee: Signed };
}

export async function bindOwner(t: TestApp, estateId: number, unitIds: number[], existing?: Signed): Promise<Signed> {
  const ownerId = await createOwner(t.pool, {});
  for (const unitId of unitIds) await createOwnership(t.pool, { unitId, ownerId });
  const s = existing ?? await signedInAs(t, { role: 'owner' }, { ownerId });
  await bindApproved(t.pool, { accountId: s.accountId, ownerId, estateId, unitIds });
  return s;
}

export async function noticeWorld(t: TestApp): Promise<NoticeWorld> {
  const treeA = await createRegionTree(t.pool);
  const estateA = await createEstate(t.pool, { communityId: treeA.communityId, name: '翠竹苑' });
  const buildingIds: number[] = [];
  for (const n of ['1栋', '2栋', '3栋']) buildingIds.push(await createBuilding(t.pool, { estateId: estateA, name: n }));
  const unitIds: number[] = [];
  for (const [b, n] of [[0, '101'], [0, '102'], [1, '101'], [2, '101']] as const) {
    unitIds.push(await createUnit(t.pool, { estateId: estateA, buildingId: buildingIds[b]!, number: n }));
  }
  await createCommittee(t.pool, { estateId: estateA });
  const companyId = await createCompany(t.pool, { name: '安居物业服务有限公司' });
  await createServiceContract(t.pool, { companyId, estateId: estateA });
  const as = (role: Role, scopeId: number) => signedInAs(t, { role, scopeId });
  const owners = [
    await bindOwner(t, estateA, [unitIds[0]!, unitIds[2]!]), // 1栋 and 2栋
    await bindOwner(t, estateA, [unitIds[1]!]), // 1栋
    await bindOwner(t, estateA, [unitIds[3]!]), // 3栋
  ];
  const a = {
    estateId: estateA, buildingIds, unitIds, communityId: treeA.communityId, owners,
    committee: await as('committee_chair', estateA),
    staff: await as('property_staff', companyId),
    manager: await as('property_manager', companyId),
    community: await as('community_officer', treeA.communityId),
  };
  const treeB = await createRegionTree(t.pool, { cityId: treeA.cityId });
  const estateB = await createEstate(t.pool, { communityId: treeB.communityId, name: '外小区' });
  const bb = await createBuilding(t.pool, { estateId: estateB, name: '1栋' });
  const unitB = await createUnit(t.pool, { estateId: estateB, buildingId: bb, number: '101' });
  await createCommittee(t.pool, { estateId: estateB });
  const b = { estateId: estateB, unitId: unitB, owner: await bindOwner(t, estateB, [unitB]), committee: await as('committee_chair', estateB) };
  return { a, b };
}

export const api = apiAs;
