import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  REVENUE_CATEGORIES,
  REVENUE_CATEGORY_LABELS,
  checkClosing,
  netPerSquareMetre,
  isRevenueCategory,
  revenueTotals,
  signedRevenueAmount,
  unitSharesOfNet,
} from '../../src/index.ts';

// Common revenue (民法典 第282、283条): totals, the balance check at the exact boundary, and the
// unit shares of the net by area, negative nets included.

describe('revenue categories', () => {
  it('income and expense categories carry Chinese labels and do not cross', () => {
    expect(REVENUE_CATEGORIES.income.map((c) => c.category)).toEqual(['parking', 'advertising', 'venue', 'other_income']);
    expect(REVENUE_CATEGORY_LABELS.parking).toBe('停车');
    expect(REVENUE_CATEGORY_LABELS.maintenance).toBe('共用部位维修养护');
    expect(isRevenueCategory('income', 'parking')).toBe(true);
    expect(isRevenueCategory('expense', 'parking')).toBe(false);
    expect(isRevenueCategory('expense', 'tax')).toBe(true);
    expect(isRevenueCategory('income', 'nonsense')).toBe(false);
  });
});

describe('revenueTotals', () => {
  it('sums by direction and category; a reversal counts with the opposite sign', () => {
    const t = revenueTotals([
      { direction: 'income', category: 'parking', amountFen: 120_000 },
      { direction: 'income', category: 'advertising', amountFen: 30_001 },
      { direction: 'expense', category: 'tax', amountFen: 9_000 },
      { direction: 'income', category: 'parking', amountFen: 20_000 },
      { direction: 'income', category: 'parking', amountFen: 20_000, reversal: true },
    ]);
    expect(t).toMatchObject({ incomeFen: 150_001, expenseFen: 9_000, netFen: 141_001 });
    expect(t.byCategory.find((c) => c.category === 'parking')).toEqual({ direction: 'income', category: 'parking', label: '停车', amountFen: 120_000 });
    // every known category listed, zero included, income first
    expect(t.byCategory).toHaveLength(9);
    expect(t.byCategory[4]).toEqual({ direction: 'expense', category: 'maintenance', label: '共用部位维修养护', amountFen: 0 });
  });

  it('an empty period has zero totals', () => {
    expect(revenueTotals([])).toMatchObject({ incomeFen: 0, expenseFen: 0, netFen: 0 });
  });

  it('expenses above income give a negative net', () => {
    const t = revenueTotals([
      { direction: 'income', category: 'venue', amountFen: 100 },
      { direction: 'expense', category: 'maintenance', amountFen: 350 },
    ]);
    expect(t.netFen).toBe(-250);
  });
});

describe('checkClosing: exact boundaries', () => {
  const base = { openingFen: 50_000, incomeFen: 12_345, expenseFen: 2_345 };
  it('declared equal to opening + income − expense balances (difference 0)', () => {
    expect(checkClosing({ ...base, declaredClosingFen: 60_000 })).toEqual({ closingFen: 60_000, differenceFen: 0 });
  });
  it('one fen more than the books: difference +1', () => {
    expect(checkClosing({ ...base, declaredClosingFen: 60_001 })).toEqual({ closingFen: 60_000, differenceFen: 1 });
  });
  it('one fen less than the books: difference −1', () => {
    expect(checkClosing({ ...base, declaredClosingFen: 59_999 })).toEqual({ closingFen: 60_000, differenceFen: -1 });
  });
  it('a negative closing balance (expenses above opening + income) is computed, not clipped', () => {
    expect(checkClosing({ openingFen: 0, incomeFen: 0, expenseFen: 1, declaredClosingFen: -1 })).toEqual({ closingFen: -1, differenceFen: 0 });
  });
});

