import { beforeAll, describe, expect, it } from 'vitest';
import { createBuilding, createEstate, createRegionTree, signedInAs } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Buildings are numbered by people (1号楼 … 10号楼); text order would put 10号楼 before 2号楼.
// They are inserted shuffled, so neither text order nor insertion (id) order gives the expected list.

let t: TestApp;
let estateId: number;
let streetId: number;

const NATURAL = [
  '1号楼',
  '02号楼', // same number as 2号楼: the name decides, '0' < '2'
  '2号楼',
  '3栋',
  '10号楼',
  '200000000号楼',
  '1000000000号楼', // ten digits: cutting the run to nine would put it before 200000000
  '12345678901234567890号楼', // beyond any integer type: no overflow, still a number
  '会所', // no number: after all numbered buildings
];
const INSERTED = ['10号楼', '会所', '2号楼', '12345678901234567890号楼', '1000000000号楼', '3栋', '1号楼', '200000000号楼', '02号楼'];

beforeAll(async () => {
  t = await createTestApp();
  const tree = await createRegionTree(t.pool);
  streetId = tree.streetId;
  estateId = await createEstate(t.pool, { communityId: tree.communityId, name: '楼号小区' });
  for (const name of INSERTED) await createBuilding(t.pool, { estateId, name });
});

describe('registry: building order', () => {
  it('street officer: an estate\'s buildings come in natural order (2号楼 before 10号楼)', async () => {
    const { cookie } = await signedInAs(t, { role: 'street_officer', scopeId: streetId });
    const res = await t.request({ method: 'GET', url: `/api/v1/estates/${estateId}/buildings`, cookie });
    expect(res.statusCode, res.body).toBe(200);
    const names = res.json().items.map((b: { name: string }) => b.name);
    expect(names).toEqual(NATURAL);
  });
});
