import { beforeAll, describe, expect, it } from 'vitest';
import { createBuilding, createEstate, createRegionTree, createUnit, signedInAs } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { deposit, fundApplication } from '../funds/disbursement-fixtures.ts';
import { ledgerMismatches, ledgerMismatchesRecomputed } from './invariants-support.ts';
import { counts, crowd, delta, expectOneWinner, tallyAnswers } from './races-support.ts';

// Why: issue 7 — "concurrent requests that race on one fund stage's disbursement: exactly one
// effect, always; balances never negative; ledger totals always equal balances".
// Through the real HTTP route (POST /fund/applications/:id/stages/:n/disburse, district officers
// holding fund.disburse), 24 requests at once (the app's pool has 10 connections, so they queue on
// the application's row lock and on the pool, as in production):
//   1. one stage: exactly one 200, the rest 409 FUND_STAGE_ALREADY_PAID (never a 5xx), and the crowd
//      changes exactly what ONE request changes (movements, transfers, audit events, notifications,
//      jobs), measured on a twin application paid by a single request;
//   2. stages 1 and 2 at once: each paid at most once and stage 2 never before stage 1;
//   3. two applications over the same units, each affordable alone but not together: exactly one is
//      paid, the other refused FUND_INSUFFICIENT_BALANCE, no unit below zero;
//   4. refunds from one unit, more at once than it can pay: exactly as many as fit, balance 0.
// After each: every stored balance equals the sum of its transfers (checked twice: 0024's function
// and a recomputation here), and each estate's books sum to zero.

let t: TestApp;
let estateId: number;
let units: number[];
let officers: string[];
let createdBy: number;
const CROWD = 24;

const disburse = (id: number, stage: number, cookie: string) =>
  t.request({ method: 'POST', url: `/api/v1/fund/applications/${id}/stages/${stage}/disburse`, cookie, body: {} });
const withdrawals = async (id: number) =>
  (await t.pool.query(`SELECT id, stage_no, total_fen FROM fund_movements WHERE application_id = $1 AND kind = 'withdrawal' ORDER BY id`, [id])).rows
    .map((r) => ({ id: Number(r.id), stageNo: r.stage_no, totalFen: Number(r.total_fen) }));
const effectTables = {
  fund_movements: '', fund_transfers: '', audit_events: '', notifications: '', jobs: '', fund_application_confirmations: '',
};

async function expectBooksSound() {
  expect(await ledgerMismatches(t.pool)).toEqual([]);
  expect(await ledgerMismatchesRecomputed(t.pool)).toEqual([]);
  const neg = await t.pool.query(`SELECT id FROM fund_accounts WHERE kind = 'unit' AND credits_fen < debits_fen`);
  expect(neg.rows).toEqual([]);
  const sums = await t.pool.query(`SELECT estate_id, sum(credits_fen - debits_fen)::bigint AS s FROM fund_accounts GROUP BY estate_id`);
  for (const r of sums.rows) expect(Number(r.s), `estate ${r.estate_id}`).toBe(0);
}

beforeAll(async () => {
  t = await createTestApp();
  const tree = await createRegionTree(t.pool);
  estateId = await createEstate(t.pool, { communityId: tree.communityId });
  const b = await createBuilding(t.pool, { estateId, name: '1栋' });
  units = [];
  for (const [i, area] of [8950, 10_000, 7525].entries()) units.push(await createUnit(t.pool, { estateId, buildingId: b, number: `10${i + 1}`, areaCenti: area }));
  await deposit(t.pool, estateId, units.map((u) => ({ unitId: u, amountFen: 50_000_000 })));
  const a = await signedInAs(t, { role: 'district_officer', scopeId: tree.districtId });
  const c = await signedInAs(t, { role: 'district_officer', scopeId: tree.districtId });
  officers = [a.cookie, c.cookie];
  createdBy = a.accountId;
});

