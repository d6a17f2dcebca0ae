import { apportionByArea } from '@gongzhi/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBuilding, createEstate, createRegionTree, createUnit, signedInAs } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { deposit, fundApplication } from './disbursement-fixtures.ts';

// Paying a stage of an approved use (F5): the stage's part of the budget apportioned over the
// frozen areas, one withdrawal per stage whatever happens (twice in a row, twice at once), refusals
// that change nothing; and the committee's acceptance with owner representatives.

let t: TestApp;
let estateId: number;
let units: number[];
const AREAS = [8950, 10_000, 7525];
let district: string;
let outsider: string;
let chair: string;
let street: string;
let createdBy: number;

const post = (url: string, cookie: string, body: unknown = {}) => t.request({ method: 'POST', url: `/api/v1${url}`, cookie, body });

/** Per unit: what the application's withdrawals minus reversals took, in unit order. */
async function taken(applicationId: number): Promise<number[]> {
  const r = await t.pool.query(
    `SELECT t.unit_id, sum(CASE WHEN m.kind = 'withdrawal' THEN t.amount_fen ELSE -t.amount_fen END)::bigint AS fen
       FROM fund_movements m JOIN fund_transfers t ON t.movement_id = m.id WHERE m.application_id = $1 GROUP BY t.unit_id`,
    [applicationId],
  );
  const m = new Map(r.rows.map((x) => [Number(x.unit_id), Number(x.fen)]));
  return units.map((u) => m.get(u) ?? 0);
}
const movements = async (applicationId: number) =>
  (await t.pool.query(`SELECT kind, stage_no, total_fen, payee FROM fund_movements WHERE application_id = $1 ORDER BY id`, [applicationId])).rows;
const state = async (id: number) => (await t.pool.query(`SELECT state FROM fund_applications WHERE id = $1`, [id])).rows[0].state;
const booksSum = async () =>
  Number((await t.pool.query(`SELECT coalesce(sum(credits_fen - debits_fen), 0)::bigint AS s FROM fund_accounts WHERE estate_id = $1`, [estateId])).rows[0].s);

const approved = (budgetFen: number, extra: Partial<Parameters<typeof fundApplication>[1]> = {}) =>
  fundApplication(t.pool, { estateId, unitIds: units, budgetFen, createdBy, ...extra });

beforeAll(async () => {
  t = await createTestApp();
  const tree = await createRegionTree(t.pool);
  const other = await createRegionTree(t.pool, { cityId: tree.cityId });
  estateId = await createEstate(t.pool, { communityId: tree.communityId });
  const b = await createBuilding(t.pool, { estateId, name: '1栋' });
  units = [];
  for (const [i, area] of AREAS.entries()) units.push(await createUnit(t.pool, { estateId, buildingId: b, number: `10${i + 1}`, areaCenti: area }));
  await deposit(t.pool, estateId, units.map((u) => ({ unitId: u, amountFen: 5_000_000 })));
  const d = await signedInAs(t, { role: 'district_officer', scopeId: tree.districtId });
  district = d.cookie;
  createdBy = d.accountId;
  outsider = (await signedInAs(t, { role: 'district_officer', scopeId: other.districtId })).cookie;
  chair = (await signedInAs(t, { role: 'committee_chair', scopeId: estateId })).cookie;
  street = (await signedInAs(t, { role: 'street_officer', scopeId: tree.streetId })).cookie;
});

