import { describe, expect, it } from 'vitest';
import { atLeastThreeQuarters, atLeastTwoThirds, moreThanHalf } from '../../src/index.ts';
import { run, sold, votes } from './build.ts';

// Boundaries of 民法典 第278条 (以上 inclusive, 过半数 strict), in area and in heads, each
// dimension alone, one hundredth of a m² either side.

describe('integer comparisons', () => {
  it('257.16 of 385.74 is exactly 2/3; one hundredth less is not', () => {
    expect(atLeastTwoThirds(25716, 38574)).toBe(true);
    expect(atLeastTwoThirds(25715, 38574)).toBe(false);
  });
  it('3/4 inclusive, 1/2 strict', () => {
    expect(atLeastThreeQuarters(3, 4)).toBe(true);
    expect(atLeastThreeQuarters(299, 400)).toBe(false);
    expect(moreThanHalf(1, 2)).toBe(false);
    expect(moreThanHalf(20001, 40000)).toBe(true);
  });
});

describe('participation: 2/3 of area AND 2/3 of heads', () => {
  // three owners; A and B vote; C's area moves the area boundary; heads are 2 of 3 (exactly 2/3)
  it.each([
    ['exactly 2/3 of area (257.16 of 385.74)', '128.58', '128.58', '128.58', true],
    ['one hundredth below', '128.58', '128.57', '128.59', false],
    ['one hundredth above', '128.58', '128.59', '128.57', true],
  ])('%s → %s', (_name, a, b, c, met) => {
    const r = run({ units: sold(['A', a], ['B', b], ['C', c]), ballots: votes({ A: 'yes', B: 'yes' }) });
    expect(r.participationMet).toBe(met);
    expect(r.passed).toBe(met);
    expect(r.headParticipating * 3).toBe(r.headTotal * 2);
  });

  it('heads: exactly 2/3 (4 of 6) is enough, 3 of 6 is not even with almost all the area', () => {
    const units = sold(['A', 1000], ['B', 1000], ['C', 1000], ['D', 1], ['E', 1], ['F', 1]);
    expect(run({ units, ballots: votes({ A: 'yes', B: 'yes', C: 'yes', D: 'yes' }) }).participationMet).toBe(true);
    const r = run({ units, ballots: votes({ A: 'yes', B: 'yes', C: 'yes' }) });
    expect(r.areaParticipatingCenti * 3 > r.areaTotalCenti * 2).toBe(true);
    expect(r.participationMet).toBe(false);
    expect(r.passed).toBe(false);
  });

  it('heads: 199 of 300 fails, 200 of 300 holds', () => {
    const units = Array.from({ length: 300 }, (_, i) => ({ unit: `u${i}`, owner: `o${i}`, area: 100 }));
    const b = (n: number) => units.slice(0, n).map((u) => ({ owner: u.owner, choice: 'yes' as const }));
    expect(run({ units, ballots: b(199) }).participationMet).toBe(false);
    expect(run({ units, ballots: b(200) }).participationMet).toBe(true);
  });

  it('area alone is never enough: 2 of 6 heads holding 99% of area', () => {
    const r = run({ units: sold(['A', 5000], ['B', 5000], ['C', 1], ['D', 1], ['E', 1], ['F', 1]), ballots: votes({ A: 'yes', B: 'yes' }) });
    expect(r.participationMet).toBe(false);
  });

  it('an empty vote never meets participation', () => {
    expect(run({ units: sold(['A', 10]) }).participationMet).toBe(false);
  });
});

