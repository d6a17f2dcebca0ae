import crypto from 'node:crypto';
import { apportionByArea } from '@gongzhi/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  boundOwner, createBuilding, createCommittee, createEstate, createRegionTree, createUnit, signedInAs,
} from '../support/factories.ts';
import { multipart } from '../support/multipart.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { deposit } from './disbursement-fixtures.ts';

// One emergency use from application to publication, every step through the API as the people
// who take it: the committee applies with evidence and confirms, the street office confirms, the
// district approves and pays stage 1, the committee accepts with owner representatives, the
// district settles, the committee publishes, and the owner reads the actual cost and their share.

let t: TestApp;
const AREAS = [8950, 10_000, 12_075];

describe('fund use journey (emergency path)', () => {
  let estateId: number;
  let buildingId: number;
  let units: number[];
  let chair: { cookie: string; accountId: number };
  let street: string;
  let district: string;
  let owner: { cookie: string; accountId: number };

  beforeAll(async () => {
    t = await createTestApp();
    const tree = await createRegionTree(t.pool);
    estateId = await createEstate(t.pool, { communityId: tree.communityId });
    await createCommittee(t.pool, { estateId });
    buildingId = await createBuilding(t.pool, { estateId, name: '3栋' });
    units = [];
    for (const [i, area] of AREAS.entries()) units.push(await createUnit(t.pool, { estateId, buildingId, number: `10${i + 1}`, areaCenti: area }));
    await deposit(t.pool, estateId, units.map((u) => ({ unitId: u, amountFen: 2_000_000 })));
    chair = await signedInAs(t, { role: 'committee_chair', scopeId: estateId });
    street = (await signedInAs(t, { role: 'street_officer', scopeId: tree.streetId })).cookie;
    district = (await signedInAs(t, { role: 'district_officer', scopeId: tree.districtId })).cookie;
    owner = await boundOwner(t, { estateId, unitIds: [units[1]!], name: '赵业主' });
  });

  const post = async (url: string, cookie: string, body: unknown = {}) => {
    const res = await t.request({ method: 'POST', url: `/api/v1${url}`, cookie, body });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json();
  };

  it('committee, street office, district, owner: from application to the owner reading their actual share', async () => {
    const created = await post(`/estates/${estateId}/fund/applications`, chair.cookie, {
      applicantKind: 'committee', title: '3栋电梯困人故障抢修', reason: '主板烧毁，电梯停运', category: 'elevator',
      path: 'emergency', emergencyCategory: 'elevator', scopeKind: 'buildings', buildingIds: [buildingId], budgetFen: 1_200_000,
      exclusions: { warranty: true, utility: true, personDamage: true, companyUpkeep: true },
      contractorName: '申菱电梯工程有限公司', contractorAccount: '6222 0000 1111 2222',
    });
    const id = created.id as number;
    const m = multipart(
      { recordType: 'fund_application.evidence', recordId: String(id), estateId: String(estateId) },
      { name: '困人现场.png', type: 'image/png', data: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(64)]) },
    );
    const up = await t.app.inject({ method: 'POST', url: '/api/v1/attachments', payload: m.payload, headers: { ...m.headers, cookie: chair.cookie } });
    expect(up.statusCode, up.body).toBe(200);
    await post(`/fund/applications/${id}/submit`, chair.cookie);
    await post(`/fund/applications/${id}/committee-confirm`, chair.cookie, { note: '业委会确认' });
    await post(`/fund/applications/${id}/street-confirm`, street, { note: '街道确认' });
    await post(`/fund/applications/${id}/approve`, district, { note: '同意' });

    const stage1 = await post(`/fund/applications/${id}/stages/1/disburse`, district);
    expect(stage1).toMatchObject({ state: 'disbursing', amountFen: 840_000 });
    await post(`/fund/applications/${id}/accept`, chair.cookie, { ownerRepresentatives: ['赵业主', '钱业主'], note: '运行正常' });
    const settled = await post(`/fund/applications/${id}/settle`, district, { actualCostFen: 1_150_000 });
    expect(settled).toMatchObject({ state: 'settled', paidBeforeFen: 840_000 });
    const published = await post(`/fund/applications/${id}/publish`, chair.cookie);
    expect(published).toMatchObject({ state: 'published', notified: 1 });

    const actual = apportionByArea(1_150_000, AREAS);
    const taken = await t.pool.query(
      `SELECT t.unit_id, sum(CASE WHEN m.kind = 'withdrawal' THEN t.amount_fen ELSE -t.amount_fen END)::bigint AS fen
         FROM fund_movements m JOIN fund_transfers t ON t.movement_id = m.id WHERE m.application_id = $1 GROUP BY t.unit_id`,
      [id],
    );
    const byUnit = new Map(taken.rows.map((r) => [Number(r.unit_id), Number(r.fen)]));
    expect(units.map((u) => byUnit.get(u))).toEqual(actual);
    const books = await t.pool.query(`SELECT sum(credits_fen - debits_fen)::bigint AS s FROM fund_accounts WHERE estate_id = $1`, [estateId]);
    expect(Number(books.rows[0].s)).toBe(0);

    const inbox = (await t.request({ method: 'GET', url: '/api/v1/notifications', cookie: owner.cookie })).json().items;
    expect(inbox).toHaveLength(1);
    expect(inbox[0].body).toContain('实际费用 11,500.00 元');
    expect(inbox[0].body).toContain(`3栋-102 实际分摊 ${(actual[1]! / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })} 元`);
    const mine = await t.request({ method: 'GET', url: `/api/v1/my/fund/applications/${id}`, cookie: owner.cookie });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ state: 'published', actualCostFen: 1_150_000, myShares: [{ unit: '3栋-102', actualFen: actual[1] }] });
  });
});