describe('race: one fund stage disbursed by many requests at once', () => {
  it(`district officers: ${CROWD} concurrent disbursements of one stage pay it once, with the effect of one request`, async () => {
    // the effect of ONE request, on a twin application
    const twin = await fundApplication(t.pool, { estateId, unitIds: units, budgetFen: 1_000_001, createdBy });
    const raced = await fundApplication(t.pool, { estateId, unitIds: units, budgetFen: 1_000_001, createdBy });
    const b0 = await counts(t.pool, effectTables);
    expect((await disburse(twin, 1, officers[0]!)).statusCode).toBe(200);
    const one = delta(b0, await counts(t.pool, effectTables));
    expect(one.fund_movements).toBe(1);

    const b1 = await counts(t.pool, effectTables);
    const answers = await crowd(CROWD, (i) => disburse(raced, 1, officers[i % 2]!));
    expectOneWinner(answers, ['FUND_STAGE_ALREADY_PAID']);
    expect(tallyAnswers(answers)).toEqual({ 200: 1, '409 FUND_STAGE_ALREADY_PAID': CROWD - 1 });
    expect(delta(b1, await counts(t.pool, effectTables))).toEqual(one);
    expect(await withdrawals(raced)).toEqual([{ id: expect.any(Number), stageNo: 1, totalFen: 700_001 }]);
    const audit = await t.pool.query(
      `SELECT action, count(*)::int AS n FROM audit_events
        WHERE ((target_type = 'fund_application' AND target_id = $1) OR (action = 'fund.movement.withdrawal' AND summary->>'applicationId' = $1))
          AND action <> 'fund.application.approve' -- the fixture's
        GROUP BY action ORDER BY action`, [String(raced)]);
    expect(audit.rows).toEqual([{ action: 'fund.application.disburse', n: 1 }, { action: 'fund.movement.withdrawal', n: 1 }]);
    const state = await t.pool.query(`SELECT state FROM fund_applications WHERE id = $1`, [raced]);
    expect(state.rows[0].state).toBe('disbursing');
    await expectBooksSound();
  });

  it(`district officers: stages 1 and 2 requested ${CROWD} times at once are each paid at most once, stage 2 never before stage 1`, async () => {
    const id = await fundApplication(t.pool, { estateId, unitIds: units, budgetFen: 300_000, createdBy, stagePlan: [3000, 3000, 4000] });
    const answers = await crowd(CROWD, (i) => disburse(id, 1 + (i % 2), officers[(i >> 1) % 2]!));
    expect(answers.filter((a) => a.statusCode >= 500)).toEqual([]);
    for (const a of answers.filter((x) => x.statusCode !== 200)) {
      // stage 2 too early is a 400 on the stage; a stage already paid is a 409
      expect(['FUND_STAGE_ALREADY_PAID', 'VALIDATION_FAILED'], a.body).toContain(a.json().code);
    }
    const paid = await withdrawals(id);
    expect(paid.map((p) => p.stageNo)).toEqual(paid.length === 2 ? [1, 2] : [1]);
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(paid.length);
    expect(paid.every((p) => p.totalFen === 90_000)).toBe(true);
    await expectBooksSound();
  });

  it(`district officers: two uses each affordable alone but not together, ${CROWD} requests at once: one is paid, no unit goes below zero`, async () => {
    const b = await createBuilding(t.pool, { estateId, name: '9栋' });
    const tight: number[] = [];
    for (const n of ['901', '902', '903']) tight.push(await createUnit(t.pool, { estateId, buildingId: b, number: n, areaCenti: 10_000 }));
    await deposit(t.pool, estateId, tight.map((u) => ({ unitId: u, amountFen: 100_000 })));
    // stage 1 = 90% of 300,000 = 90,000 per unit; two of them need 180,000 of the 100,000 each unit holds
    const x = await fundApplication(t.pool, { estateId, unitIds: tight, budgetFen: 300_000, createdBy, stagePlan: [9000, 1000] });
    const y = await fundApplication(t.pool, { estateId, unitIds: tight, budgetFen: 300_000, createdBy, stagePlan: [9000, 1000] });
    const answers = await crowd(CROWD, (i) => disburse(i % 2 ? x : y, 1, officers[(i >> 1) % 2]!));
    expectOneWinner(answers, ['FUND_STAGE_ALREADY_PAID', 'FUND_INSUFFICIENT_BALANCE']);
    const codes = new Set(answers.filter((a) => a.statusCode !== 200).map((a) => a.json().code));
    expect(codes.has('FUND_INSUFFICIENT_BALANCE')).toBe(true);
    expect([...(await withdrawals(x)), ...(await withdrawals(y))]).toHaveLength(1);
    const bal = await t.pool.query(`SELECT credits_fen - debits_fen AS b FROM fund_accounts WHERE unit_id = ANY($1::bigint[]) ORDER BY unit_id`, [tight]);
    expect(bal.rows.map((r) => Number(r.b))).toEqual([10_000, 10_000, 10_000]);
    await expectBooksSound();
  });

  it(`district officers: ${CROWD} refunds at once from one unit holding enough for 7 — exactly 7 paid, the balance exactly zero, never below`, async () => {
    const b = await createBuilding(t.pool, { estateId, name: '8栋' });
    const unit = await createUnit(t.pool, { estateId, buildingId: b, number: '801', areaCenti: 10_000 });
    await deposit(t.pool, estateId, [{ unitId: unit, amountFen: 70_000 }]);
    const answers = await crowd(CROWD, (i) => t.request({
      method: 'POST', url: `/api/v1/fund/units/${unit}/refunds`, cookie: officers[i % 2]!, body: { amountFen: 10_000, payee: '业主本人', reason: '重复交存退还' },
    }));
    expect(answers.filter((a) => a.statusCode >= 500)).toEqual([]);
    expect(tallyAnswers(answers)).toEqual({ 200: 7, '422 FUND_INSUFFICIENT_BALANCE': CROWD - 7 });
    const refunds = await t.pool.query(`SELECT count(*)::int AS n FROM fund_transfers WHERE unit_id = $1 AND kind = 'refund'`, [unit]);
    expect(refunds.rows[0].n).toBe(7);
    const bal = await t.pool.query(`SELECT credits_fen - debits_fen AS b FROM fund_accounts WHERE unit_id = $1`, [unit]);
    expect(Number(bal.rows[0].b)).toBe(0);
    await expectBooksSound();
  });
});
