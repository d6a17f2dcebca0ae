import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tally, unitArea, type DecisionRecord, type TallyBallot, type TallyResult, type TallyUnit } from '../../src/index.ts';
import { headOf, inScope } from '../../src/tally/heads.ts';

// Properties of the engine over random estates: order independence, monotonicity, and totals.

const OWNERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
const unitArb = (i: number) => fc.record({
  owner: fc.constantFrom(...OWNERS),
  status: fc.constantFrom('sold', 'sold', 'sold', 'unsold', 'undelivered'),
  kind: fc.constantFrom('residential', 'residential', 'commercial', 'parking'),
  building: fc.constantFrom('1', '2'),
  areaCenti: fc.integer({ min: 1, max: 50_000 }),
}).map((u): TallyUnit => ({ unit: `u${i}`, ...u } as TallyUnit));

const recordArb = fc.record({
  units: fc.integer({ min: 1, max: 14 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => unitArb(i)))),
  matter: fc.integer({ min: 1, max: 9 }),
  rules: fc.constantFrom('civil-code-2021', 'shanghai-2020', 'ningbo-2021'),
  follow: fc.boolean(),
  spoiledCounts: fc.boolean(),
  scoped: fc.boolean(),
  // one optional choice per possible voter (owners and the developer): no precedence applies
  choices: fc.array(fc.option(fc.constantFrom('yes', 'no', 'abstain', 'spoiled'), { nil: undefined }), { minLength: 9, maxLength: 9 }),
}).map(({ units, matter, rules, follow, spoiledCounts, scoped, choices }): DecisionRecord => {
  const m = (scoped ? (matter % 2 === 0 ? 6 : 5) : matter) as DecisionRecord['matter'];
  const ballots: TallyBallot[] = [...OWNERS, 'DEV'].flatMap((owner, i) => (choices[i] ? [{ owner, choice: choices[i]! }] : []));
  return {
    format: 'gongzhi.decision-record/v1', rules: rules as DecisionRecord['rules'], matter: m, developer: 'DEV',
    options: { nonVotersFollowMajority: follow, spoiledCountsAsParticipation: spoiledCounts },
    ...(scoped ? { scope: { buildings: ['2'] } } : {}),
    units, ballots,
  };
});

/** The result without what depends on list positions (ballot indices). */
const figures = (r: TallyResult) => {
  const { flags, standing, ...rest } = r;
  return { ...rest, flags: flags.map((f) => [f.kind, f.owner, f.counted]).sort(), standing: standing.map((s) => [s.headId, s.choice]) };
};

describe('tally properties', () => {
  it('ballot order never changes the result when each owner casts at most one ballot', () => {
    fc.assert(fc.property(recordArb, fc.infiniteStream(fc.nat()), (rec, stream) => {
      const keys = rec.ballots.map(() => stream.next().value);
      const shuffled = rec.ballots.map((b, i) => ({ b, k: keys[i]! })).sort((x, y) => x.k - y.k).map((x) => x.b);
      expect(figures(tally({ ...rec, ballots: shuffled }))).toEqual(figures(tally(rec)));
    }), { numRuns: 300 });
  });

  it('adding a yes ballot never turns a pass into a fail', () => {
    fc.assert(fc.property(recordArb, fc.constantFrom(...OWNERS, 'DEV'), (rec, owner) => {
      const before = tally(rec);
      const after = tally({ ...rec, ballots: [...rec.ballots, { owner, choice: 'yes' }] });
      if (before.passed) expect(after.passed).toBe(true);
      if (before.participationMet) expect(after.participationMet).toBe(true);
    }), { numRuns: 500 });
  });

  it("totals always equal the roster's (or the charging scope's) sums", () => {
    fc.assert(fc.property(recordArb, (rec) => {
      const r = tally(rec);
      const inside = rec.units.filter((u) => inScope(u, rec.scope));
      const parkingCounts = rec.options.parkingAreaCounts ?? rec.rules !== 'ningbo-2021';
      const area = inside.reduce((s, u) => s + (u.kind === 'parking' && !parkingCounts ? 0 : unitArea(u).areaCenti), 0);
      expect(r.areaTotalCenti).toBe(area);
      expect(r.headTotal).toBe(new Set(inside.map((u) => headOf(u, 'DEV'))).size);
      // and the parts never exceed the whole
      expect(r.areaYesCenti + r.areaNoCenti + r.areaAbstainCenti + r.areaSpoiledCenti).toBeLessThanOrEqual(r.areaTotalCenti);
      expect(r.headYes + r.headNo + r.headAbstain + r.headSpoiled).toBeLessThanOrEqual(r.headTotal);
    }), { numRuns: 500 });
  });
});
