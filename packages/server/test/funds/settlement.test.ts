import { apportionByArea } from '@gongzhi/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bindApproved, createBuilding, createEstate, createOwner, createOwnership, createRegionTree, createUnit, signedInAs,
} from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { deposit, fundApplication } from './disbursement-fixtures.ts';

// Settlement and publication (F5): the last stage is actual share − what earlier stages took, per
// unit, so that every unit and the whole scope pay exactly the actual cost; an over-withdrawal
// goes back to the units; an actual cost the scope cannot pay is refused with its shortfall; the
// bound owners of the scope are told the actual cost and their own share.

let t: TestApp;
let estateId: number;
let units: number[];
let outside: number;
const AREAS = [8950, 10_000, 7525];
let district: string;
let outsider: string;
let chair: string;
let createdBy: number;

const post = (url: string, cookie: string, body: unknown = {}) => t.request({ method: 'POST', url: `/api/v1${url}`, cookie, body });
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

async function taken(applicationId: number): Promise<number[]> {
  const r = await t.pool.query(
    `SELECT t.unit_id, sum(CASE WHEN m.kind = 'withdrawal' THEN t.amount_fen ELSE -t.amount_fen END)::bigint AS fen
       FROM fund_movements m JOIN fund_transfers t ON t.movement_id = m.id WHERE m.application_id = $1 GROUP BY t.unit_id`,
    [applicationId],
  );
  const m = new Map(r.rows.map((x) => [Number(x.unit_id), Number(x.fen)]));
  return units.map((u) => m.get(u) ?? 0);
}
const movements = async (id: number) =>
  (await t.pool.query(`SELECT kind, stage_no, total_fen FROM fund_movements WHERE application_id = $1 ORDER BY id`, [id])).rows;
const actualShares = async (id: number) =>
  (await t.pool.query(`SELECT actual_fen FROM fund_application_shares WHERE application_id = $1 ORDER BY position`, [id])).rows.map((r) => r.actual_fen);
const balances = async () => {
  const r = await t.pool.query(`SELECT unit_id, credits_fen - debits_fen AS b FROM fund_accounts WHERE unit_id = ANY($1::bigint[])`, [units]);
  const m = new Map(r.rows.map((x) => [Number(x.unit_id), Number(x.b)]));
  return units.map((u) => m.get(u)!);
};
const booksSum = async () =>
  Number((await t.pool.query(`SELECT coalesce(sum(credits_fen - debits_fen), 0)::bigint AS s FROM fund_accounts WHERE estate_id = $1`, [estateId])).rows[0].s);

/** Approved, stage 1 paid through the API, accepted through the API: ready to settle. */
async function paidAndAccepted(budgetFen: number, stagePlan?: number[]): Promise<number> {
  const id = await fundApplication(t.pool, { estateId, unitIds: units, budgetFen, createdBy, stagePlan });
  if ((stagePlan?.length ?? 2) > 1) {
    const d = await post(`/fund/applications/${id}/stages/1/disburse`, district);
    expect(d.statusCode, d.body).toBe(200);
  }
  const a = await post(`/fund/applications/${id}/accept`, chair, { ownerRepresentatives: ['王建国'] });
  expect(a.statusCode, a.body).toBe(200);
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  const tree = await createRegionTree(t.pool);
  const other = await createRegionTree(t.pool, { cityId: tree.cityId });
  estateId = await createEstate(t.pool, { communityId: tree.communityId });
  const b = await createBuilding(t.pool, { estateId, name: '2栋' });
  units = [];
  for (const [i, area] of AREAS.entries()) units.push(await createUnit(t.pool, { estateId, buildingId: b, number: `20${i + 1}`, areaCenti: area }));
  outside = await createUnit(t.pool, { estateId, buildingId: b, number: '301' });
  await deposit(t.pool, estateId, [...units, outside].map((u) => ({ unitId: u, amountFen: 5_000_000 })));
  const d = await signedInAs(t, { role: 'district_officer', scopeId: tree.districtId });
  district = d.cookie;
  createdBy = d.accountId;
  outsider = (await signedInAs(t, { role: 'district_officer', scopeId: other.districtId })).cookie;
  chair = (await signedInAs(t, { role: 'committee_chair', scopeId: estateId })).cookie;
});

