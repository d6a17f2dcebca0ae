import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { depositAtRate, settlementLines, stageLines } from '../../src/index.ts';

describe('deposit at a rate per m² (half up to the fen, per unit)', () => {
  it('89.50 m² at 100.00 元/m² is 8,950.00 元 exactly', () => {
    expect(depositAtRate(8950, 10_000)).toBe(895_000);
  });
  it('half a fen rounds up, just under half rounds down', () => {
    expect(depositAtRate(1, 50)).toBe(1); // 0.01 m² × 0.50 元 = 0.5 fen → 1
    expect(depositAtRate(1, 49)).toBe(0); // 0.49 fen → 0
    expect(depositAtRate(3, 50)).toBe(2); // 1.5 fen → 2
  });
  it('refuses an area or rate that is not a positive whole number', () => {
    expect(() => depositAtRate(0, 100)).toThrow(RangeError);
    expect(() => depositAtRate(100, 1.5)).toThrow(RangeError);
  });
});

describe('stage lines', () => {
  it('70/30 of 10,000.01 元 over 3 units: stage 1 lines sum to stage 1, both stages to the budget', () => {
    const areas = [12459, 10603, 1393];
    const s1 = stageLines(1_000_001, [7000, 3000], 1, areas);
    const s2 = stageLines(1_000_001, [7000, 3000], 2, areas);
    expect(s1.reduce((a, b) => a + b, 0)).toBe(700_001);
    expect(s1.reduce((a, b) => a + b, 0) + s2.reduce((a, b) => a + b, 0)).toBe(1_000_001);
  });
  it('refuses a stage outside the plan', () => {
    expect(() => stageLines(100, [7000, 3000], 3, [1])).toThrow(RangeError);
  });
});

describe('settlement lines', () => {
  it('actual below what stage 1 took: the difference goes back to the units (negative lines)', () => {
    const lines = settlementLines(600, [100, 100], [350, 350]);
    expect(lines).toEqual([{ actualFen: 300, dueFen: -50 }, { actualFen: 300, dueFen: -50 }]);
  });
  it('the actual shares sum to the cost, and taken + due = actual for every unit', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 1, max: 1e10 }),
      fc.integer({ min: 0, max: 1e10 }),
      (areas, cost, budget) => {
        const taken = stageLines(budget, [7000, 3000], 1, areas);
        const lines = settlementLines(cost, areas, taken);
        expect(lines.reduce((s, l) => s + l.actualFen, 0)).toBe(cost);
        lines.forEach((l, i) => expect(taken[i]! + l.dueFen).toBe(l.actualFen));
      },
    ));
  });
  it('refuses a cost that is not a positive whole number of fen, or mismatched lists', () => {
    expect(() => settlementLines(0, [1], [0])).toThrow(RangeError);
    expect(() => settlementLines(10, [1, 2], [0])).toThrow(RangeError);
  });
});
