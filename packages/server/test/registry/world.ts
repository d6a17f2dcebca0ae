import { creditCodeCheckChar, idNumberCheckChar } from '@gongzhi/domain';
import {
  createBuilding, createCompany, createCommittee, createEstate, createOwner, createOwnership, createRegionTree,
  createServiceContract, createUnit, uniq,
} from '../support/factories.ts';
import type { TestApp } from '../support/test-app.ts';

// A small city for the registry tests: two communities in two districts, an estate in each,
// a property company serving only estate A, a committee in A and an acting body in B.

let n = 0;
/** A valid ID number, different on every call (birth date 1980-01-01 .. 1980-12-28). */
export function validIdNumber(): string {
  n++;
  const body = `110105${1980}${String((n % 12) + 1).padStart(2, '0')}${String((Math.floor(n / 12) % 28) + 1).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return body + idNumberCheckChar(body);
}

/** A valid unified social credit code, different on every call. */
export function validCreditCode(): string {
  const body = `91440300${String(Date.now() % 1e6).padStart(6, '0')}${String(++n).padStart(3, '0')}`.slice(0, 17);
  return body + creditCodeCheckChar(body);
}

export async function buildWorld(t: TestApp) {
  const pool = t.pool;
  const a = await createRegionTree(pool, { names: { city: '滨海市', district: '东区', street: '东街道', community: '东社区' } });
  const b = await createRegionTree(pool, { cityId: a.cityId, names: { district: '西区', street: '西街道', community: '西社区' } });
  const estateA = await createEstate(pool, { communityId: a.communityId, name: '东苑小区' });
  const estateB = await createEstate(pool, { communityId: b.communityId, name: '西苑小区' });

  // estate A: 2 buildings × 12 units; the last 4 of building 2 are parking spaces, unsold
  const buildingA1 = await createBuilding(pool, { estateId: estateA, name: '1栋' });
  const buildingA2 = await createBuilding(pool, { estateId: estateA, name: '2栋' });
  const unitsA: number[] = [];
  for (const [bid, prefix] of [[buildingA1, '1'], [buildingA2, '2']] as const) {
    for (let i = 1; i <= 12; i++) {
      const parking = bid === buildingA2 && i > 8;
      unitsA.push(await createUnit(pool, {
        estateId: estateA, buildingId: bid, number: `${prefix}-${String(i).padStart(2, '0')}`, areaCenti: 9000 + i,
        kind: parking ? 'parking' : 'residential', status: parking ? 'unsold' : 'sold',
      }));
    }
  }
  const buildingB1 = await createBuilding(pool, { estateId: estateB, name: '1栋' });
  const unitB = await createUnit(pool, { estateId: estateB, buildingId: buildingB1, number: '101' });

  const idA = validIdNumber();
  const ownerA = await createOwner(pool, { name: '张三', phone: '13812341234', idNumber: idA, secrets: t.secrets });
  const coOwnerA = await createOwner(pool, { name: '李四', phone: '13900001111', idNumber: validIdNumber(), secrets: t.secrets });
  const ownerB = await createOwner(pool, { name: '王五', phone: '13700002222', idNumber: validIdNumber(), secrets: t.secrets });
  await createOwnership(pool, { unitId: unitsA[0], ownerId: ownerA });
  await createOwnership(pool, { unitId: unitsA[0], ownerId: coOwnerA });
  await createOwnership(pool, { unitId: unitsA[1], ownerId: ownerA });
  await createOwnership(pool, { unitId: unitB, ownerId: ownerB });

  const companyA = await createCompany(pool, { name: '安居物业' });
  await createServiceContract(pool, { companyId: companyA, estateId: estateA });
  const companyB = await createCompany(pool, { name: '西城物业' });
  await createServiceContract(pool, { companyId: companyB, estateId: estateB });
  const committeeA = await createCommittee(pool, { estateId: estateA, name: '东苑第一届业委会' });
  const actingB = await createCommittee(pool, { estateId: estateB, kind: 'property_management_committee', name: '西苑物管会' });

  return {
    regions: { a, b }, estateA, estateB, buildingA1, buildingA2, buildingB1, unitsA, unitB,
    ownerA, idA, coOwnerA, ownerB, companyA, companyB, committeeA, actingB, tag: uniq(),
  };
}
export type World = Awaited<ReturnType<typeof buildWorld>>;