describe('approval 四分之三以上 (matters 6–8)', () => {
  it.each([6, 7, 8] as const)('matter %i: exactly 3/4 of area and heads passes; one hundredth below fails; above passes', (matter) => {
    const at = (y3: string, n: string) =>
      run({ matter, units: sold(['Y1', 100], ['Y2', 100], ['Y3', y3], ['N', n]), ballots: votes({ Y1: 'yes', Y2: 'yes', Y3: 'yes', N: 'no' }) });
    expect(at('100.00', '100.00').passed).toBe(true);
    expect(at('99.99', '100.01').passed).toBe(false);
    expect(at('100.01', '99.99').passed).toBe(true);
  });

  it('heads: 3 of 4 passes, 5 of 7 fails even with 99% of the area', () => {
    const units4 = sold(['A', 1], ['B', 1], ['C', 1], ['D', 1]);
    expect(run({ matter: 7, units: units4, ballots: votes({ A: 'yes', B: 'yes', C: 'yes', D: 'no' }) }).passed).toBe(true);
    const units7 = sold(['A', 10000], ['B', 1], ['C', 1], ['D', 1], ['E', 1], ['F', 1], ['G', 1]);
    const r = run({ matter: 7, units: units7, ballots: votes({ A: 'yes', B: 'yes', C: 'yes', D: 'yes', E: 'yes', F: 'no', G: 'no' }) });
    expect(r.participationMet).toBe(true);
    expect(r.passed).toBe(false);
  });

  it('a 3/4 matter is not passed by a mere majority that would pass matter 4', () => {
    const units = sold(['A', 100], ['B', 100], ['C', 100]);
    const ballots = votes({ A: 'yes', B: 'yes', C: 'no' });
    expect(run({ matter: 4, units, ballots }).passed).toBe(true);
    expect(run({ matter: 6, units, ballots }).passed).toBe(false);
  });
});

describe('approval 过半数 (matters 1–5, 9)', () => {
  it.each([1, 2, 3, 4, 5, 9] as const)('matter %i: exactly 1/2 of area fails; one hundredth above passes', (matter) => {
    const at = (y: string, n: string) =>
      run({ matter, units: sold(['Y1', 100], ['Y2', 100], ['Y3', y], ['N', n]), ballots: votes({ Y1: 'yes', Y2: 'yes', Y3: 'yes', N: 'no' }) });
    // yes 200.00 + Y3 vs no N: exactly half when Y3 + 200 = N
    expect(run({ matter, units: sold(['Y1', 100], ['Y2', 100], ['Y3', 100], ['N', 300]), ballots: votes({ Y1: 'yes', Y2: 'yes', Y3: 'yes', N: 'no' }) }).passed).toBe(false);
    expect(at('100.01', '300.00').passed).toBe(true);
    expect(at('99.99', '300.00').passed).toBe(false);
  });

  it('heads: exactly half (2 of 4) fails with 3/4 of the area; 3 of 5 passes', () => {
    expect(run({ units: sold(['A', 300], ['B', 300], ['C', 100], ['D', 100]), ballots: votes({ A: 'yes', B: 'yes', C: 'no', D: 'no' }) }).passed).toBe(false);
    expect(run({ units: sold(['A', 300], ['B', 300], ['C', 1], ['D', 100], ['E', 100]), ballots: votes({ A: 'yes', B: 'yes', C: 'yes', D: 'no', E: 'no' }) }).passed).toBe(true);
  });

  it('both dimensions: a head majority with an area minority fails', () => {
    const r = run({ units: sold(['A', 1], ['B', 1], ['C', 1], ['D', 1000]), ballots: votes({ A: 'yes', B: 'yes', C: 'yes', D: 'no' }) });
    expect(r.headYes * 2 > r.headParticipating).toBe(true);
    expect(r.passed).toBe(false);
  });
});

describe('abstentions participate, sit in the denominator, are not yes', () => {
  it('yes 3 of 6 with 2 abstentions is exactly half → fails; without them it would pass', () => {
    const units = sold(['Y1', 100], ['Y2', 100], ['Y3', 100], ['N', 100], ['S1', 100], ['S2', 100]);
    const r = run({ units, ballots: votes({ Y1: 'yes', Y2: 'yes', Y3: 'yes', N: 'no', S1: 'abstain', S2: 'abstain' }) });
    expect(r).toMatchObject({ headParticipating: 6, areaParticipatingCenti: 60000, headAbstain: 2, areaAbstainCenti: 20000, headYes: 3, participationMet: true, passed: false });
  });
  it('abstentions make the quorum', () => {
    const units = sold(['A', 100], ['B', 100], ['C', 100]);
    expect(run({ units, ballots: votes({ A: 'yes', B: 'abstain' }) })).toMatchObject({ participationMet: true, passed: false });
    expect(run({ units, ballots: votes({ A: 'yes', B: 'yes' }) })).toMatchObject({ participationMet: true, passed: true });
  });
});