describe('fund disbursement', () => {
  it('district officer: pays stage 1 as the stage apportioned over the frozen areas, in one withdrawal to the contractor', async () => {
    const id = await approved(1_000_001);
    const res = await post(`/fund/applications/${id}/stages/1/disburse`, district, { bookedOn: '2026-11-20' });
    expect(res.statusCode, res.body).toBe(200);
    const stage1 = 700_001; // 70% of 1,000,001 fen by largest remainder (the other 300,000 is the last stage)
    expect(res.json()).toMatchObject({ id, state: 'disbursing', stageNo: 1, amountFen: stage1, unitCount: 3 });
    expect(await taken(id)).toEqual(apportionByArea(stage1, AREAS));
    expect(await movements(id)).toEqual([{ kind: 'withdrawal', stage_no: 1, total_fen: stage1, payee: '申菱电梯工程有限公司' }]);
    expect(await booksSum()).toBe(0);
    const stages = await t.request({ method: 'GET', url: `/api/v1/fund/applications/${id}/stages`, cookie: chair });
    expect(stages.statusCode).toBe(200);
    expect(stages.json()).toMatchObject({
      paidFen: stage1, budgetFen: 1_000_001, actualCostFen: null,
      stages: [
        { stageNo: 1, basisPoints: 7000, plannedFen: stage1, final: false, paid: { fen: stage1, bookedOn: '2026-11-20', payee: '申菱电梯工程有限公司' } },
        { stageNo: 2, basisPoints: 3000, plannedFen: 300_000, final: true, paid: null, returned: null },
      ],
    });
    const audit = await t.pool.query(`SELECT action FROM audit_events WHERE target_id = $1 AND action LIKE 'fund.%' ORDER BY seq`, [String(id)]);
    expect(audit.rows.map((r) => r.action)).toContain('fund.application.disburse');
  });

  it('district officer: paying the same stage again answers FUND_STAGE_ALREADY_PAID and books nothing', async () => {
    const id = await approved(200_000);
    expect((await post(`/fund/applications/${id}/stages/1/disburse`, district)).statusCode).toBe(200);
    const before = await taken(id);
    const again = await post(`/fund/applications/${id}/stages/1/disburse`, district);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'FUND_STAGE_ALREADY_PAID', details: { stageNo: 1, amountFen: 140_000 } });
    expect(await taken(id)).toEqual(before);
    expect(await movements(id)).toHaveLength(1);
  });

  it('district officer: two disbursements of the same stage at once have one effect', async () => {
    const id = await approved(300_000, { stagePlan: [3000, 3000, 4000] });
    const [a, b] = await Promise.all([
      post(`/fund/applications/${id}/stages/1/disburse`, district),
      post(`/fund/applications/${id}/stages/1/disburse`, district),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().code).toBe('FUND_STAGE_ALREADY_PAID');
    expect(await movements(id)).toEqual([{ kind: 'withdrawal', stage_no: 1, total_fen: 90_000, payee: '申菱电梯工程有限公司' }]);
    expect((await taken(id)).reduce((s, x) => s + x, 0)).toBe(90_000);
    expect(await booksSum()).toBe(0);
  });

  it('district officer: stage 2 of three waits for stage 1, and the last stage waits for settlement', async () => {
    const id = await approved(300_000, { stagePlan: [3000, 3000, 4000] });
    const early = await post(`/fund/applications/${id}/stages/2/disburse`, district);
    expect(early.statusCode).toBe(400);
    expect(early.json().details.issues[0]).toMatchObject({ field: 'params.stageNo', message: '请先拨付第 1 期' });
    const last = await post(`/fund/applications/${id}/stages/3/disburse`, district);
    expect(last.statusCode).toBe(400);
    expect(last.json().details.issues[0].field).toBe('params.stageNo');
    expect(await movements(id)).toEqual([]);
    expect(await state(id)).toBe('approved');
  });

  it('district officer: a stage that would overdraw a unit is refused naming the unit, and nothing changes', async () => {
    const id = await approved(30_000_000); // stage 1: 21,000,000 over 3 units holding 5,000,000 each
    const before = await taken(id);
    const res = await post(`/fund/applications/${id}/stages/1/disburse`, district);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('FUND_INSUFFICIENT_BALANCE');
    expect(body.details.units.map((u: { unit: string }) => u.unit).sort()).toEqual(['1栋-101', '1栋-102', '1栋-103']);
    const bal = await t.pool.query(`SELECT unit_id, credits_fen - debits_fen AS b FROM fund_accounts WHERE unit_id = ANY($1::bigint[])`, [units]);
    const balance = new Map(bal.rows.map((r) => [Number(r.unit_id), Number(r.b)]));
    const need = apportionByArea(21_000_000, AREAS);
    expect(body.details.shortfallFen).toBe(units.reduce((s, u, i) => s + need[i]! - balance.get(u)!, 0));
    expect(await taken(id)).toEqual(before);
    expect(await state(id)).toBe('approved');
    expect(await movements(id)).toEqual([]);
  });

  it('district officer outside the district: disbursing answers 404 and books nothing', async () => {
    const id = await approved(100_000);
    const res = await post(`/fund/applications/${id}/stages/1/disburse`, outsider);
    expect(res.statusCode).toBe(404);
    expect(await movements(id)).toEqual([]);
    expect(await state(id)).toBe('approved');
    const read = await t.request({ method: 'GET', url: `/api/v1/fund/applications/${id}/stages`, cookie: outsider });
    expect(read.statusCode).toBe(404);
  });

  it('district officer: a booking date that does not exist is a field error and books nothing', async () => {
    const id = await approved(100_000);
    const res = await post(`/fund/applications/${id}/stages/1/disburse`, district, { bookedOn: '2026-02-30' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.bookedOn');
    expect(await movements(id)).toEqual([]);
  });

  it('committee chair: cannot disburse (403)', async () => {
    const id = await approved(100_000);
    expect((await post(`/fund/applications/${id}/stages/1/disburse`, chair)).statusCode).toBe(403);
  });

  it('district officer: an application not yet approved cannot be paid', async () => {
    const id = await approved(100_000, { state: 'accepted' });
    const res = await post(`/fund/applications/${id}/stages/1/disburse`, district);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('INVALID_TRANSITION');
  });
});

describe('fund acceptance', () => {
  it('committee chair: accepting without owner representatives is a field error and changes nothing', async () => {
    const id = await approved(100_000);
    for (const ownerRepresentatives of [[], ['  ']]) {
      const res = await post(`/fund/applications/${id}/accept`, chair, { ownerRepresentatives, note: '已验收' });
      expect(res.statusCode).toBe(400);
      expect(res.json().details.issues[0].field).toMatch(/^body\.ownerRepresentatives/);
    }
    expect(await state(id)).toBe('approved');
    const c = await t.pool.query(`SELECT count(*)::int AS n FROM fund_application_confirmations WHERE application_id = $1`, [id]);
    expect(c.rows[0].n).toBe(0);
  });

  it('committee chair: accepts the works with owner representatives after stage 1; the acceptance is recorded', async () => {
    const id = await approved(100_000);
    expect((await post(`/fund/applications/${id}/stages/1/disburse`, district)).statusCode).toBe(200);
    const res = await post(`/fund/applications/${id}/accept`, chair, { ownerRepresentatives: ['王建国', '李秀英', '王建国'], note: '运行正常' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id, state: 'accepted', stateLabel: '已验收' });
    const c = await t.pool.query(`SELECT kind, role, note, owner_representatives FROM fund_application_confirmations WHERE application_id = $1`, [id]);
    expect(c.rows).toEqual([{ kind: 'acceptance', role: 'committee_chair', note: '运行正常', owner_representatives: ['王建国', '李秀英'] }]);
    const again = await post(`/fund/applications/${id}/accept`, chair, { ownerRepresentatives: ['王建国'] });
    expect(again.statusCode).toBe(409);
  });

  it('committee chair: an attachment that is not this application\'s acceptance report is refused', async () => {
    const id = await approved(100_000);
    const att = await t.pool.query(
      `INSERT INTO attachments (record_type, record_id, estate_id, filename, mime, size_bytes, sha256, storage_key, uploaded_by)
       VALUES ('fund_application.quote', $1, $2, 'q.pdf', 'application/pdf', 10, 'x', $3, $4) RETURNING id`,
      [String(id), estateId, `k-${id}-q`, createdBy],
    );
    const ok = await t.pool.query(
      `INSERT INTO attachments (record_type, record_id, estate_id, filename, mime, size_bytes, sha256, storage_key, uploaded_by)
       VALUES ('fund_application.acceptance', $1, $2, 'a.pdf', 'application/pdf', 10, 'x', $3, $4) RETURNING id`,
      [String(id), estateId, `k-${id}-a`, createdBy],
    );
    const bad = await post(`/fund/applications/${id}/accept`, chair, { ownerRepresentatives: ['王建国'], attachmentIds: [Number(ok.rows[0].id), Number(att.rows[0].id)] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.attachmentIds.1');
    expect(await state(id)).toBe('approved');
    const good = await post(`/fund/applications/${id}/accept`, chair, { ownerRepresentatives: ['王建国'], attachmentIds: [Number(ok.rows[0].id)] });
    expect(good.statusCode).toBe(200);
  });

  it('street officer: holds fund.confirm but cannot accept works (403)', async () => {
    const id = await approved(100_000);
    const res = await post(`/fund/applications/${id}/accept`, street, { ownerRepresentatives: ['王建国'] });
    expect(res.statusCode).toBe(403);
    expect(await state(id)).toBe('approved');
  });
});
