import type { Role } from '@gongzhi/contracts';
import {
  boundOwner, createBuilding, createCommittee, createCompany, createEstate, createRegionTree, createServiceContract, createUnit, signedInAs,
} from '../support/factories.ts';
import { apiAs, type Signed } from '../support/api.ts';
import type { TestApp } from '../support/test-app.ts';

// The common-revenue tests' world: two estates of one city. Estate A (翠竹苑) has 1栋 (101: 100.00
// m², 102: 50.50 m²) and 10栋 (101: 80.00 m²), a company serving it (property manager), its
// committee chair, an owner bound to 1栋-101; estate B has one unit, its owner, its company.

export type { Signed };
export interface Side {
  estateId: number; buildingIds: number[]; unitIds: number[]; areas: number[];
  owner: Signed; manager: Signed; committee: Signed; officer: Signed;
}

async function side(t: TestApp, cityId: number | undefined, name: string, buildings: string[], units: { b: number; n: string; area: number }[]) {
  const tree = await createRegionTree(t.pool, cityId ? { cityId } : {});
  const estateId = await createEstate(t.pool, { communityId: tree.communityId, name });
  const buildingIds: number[] = [];
  for (const b of buildings) buildingIds.push(await createBuilding(t.pool, { estateId, name: b }));
  const unitIds: number[] = [];
  for (const u of units) unitIds.push(await createUnit(t.pool, { estateId, buildingId: buildingIds[u.b]!, number: u.n, areaCenti: u.area }));
  await createCommittee(t.pool, { estateId, name: `${name}业主委员会` });
  const companyId = await createCompany(t.pool, { name: `${name}物业服务有限公司` });
  await createServiceContract(t.pool, { companyId, estateId });
  const as = (role: Role, scopeId: number) => signedInAs(t, { role, scopeId });
  return {
    tree,
    side: {
      estateId, buildingIds, unitIds, areas: units.map((u) => u.area),
      owner: await boundOwner(t, { estateId, unitIds: [unitIds[0]!] }),
      manager: await as('property_manager', companyId),
      committee: await as('committee_chair', estateId),
      officer: await as('street_officer', tree.streetId),
    } satisfies Side,
  };
}

export async function revenueWorld(t: TestApp): Promise<{ a: Side; b: Side }> {
  const a = await side(t, undefined, '翠竹苑', ['1栋', '10栋'], [{ b: 0, n: '101', area: 10_000 }, { b: 0, n: '102', area: 5_050 }, { b: 1, n: '101', area: 8_000 }]);
  const b = await side(t, a.tree.cityId, '外小区', ['1栋'], [{ b: 0, n: '101', area: 9_000 }]);
  return { a: a.side, b: b.side };
}

export const api = apiAs;

export const entry = (over: Record<string, unknown> = {}) => ({
  direction: 'income', category: 'parking', counterparty: '临停收费', periodStart: '2026-01-01', periodEnd: '2026-01-31',
  bookedOn: '2026-02-05', amountFen: 100_000, memo: '1月临时停车费', ...over,
});

/** Everything the revenue books and their publication hold for an estate, to compare around a refusal. */
export async function revenueState(t: TestApp, estateId: number) {
  const r = await t.pool.query(
    `SELECT (SELECT count(*) FROM revenue_entries WHERE estate_id = $1)::int AS entries,
            (SELECT count(*) FROM revenue_statements WHERE estate_id = $1)::int AS statements,
            (SELECT count(*) FROM revenue_statement_shares sh JOIN revenue_statements s ON s.id = sh.statement_id WHERE s.estate_id = $1)::int AS shares,
            (SELECT count(*) FROM notices WHERE estate_id = $1)::int AS notices,
            (SELECT count(*) FROM audit_events WHERE estate_id = $1)::int AS audits`,
    [estateId],
  );
  return r.rows[0];
}
