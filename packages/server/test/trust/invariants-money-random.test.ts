import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBuilding, createEstate, createRegionTree, createUnit, signedInAs } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { fundApplication } from '../funds/disbursement-fixtures.ts';
import { ledgerMismatches, ledgerMismatchesRecomputed } from './invariants-support.ts';
import { crowd } from './races-support.ts';

// Why: issue 7 — "balances never negative; ledger totals always equal balances", under load.
// A seeded random workload (print the seed; MONEY_SEED=<n> replays it) of deposits,
// replenishments, interest allocations, refunds and stage disbursements, fired 30 at a time
// through the real HTTP routes by two district officers, over few units so that requests collide
// on the same accounts and many refunds/disbursements are refused for want of money. After every
// round, checked against the database AND against a model kept here from the answers alone:
//   - every account's stored balance equals the sum of its transfers (0024's function, and a
//     recomputation here), no unit below zero, each estate's accounts sum to zero;
//   - one movement per acknowledged request and none per refused one, with the acknowledged amount;
//   - the units' total = previous total + deposits + interest − refunds − withdrawals acknowledged;
//   - no 5xx; every refusal is one of the money refusals (insufficient balance, stage paid).

const SEED = Number(process.env.MONEY_SEED ?? 20261122);
const ROUNDS = 5;
const PER_ROUND = 30;

/** mulberry32: a small seeded PRNG, so a failing run can be replayed exactly. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

let t: TestApp;
let estateId: number;
let units: number[];
let officers: string[];
let apps: number[];
const rnd = prng(SEED);
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]) => xs[int(0, xs.length - 1)]!;
const subset = (xs: readonly number[]) => {
  const s = xs.filter(() => rnd() < 0.5);
  return s.length ? s : [pick(xs)];
};

type Op =
  | { kind: 'deposit' | 'replenishment'; lines: { unitId: number; amountFen: number }[] }
  | { kind: 'interest'; totalFen: number }
  | { kind: 'refund'; unitId: number; amountFen: number }
  | { kind: 'disburse'; applicationId: number };

function randomOp(): Op {
  const r = rnd();
  if (r < 0.3) return { kind: rnd() < 0.5 ? 'deposit' : 'replenishment', lines: subset(units).map((unitId) => ({ unitId, amountFen: int(1, 200_000) })) };
  if (r < 0.4) return { kind: 'interest', totalFen: int(1, 5_000) };
  if (r < 0.7) return { kind: 'refund', unitId: pick(units), amountFen: int(1, 150_000) };
  return { kind: 'disburse', applicationId: pick(apps) };
}

function send(op: Op, cookie: string): Promise<LightMyRequestResponse> {
  const post = (url: string, body: unknown) => t.request({ method: 'POST', url: `/api/v1${url}`, cookie, body });
  switch (op.kind) {
    case 'deposit': case 'replenishment': return post(`/estates/${estateId}/fund/deposits`, { kind: op.kind, lines: op.lines });
    case 'interest': return post(`/estates/${estateId}/fund/interest`, { totalFen: op.totalFen });
    case 'refund': return post(`/fund/units/${op.unitId}/refunds`, { amountFen: op.amountFen, payee: '业主本人', reason: '重复交存退还' });
    case 'disburse': return post(`/fund/applications/${op.applicationId}/stages/1/disburse`, {});
  }
}

/** What an acknowledged request moved, by movement kind, from its request and answer alone. */
function acknowledgedFen(op: Op, body: { totalFen?: number; amountFen?: number }): { kind: string; fen: number } {
  switch (op.kind) {
    case 'deposit': case 'replenishment': return { kind: op.kind, fen: op.lines.reduce((s, l) => s + l.amountFen, 0) };
    case 'interest': return { kind: 'interest', fen: op.totalFen };
    case 'refund': return { kind: 'refund', fen: op.amountFen };
    case 'disburse': return { kind: 'withdrawal', fen: body.amountFen! };
  }
}

const unitsTotal = async () =>
  Number((await t.pool.query(`SELECT coalesce(sum(credits_fen - debits_fen), 0)::bigint AS s FROM fund_accounts WHERE kind = 'unit' AND estate_id = $1`, [estateId])).rows[0].s);
const movementsByKind = async () => {
  const r = await t.pool.query(`SELECT kind, count(*)::int AS n, coalesce(sum(total_fen), 0)::bigint AS fen FROM fund_movements WHERE estate_id = $1 GROUP BY kind`, [estateId]);
  return Object.fromEntries(r.rows.map((x) => [x.kind, { n: x.n, fen: Number(x.fen) }])) as Record<string, { n: number; fen: number }>;
};

