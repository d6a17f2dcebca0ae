import type { Role } from '@gongzhi/contracts';
import {
  boundOwner, createBuilding, createCommittee, createEstate, createRegionTree, createUnit, signedInAs,
} from '../support/factories.ts';
import { apiAs, type Signed } from '../support/api.ts';
import type { TestApp } from '../support/test-app.ts';

// The ledger tests' world: two estates in two districts of one city. Estate A has 1栋 (101: 100.00
// m², 102: 50.50 m²) and 2栋 (101: 80.00 m²); estate B has one unit. An owner bound to A-1栋-101
// and another bound to B's unit; a district officer of A (books), a committee chair of A.

export interface Side { estateId: number; districtId: number; buildingIds: number[]; unitIds: number[]; owner: Signed; committee: Signed; district: Signed }
export type { Signed };
export interface LedgerWorld { a: Side; b: Side; cityId: number; admin: Signed }

async function side(t: TestApp, cityId: number | undefined, name: string, units: { b: number; n: string; area: number }[], nb: number) {
  const tree = await createRegionTree(t.pool, cityId ? { cityId } : {});
  const estateId = await createEstate(t.pool, { communityId: tree.communityId, name });
  const buildingIds: number[] = [];
  for (let i = 1; i <= nb; i++) buildingIds.push(await createBuilding(t.pool, { estateId, name: `${i}栋` }));
  const unitIds: number[] = [];
  for (const u of units) unitIds.push(await createUnit(t.pool, { estateId, buildingId: buildingIds[u.b]!, number: u.n, areaCenti: u.area }));
  await createCommittee(t.pool, { estateId });
  const as = (role: Role, scopeId: number) => signedInAs(t, { role, scopeId });
  return {
    tree,
    side: {
      estateId, districtId: tree.districtId, buildingIds, unitIds,
      owner: await boundOwner(t, { estateId, unitIds: [unitIds[0]!] }),
      committee: await as('committee_chair', estateId),
      district: await as('district_officer', tree.districtId),
    } satisfies Side,
  };
}

export async function ledgerWorld(t: TestApp): Promise<LedgerWorld> {
  const a = await side(t, undefined, '翠竹苑', [{ b: 0, n: '101', area: 10_000 }, { b: 0, n: '102', area: 5_050 }, { b: 1, n: '101', area: 8_000 }], 2);
  const b = await side(t, a.tree.cityId, '外小区', [{ b: 0, n: '101', area: 9_000 }], 1);
  const admin = await signedInAs(t, { role: 'admin', scopeId: a.tree.cityId });
  return { a: a.side, b: b.side, cityId: a.tree.cityId, admin };
}

export const api = apiAs;

/** Everything the books hold for an estate, to compare before / after a refused request. */
export async function booksOf(t: TestApp, estateId: number) {
  const acc = await t.pool.query(`SELECT id, debits_fen, credits_fen, initial_fen FROM fund_accounts WHERE estate_id = $1 ORDER BY id`, [estateId]);
  const n = await t.pool.query(
    `SELECT (SELECT count(*) FROM fund_movements WHERE estate_id = $1)::int AS movements,
            (SELECT count(*) FROM fund_transfers WHERE estate_id = $1)::int AS transfers,
            (SELECT count(*) FROM audit_events WHERE estate_id = $1)::int AS audits`,
    [estateId],
  );
  return { accounts: acc.rows, ...n.rows[0] };
}