describe('unitSharesOfNet', () => {
  it('zero net: every unit 0', () => {
    expect(unitSharesOfNet(0, [{ id: 1, areaCenti: 8_000 }, { id: 2, areaCenti: 12_000 }]).map((s) => s.shareFen)).toEqual([0, 0]);
  });
  it('one unit takes the whole net, positive or negative', () => {
    expect(unitSharesOfNet(12_345, [{ id: 7, areaCenti: 9_000 }])).toEqual([{ id: 7, areaCenti: 9_000, shareFen: 12_345 }]);
    expect(unitSharesOfNet(-12_345, [{ id: 7, areaCenti: 9_000 }])).toEqual([{ id: 7, areaCenti: 9_000, shareFen: -12_345 }]);
  });
  it('equal areas with a remainder: the extra fen go to the earlier units', () => {
    const units = [1, 2, 3].map((id) => ({ id, areaCenti: 10_000 }));
    expect(unitSharesOfNet(100, units).map((s) => s.shareFen)).toEqual([34, 33, 33]);
    expect(unitSharesOfNet(101, units).map((s) => s.shareFen)).toEqual([34, 34, 33]);
  });
  it('a negative net gives negative shares summing exactly (the magnitude split, negated)', () => {
    const units = [1, 2, 3].map((id) => ({ id, areaCenti: 10_000 }));
    expect(unitSharesOfNet(-100, units).map((s) => s.shareFen)).toEqual([-34, -33, -33]);
  });
  it('a zero share of a negative net is 0, never -0', () => {
    const shares = unitSharesOfNet(-1, [{ id: 1, areaCenti: 100 }, { id: 2, areaCenti: 100 }]);
    expect(shares.map((s) => s.shareFen)).toEqual([-1, 0]);
    expect(Object.is(shares[1]!.shareFen, 0)).toBe(true);
  });
  it('by area: 60 m² and 90 m² split 1,000 fen as 400 / 600', () => {
    expect(unitSharesOfNet(1_000, [{ id: 1, areaCenti: 6_000 }, { id: 2, areaCenti: 9_000 }]).map((s) => s.shareFen)).toEqual([400, 600]);
  });

  const arb = fc.record({
    netFen: fc.oneof(fc.integer({ min: -1_000, max: 1_000 }), fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 })),
    areas: fc.array(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 10_000_000 })), { minLength: 1, maxLength: 60 }),
  });

  it('property: the shares always sum exactly to the net, each the sign of the net', () => {
    fc.assert(fc.property(arb, ({ netFen, areas }) => {
      const shares = unitSharesOfNet(netFen, areas.map((areaCenti, id) => ({ id, areaCenti })));
      expect(shares.reduce((a, s) => a + s.shareFen, 0)).toBe(netFen);
      for (const s of shares) expect(netFen >= 0 ? s.shareFen >= 0 : s.shareFen <= 0).toBe(true);
    }));
  });

  it('property: |share − net·area/ΣA| < 1 fen for every unit', () => {
    fc.assert(fc.property(arb, ({ netFen, areas }) => {
      const S = BigInt(areas.reduce((a, b) => a + b, 0));
      unitSharesOfNet(netFen, areas.map((areaCenti, id) => ({ id, areaCenti }))).forEach((s, i) => {
        const diff = BigInt(s.shareFen) * S - BigInt(netFen) * BigInt(areas[i]!);
        expect(diff < S && diff > -S).toBe(true);
      });
    }));
  });
});

describe('netPerSquareMetre', () => {
  it('yuan per m² to 4 decimals, half away from zero', () => {
    // 1,000 fen over 150 m² = 0.06666… yuan/m²
    expect(netPerSquareMetre(1_000, 15_000)).toBe('0.0667');
    expect(netPerSquareMetre(-1_000, 15_000)).toBe('-0.0667');
    // exactly half a ten-thousandth: 1 fen over 200 m² = 0.00005
    expect(netPerSquareMetre(1, 20_000)).toBe('0.0001');
    expect(netPerSquareMetre(0, 20_000)).toBe('0.0000');
    expect(netPerSquareMetre(-1, 30_000)).toBe('0.0000');
    expect(netPerSquareMetre(5, 0)).toBe('0.0000');
    expect(netPerSquareMetre(123_456_789, 100)).toBe('1234567.8900');
  });
});

describe('signedRevenueAmount', () => {
  it('income adds, expense subtracts, a reversal undoes what it reverses; the signs sum to the net', () => {
    expect(signedRevenueAmount({ direction: 'income', amountFen: 500 })).toBe(500);
    expect(signedRevenueAmount({ direction: 'expense', amountFen: 300 })).toBe(-300);
    expect(signedRevenueAmount({ direction: 'income', amountFen: 500, reversal: true })).toBe(-500);
    expect(signedRevenueAmount({ direction: 'expense', amountFen: 300, reversal: true })).toBe(300);
    const entries = [
      { direction: 'income', category: 'parking', amountFen: 12_345 },
      { direction: 'expense', category: 'tax', amountFen: 678 },
      { direction: 'income', category: 'parking', amountFen: 45, reversal: true },
    ] as const;
    expect(entries.reduce((a, e) => a + signedRevenueAmount(e), 0)).toBe(revenueTotals(entries).netFen);
  });
});
