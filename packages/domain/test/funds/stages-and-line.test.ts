import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceRatioPct, checkStagePlan, DEFAULT_STAGE_PLAN, isBelowReplenishmentLine, replenishmentLineFen, stageAmounts } from '../../src/index.ts';

describe('the 30% replenishment line (办法 第十七条: 不足首期交存额30%)', () => {
  it('exactly 30% is not below the line; one fen less is; one fen more is not', () => {
    expect(isBelowReplenishmentLine(30_000, 100_000)).toBe(false);
    expect(isBelowReplenishmentLine(29_999, 100_000)).toBe(true);
    expect(isBelowReplenishmentLine(30_001, 100_000)).toBe(false);
  });

  it('when 30% is not a whole fen (1001 → 300.3): 300 is below, 301 is not', () => {
    expect(isBelowReplenishmentLine(300, 1001)).toBe(true);
    expect(isBelowReplenishmentLine(301, 1001)).toBe(false);
    expect(replenishmentLineFen(1001)).toBe(301);
    expect(replenishmentLineFen(1000)).toBe(300);
  });

  it('no initial deposit: nothing is below; large amounts are compared exactly', () => {
    expect(isBelowReplenishmentLine(0, 0)).toBe(false);
    const big = Number.MAX_SAFE_INTEGER - 7; // 10 · b overflows 2^53 in floats
    expect(isBelowReplenishmentLine(replenishmentLineFen(big), big)).toBe(false);
    expect(isBelowReplenishmentLine(replenishmentLineFen(big) - 1, big)).toBe(true);
  });

  it('replenishmentLineFen is the smallest balance not below the line', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10 ** 12 }), (initial) => {
      const line = replenishmentLineFen(initial);
      expect(isBelowReplenishmentLine(line, initial)).toBe(false);
      expect(isBelowReplenishmentLine(line - 1, initial)).toBe(true);
    }));
  });

  it('refuses amounts that are not whole fen', () => {
    expect(() => isBelowReplenishmentLine(1.5, 10)).toThrow(RangeError);
  });

  it('balanceRatioPct: one decimal, rounded down; null without an initial deposit', () => {
    expect(balanceRatioPct(30_000, 100_000)).toBe(30);
    expect(balanceRatioPct(29_999, 100_000)).toBe(29.9);
    expect(balanceRatioPct(1, 3)).toBe(33.3);
    expect(balanceRatioPct(5, 0)).toBeNull();
  });
});

describe('stage plans', () => {
  it('checkStagePlan: 1–5 positive whole basis points summing to 10000', () => {
    expect(checkStagePlan([...DEFAULT_STAGE_PLAN])).toBeNull();
    expect(checkStagePlan([10_000])).toBeNull();
    expect(checkStagePlan([2000, 2000, 2000, 2000, 2000])).toBeNull();
    expect(checkStagePlan([])).toMatch(/1 至 5 期/);
    expect(checkStagePlan([2000, 2000, 2000, 2000, 1000, 1000])).toMatch(/1 至 5 期/);
    expect(checkStagePlan([7000, 2999])).toMatch(/100%.*9999/);
    expect(checkStagePlan([7000, 3001])).toMatch(/10001/);
    expect(checkStagePlan([10_000, 0])).toMatch(/第 2 期/);
    expect(checkStagePlan([11_000, -1000])).toMatch(/第 2 期/);
    expect(checkStagePlan([6999.5, 3000.5])).toMatch(/第 1 期/);
    expect(checkStagePlan('7000,3000' as never)).not.toBeNull();
  });

  it('stageAmounts: 70/30 of an odd total, thirds, and a total of one fen', () => {
    expect(stageAmounts(100_001, [7000, 3000])).toEqual([70_001, 30_000]);
    expect(stageAmounts(100, [3333, 3333, 3334])).toEqual([33, 33, 34]);
    expect(stageAmounts(100, [3334, 3333, 3333])).toEqual([34, 33, 33]);
    expect(stageAmounts(1, [5000, 5000])).toEqual([1, 0]);
    expect(stageAmounts(0, [7000, 3000])).toEqual([0, 0]);
  });

  it('stageAmounts always sum exactly to the total, each within one fen of its exact part', () => {
    const plan = fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 5 }).map((ws) => {
      // scale positive weights to basis points summing to 10000, the remainder on the last stage
      const sum = ws.reduce((a, b) => a + b, 0);
      const bp = ws.map((w) => Math.max(1, Math.floor((w * 10_000) / sum)));
      bp[bp.length - 1]! += 10_000 - bp.reduce((a, b) => a + b, 0);
      return bp;
    }).filter((bp) => bp.every((b) => b > 0));
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), plan, (total, bp) => {
      expect(checkStagePlan(bp)).toBeNull();
      const amounts = stageAmounts(total, bp);
      expect(amounts.reduce((a, b) => a + BigInt(b), 0n)).toBe(BigInt(total));
      amounts.forEach((a, i) => {
        const diff = BigInt(a) * 10_000n - BigInt(total) * BigInt(bp[i]!);
        expect(diff < 10_000n && diff > -10_000n).toBe(true);
      });
    }));
  });

  it('stageAmounts refuses a bad plan or amount', () => {
    expect(() => stageAmounts(100, [7000, 2000])).toThrow(RangeError);
    expect(() => stageAmounts(-1, [10_000])).toThrow(RangeError);
    expect(() => stageAmounts(1.5, [10_000])).toThrow(RangeError);
  });
});