describe('fund settlement', () => {
  it('district officer: stage 1 and the final stage together take exactly the actual cost from each unit and overall', async () => {
    const id = await paidAndAccepted(1_000_001);
    const before = await balances();
    const res = await post(`/fund/applications/${id}/settle`, district, { actualCostFen: 987_654, bookedOn: '2026-12-01' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ id, state: 'settled', actualCostFen: 987_654, paidBeforeFen: 700_001, reversal: null });
    expect(body.finalWithdrawal.amountFen).toBe(987_654 - 700_001);
    const actual = apportionByArea(987_654, AREAS);
    expect(await taken(id)).toEqual(actual);
    expect(sum(await taken(id))).toBe(987_654);
    expect(await actualShares(id)).toEqual(actual);
    expect((await balances()).map((b, i) => before[i]! - b)).toEqual(actual.map((a, i) => a - apportionByArea(700_001, AREAS)[i]!));
    expect(await movements(id)).toEqual([
      { kind: 'withdrawal', stage_no: 1, total_fen: 700_001 },
      { kind: 'withdrawal', stage_no: 2, total_fen: 287_653 },
    ]);
    const app = await t.pool.query(`SELECT actual_cost_fen, settled_at FROM fund_applications WHERE id = $1`, [id]);
    expect(Number(app.rows[0].actual_cost_fen)).toBe(987_654);
    expect(app.rows[0].settled_at).not.toBeNull();
    const stages = await t.request({ method: 'GET', url: `/api/v1/fund/applications/${id}/stages`, cookie: chair });
    expect(stages.json()).toMatchObject({ actualCostFen: 987_654, paidFen: 987_654, stages: [{ paid: { fen: 700_001 } }, { final: true, paid: { fen: 287_653 }, returned: null }] });
    expect(await booksSum()).toBe(0);
  });

  it('district officer: an actual cost below what stage 1 paid returns the difference to the units', async () => {
    const id = await paidAndAccepted(1_000_000);
    const before = await balances();
    const res = await post(`/fund/applications/${id}/settle`, district, { actualCostFen: 500_000 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ paidBeforeFen: 700_000, finalWithdrawal: null, reversal: { amountFen: 200_000, unitCount: 3 } });
    const actual = apportionByArea(500_000, AREAS);
    expect(await taken(id)).toEqual(actual);
    const stage1 = apportionByArea(700_000, AREAS);
    expect((await balances()).map((b, i) => b - before[i]!)).toEqual(stage1.map((s, i) => s - actual[i]!));
    expect(await movements(id)).toEqual([
      { kind: 'withdrawal', stage_no: 1, total_fen: 700_000 },
      { kind: 'reversal', stage_no: 2, total_fen: 200_000 },
    ]);
    const audit = await t.pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'fund.movement.reversal' AND estate_id = $1`, [estateId]);
    expect(audit.rows[0].n).toBeGreaterThan(0);
    expect(await booksSum()).toBe(0);
  });

  it('district officer: when rounding goes both ways per unit, one settlement pays some units and returns to others', async () => {
    // 610 fen budget: stage 1 = 427 = [144, 161, 122]; actual 428 = [145, 162, 121]
    const id = await paidAndAccepted(610);
    const res = await post(`/fund/applications/${id}/settle`, district, { actualCostFen: 428 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ finalWithdrawal: { amountFen: 2, unitCount: 2 }, reversal: { amountFen: 1, unitCount: 1 } });
    expect(await taken(id)).toEqual([145, 162, 121]);
    expect(await booksSum()).toBe(0);
  });

  it('district officer: a one-stage plan is paid whole at settlement', async () => {
    const id = await paidAndAccepted(300_000, [10_000]);
    const res = await post(`/fund/applications/${id}/settle`, district, { actualCostFen: 299_999 });
    expect(res.statusCode, res.body).toBe(200);
    expect(await movements(id)).toEqual([{ kind: 'withdrawal', stage_no: 1, total_fen: 299_999 }]);
    expect(await taken(id)).toEqual(apportionByArea(299_999, AREAS));
  });

  it('district officer: an actual cost the scope cannot pay is refused with the shortfall, and nothing changes', async () => {
    const id = await paidAndAccepted(1_000_000);
    const before = await balances();
    const taken0 = await taken(id);
    const actualCostFen = 40_000_000;
    const res = await post(`/fund/applications/${id}/settle`, district, { actualCostFen });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('FUND_INSUFFICIENT_BALANCE');
    const owed = apportionByArea(actualCostFen, AREAS).map((a, i) => a - taken0[i]!);
    expect(body.details.shortfallFen).toBe(sum(owed.map((o, i) => Math.max(0, o - before[i]!))));
    expect(body.details).toMatchObject({ actualCostFen, paidBeforeFen: 700_000, scopeBalanceFen: sum(before) });
    expect(body.details.units.map((u: { unit: string }) => u.unit).sort()).toEqual(['2栋-201', '2栋-202', '2栋-203']);
    expect(body.message).toMatch(/缺口/);
    expect(await balances()).toEqual(before);
    expect(await actualShares(id)).toEqual([null, null, null]);
    expect(await movements(id)).toHaveLength(1);
    expect((await t.pool.query(`SELECT state, actual_cost_fen FROM fund_applications WHERE id = $1`, [id])).rows[0]).toEqual({ state: 'accepted', actual_cost_fen: null });
  });

  it('district officer: settlement waits for acceptance; outside the district it is 404', async () => {
    const id = await fundApplication(t.pool, { estateId, unitIds: units, budgetFen: 100_000, createdBy });
    const early = await post(`/fund/applications/${id}/settle`, district, { actualCostFen: 90_000 });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('INVALID_TRANSITION');
    const accepted = await paidAndAccepted(100_000);
    expect((await post(`/fund/applications/${accepted}/settle`, outsider, { actualCostFen: 90_000 })).statusCode).toBe(404);
    await t.pool.query(`UPDATE fund_applications SET contractor_name = '' WHERE id = $1`, [accepted]);
    const noPayee = await post(`/fund/applications/${accepted}/settle`, district, { actualCostFen: 90_000 });
    expect(noPayee.statusCode).toBe(400);
    expect(noPayee.json().details.issues[0].field).toBe('body.payee');
    const bad = await post(`/fund/applications/${accepted}/settle`, district, { actualCostFen: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.actualCostFen');
    expect(await movements(accepted)).toHaveLength(1);
  });
});

describe('fund publication', () => {
  it('committee chair: publishes; each bound owner in scope is told the actual cost and their own share, nobody else', async () => {
    const id = await paidAndAccepted(1_000_000);
    expect((await post(`/fund/applications/${id}/settle`, district, { actualCostFen: 960_000 })).statusCode).toBe(200);
    // owner 1 holds 201 and 202; owner 2 holds 203; owner 3 holds 301, outside the scope
    const owners = [await createOwner(t.pool, { name: '甲' }), await createOwner(t.pool, { name: '乙' }), await createOwner(t.pool, { name: '丙' })];
    const holdings: [number, number][] = [[units[0]!, owners[0]!], [units[1]!, owners[0]!], [units[2]!, owners[1]!], [outside, owners[2]!]];
    for (const [unitId, ownerId] of holdings) await createOwnership(t.pool, { unitId, ownerId });
    const sessions = [];
    for (const ownerId of owners) {
      const s = await signedInAs(t, { role: 'owner' }, { ownerId });
      const unitIds = holdings.filter(([, o]) => o === ownerId).map(([unitId]) => unitId);
      await bindApproved(t.pool, { accountId: s.accountId, ownerId, estateId, unitIds });
      sessions.push(s);
    }
    const res = await post(`/fund/applications/${id}/publish`, chair, { note: '保修期两年' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id, state: 'published', notified: 2 });
    const inbox = async (cookie: string) => (await t.request({ method: 'GET', url: '/api/v1/notifications', cookie })).json().items as { subject: string; body: string }[];
    const actual = apportionByArea(960_000, AREAS);
    const [one, two, three] = await Promise.all(sessions.map((s) => inbox(s.cookie)));
    expect(one).toHaveLength(1);
    expect(one![0]!.subject).toBe('维修资金使用公示：更换1栋电梯主板');
    expect(one![0]!.body).toContain('实际费用 9,600.00 元');
    expect(one![0]!.body).toContain(`2栋-201 实际分摊 ${(actual[0]! / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })} 元`);
    expect(one![0]!.body).toContain('2栋-202 实际分摊');
    expect(one![0]!.body).not.toContain('2栋-203');
    expect(one![0]!.body).toContain('保修期两年');
    expect(two).toHaveLength(1);
    expect(two![0]!.body).toContain(`2栋-203 实际分摊 ${(actual[2]! / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })} 元`);
    expect(three).toEqual([]);
    const again = await post(`/fund/applications/${id}/publish`, chair);
    expect(again.statusCode).toBe(409);
    const audit = await t.pool.query(`SELECT summary FROM audit_events WHERE action = 'fund.application.publish' AND target_id = $1`, [String(id)]);
    expect(audit.rows[0].summary).toMatchObject({ recipients: 2, actualCostFen: 960_000 });
  });

  it('committee chair: an application not yet settled cannot be published', async () => {
    const id = await paidAndAccepted(100_000);
    const res = await post(`/fund/applications/${id}/publish`, chair);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('INVALID_TRANSITION');
  });
});
