import { describe, expect, it } from 'vitest';
import {
  CASE_RATING_LABELS, DUPLICATE_WINDOW_MS, averageCenti, caseLocationKey, isLikelyDuplicate, isValidRating, permille,
  type DuplicateCandidate,
} from '../../src/index.ts';

describe('caseLocationKey', () => {
  it('a unit, a building, a common area (trimmed, lower-cased) or the whole estate', () => {
    expect(caseLocationKey({ locationKind: 'unit', unitId: 12, buildingId: 3 })).toBe('unit:12');
    expect(caseLocationKey({ locationKind: 'building', buildingId: '3' })).toBe('building:3');
    expect(caseLocationKey({ locationKind: 'common_area', locationText: ' \u3000北门 Fire Lane\t' })).toBe('area:北门 fire lane');
    expect(caseLocationKey({ locationKind: 'estate', locationText: '随便' })).toBe('estate');
  });

  it('refuses a unit or building case without its id', () => {
    expect(() => caseLocationKey({ locationKind: 'unit', unitId: null })).toThrow(RangeError);
    expect(() => caseLocationKey({ locationKind: 'building' })).toThrow(RangeError);
  });
});

describe('isLikelyDuplicate: same estate, category and place, both running, created within 24 h INCLUSIVE', () => {
  const t0 = new Date('2026-11-20T02:00:00Z');
  const a: DuplicateCandidate = { id: 1, estateId: 7, category: 'common_repair', state: 'open', locationKind: 'common_area', locationText: '北门消防通道', createdAt: t0 };
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it('exactly 24 h apart is still a duplicate, either way round; 24 h + 1 ms is not', () => {
    const b = { ...a, id: 2, createdAt: at(DUPLICATE_WINDOW_MS) };
    expect(DUPLICATE_WINDOW_MS).toBe(24 * 3_600_000);
    expect(isLikelyDuplicate(a, b)).toBe(true);
    expect(isLikelyDuplicate(b, a)).toBe(true);
    expect(isLikelyDuplicate(a, { ...b, createdAt: at(DUPLICATE_WINDOW_MS + 1) })).toBe(false);
    expect(isLikelyDuplicate({ ...b, createdAt: at(-DUPLICATE_WINDOW_MS - 1) }, a)).toBe(false);
    expect(isLikelyDuplicate(a, { ...b, createdAt: at(-DUPLICATE_WINDOW_MS) })).toBe(true);
  });

  it('the same common area written differently, and an in-progress case, still match; a pg string id matches its number', () => {
    expect(isLikelyDuplicate(a, { ...a, id: 2, state: 'in_progress', estateId: '7', locationText: ' 北门消防通道 ' })).toBe(true);
  });

  it('not with itself, another estate, another category, another place or kind of place', () => {
    expect(isLikelyDuplicate(a, { ...a, id: '1' })).toBe(false);
    expect(isLikelyDuplicate(a, { ...a, id: 2, estateId: 8 })).toBe(false);
    expect(isLikelyDuplicate(a, { ...a, id: 2, category: 'cleaning' })).toBe(false);
    expect(isLikelyDuplicate(a, { ...a, id: 2, locationText: '南门' })).toBe(false);
    expect(isLikelyDuplicate(a, { ...a, id: 2, locationKind: 'estate' })).toBe(false);
    const u = { ...a, locationKind: 'unit' as const, unitId: 5 };
    expect(isLikelyDuplicate(u, { ...u, id: 2 })).toBe(true);
    expect(isLikelyDuplicate(u, { ...u, id: 2, unitId: 6 })).toBe(false);
  });

  it('not when either case is resolved, closed or merged', () => {
    for (const state of ['resolved', 'closed', 'merged'] as const) {
      expect(isLikelyDuplicate(a, { ...a, id: 2, state }), state).toBe(false);
      expect(isLikelyDuplicate({ ...a, id: 2, state }, a), state).toBe(false);
    }
  });
});

describe('figures', () => {
  it('permille rounds half up and is 0 for nothing counted', () => {
    expect(permille(1, 3)).toBe(333);
    expect(permille(2, 3)).toBe(667);
    expect(permille(1, 2000)).toBe(1); // 0.5‰ → 1
    expect(permille(1, 2001)).toBe(0);
    expect(permille(3, 3)).toBe(1000);
    expect(permille(0, 5)).toBe(0);
    expect(permille(0, 0)).toBe(0);
    expect(permille(7, 0)).toBe(0);
    expect(permille(2 ** 52, 2 ** 53 - 1)).toBe(500);
  });

  it('averageCenti is the average × 100 rounded half up, 0 for no ratings', () => {
    expect(averageCenti(14, 3)).toBe(467); // 4.666…
    expect(averageCenti(13, 3)).toBe(433); // 4.333…
    expect(averageCenti(1, 8)).toBe(13); // 0.125 → 12.5 → 13
    expect(averageCenti(9, 2)).toBe(450);
    expect(averageCenti(5, 1)).toBe(500);
    expect(averageCenti(0, 0)).toBe(0);
  });

  it('refuses negative or fractional counts', () => {
    expect(() => permille(-1, 3)).toThrow(RangeError);
    expect(() => permille(1, 2.5)).toThrow(RangeError);
    expect(() => averageCenti(4.5, 1)).toThrow(RangeError);
    expect(() => averageCenti(4, -1)).toThrow(RangeError);
  });
});

describe('isValidRating', () => {
  it('1 to 5 whole stars only', () => {
    for (const r of [1, 2, 3, 4, 5]) expect(isValidRating(r), String(r)).toBe(true);
    for (const r of [0, 6, 4.5, -1, Number.NaN, '5', null, undefined]) expect(isValidRating(r), String(r)).toBe(false);
    expect(Object.keys(CASE_RATING_LABELS)).toEqual(['1', '2', '3', '4', '5']);
  });
});