beforeAll(async () => {
  t = await createTestApp();
  const tree = await createRegionTree(t.pool);
  estateId = await createEstate(t.pool, { communityId: tree.communityId });
  units = [];
  for (const b of ['1栋', '2栋']) {
    const buildingId = await createBuilding(t.pool, { estateId, name: b });
    for (const n of ['101', '102', '103']) units.push(await createUnit(t.pool, { estateId, buildingId, number: n, areaCenti: int(5_000, 15_000) }));
  }
  const a = await signedInAs(t, { role: 'district_officer', scopeId: tree.districtId });
  const b = await signedInAs(t, { role: 'district_officer', scopeId: tree.districtId });
  officers = [a.cookie, b.cookie];
  apps = [];
  for (let i = 0; i < 10; i++) {
    apps.push(await fundApplication(t.pool, { estateId, unitIds: subset(units), budgetFen: int(50_000, 600_000), createdBy: a.accountId, title: `维修 ${i}` }));
  }
});

describe('money invariants under a random concurrent workload', () => {
  it(`district officers: ${ROUNDS} rounds of ${PER_ROUND} random bookings at once keep every balance equal to its ledger and none negative`, async () => {
    const seen: Record<string, number> = {};
    for (let round = 0; round < ROUNDS; round++) {
      const ops = Array.from({ length: PER_ROUND }, randomOp);
      const total0 = await unitsTotal();
      const mv0 = await movementsByKind();
      const answers = await crowd(PER_ROUND, (i) => send(ops[i]!, officers[i % 2]!));

      const expected: Record<string, { n: number; fen: number }> = {};
      for (const [i, a] of answers.entries()) {
        const key = a.statusCode === 200 ? `${ops[i]!.kind} 200` : `${ops[i]!.kind} ${a.statusCode} ${a.json().code}`;
        seen[key] = (seen[key] ?? 0) + 1;
        expect(a.statusCode, `seed ${SEED} round ${round}: ${a.body}`).toBeLessThan(500);
        if (a.statusCode !== 200) {
          expect(['FUND_INSUFFICIENT_BALANCE', 'FUND_STAGE_ALREADY_PAID', 'VALIDATION_FAILED'], a.body).toContain(a.json().code);
          continue;
        }
        const ack = acknowledgedFen(ops[i]!, a.json());
        expected[ack.kind] = { n: (expected[ack.kind]?.n ?? 0) + 1, fen: (expected[ack.kind]?.fen ?? 0) + ack.fen };
      }
      // one movement per acknowledged request, with its amount; nothing for a refused one
      const mv1 = await movementsByKind();
      for (const k of new Set([...Object.keys(mv1), ...Object.keys(expected)])) {
        expect({ kind: k, n: (mv1[k]?.n ?? 0) - (mv0[k]?.n ?? 0), fen: (mv1[k]?.fen ?? 0) - (mv0[k]?.fen ?? 0) }, `seed ${SEED} round ${round}`)
          .toEqual({ kind: k, n: expected[k]?.n ?? 0, fen: expected[k]?.fen ?? 0 });
      }
      const inFen = (k: string) => expected[k]?.fen ?? 0;
      expect(await unitsTotal()).toBe(total0 + inFen('deposit') + inFen('replenishment') + inFen('interest') - inFen('refund') - inFen('withdrawal'));
      // the database's own view of the same: balances equal the ledger, none negative, zero sum
      expect(await ledgerMismatches(t.pool)).toEqual([]);
      expect(await ledgerMismatchesRecomputed(t.pool)).toEqual([]);
      expect((await t.pool.query(`SELECT id FROM fund_accounts WHERE kind = 'unit' AND credits_fen < debits_fen`)).rows).toEqual([]);
      const sum = await t.pool.query(`SELECT coalesce(sum(credits_fen - debits_fen), 0)::bigint AS s FROM fund_accounts WHERE estate_id = $1`, [estateId]);
      expect(Number(sum.rows[0].s)).toBe(0);
    }
    // the workload did exercise the refusals and the successes it is meant to
    expect(Object.keys(seen).some((k) => k.endsWith('FUND_INSUFFICIENT_BALANCE'))).toBe(true);
    expect(seen['refund 200'] ?? 0).toBeGreaterThan(0);
    expect(seen['disburse 200'] ?? 0).toBeGreaterThan(0);
    console.log(JSON.stringify({ invariant: 'money-random', seed: SEED, rounds: ROUNDS, perRound: PER_ROUND, answers: seen }));
  });
});
