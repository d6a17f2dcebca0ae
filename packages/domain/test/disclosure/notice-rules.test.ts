import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkPublicityPeriod, coverageBp, formatBp, NOTICE_KIND_LABELS, noticeActions, noticeStateLabel, remindAllowed, REMIND_INTERVAL_MS,
} from '../../src/disclosure/notice-rules.ts';

describe('notice rules', () => {
  it('labels kinds and shows a corrected published notice as 已更正, a withdrawn one as 已撤回', () => {
    expect(NOTICE_KIND_LABELS).toEqual({ notice: '通知', announcement: '公告', publicity: '公示' });
    expect(noticeStateLabel('published', null)).toBe('已发布');
    expect(noticeStateLabel('published', 12)).toBe('已更正');
    expect(noticeStateLabel('withdrawn', 12)).toBe('已撤回');
    expect(noticeStateLabel('draft', null)).toBe('草稿');
  });

  it('a publicity needs both dates, in order, at most 366 days; other kinds carry none', () => {
    expect(checkPublicityPeriod({ kind: 'publicity' })).toMatchObject({ field: 'publicityStart' });
    expect(checkPublicityPeriod({ kind: 'publicity', publicityStart: '2026-11-01' })).toMatchObject({ field: 'publicityEnd' });
    expect(checkPublicityPeriod({ kind: 'publicity', publicityStart: '2026-11-02', publicityEnd: '2026-11-01' })).toMatchObject({ field: 'publicityEnd' });
    expect(checkPublicityPeriod({ kind: 'publicity', publicityStart: '2026-11-01', publicityEnd: '2026-11-01' })).toBeNull();
    // 2028 is a leap year: 2028-01-01..2028-12-31 is 366 days (allowed), one more day is not
    expect(checkPublicityPeriod({ kind: 'publicity', publicityStart: '2028-01-01', publicityEnd: '2028-12-31' })).toBeNull();
    expect(checkPublicityPeriod({ kind: 'publicity', publicityStart: '2028-01-01', publicityEnd: '2029-01-01' })).toMatchObject({ field: 'publicityEnd' });
    expect(checkPublicityPeriod({ kind: 'notice', publicityStart: '2026-11-01' })).toMatchObject({ field: 'publicityStart' });
    expect(checkPublicityPeriod({ kind: 'announcement' })).toBeNull();
  });

  it('a draft publicity may lack a date, but not carry dates out of order', () => {
    expect(checkPublicityPeriod({ kind: 'publicity' }, { draft: true })).toBeNull();
    expect(checkPublicityPeriod({ kind: 'publicity', publicityStart: '2026-11-02' }, { draft: true })).toBeNull();
    expect(checkPublicityPeriod({ kind: 'publicity', publicityStart: '2026-11-02', publicityEnd: '2026-11-01' }, { draft: true })).toMatchObject({ field: 'publicityEnd' });
  });

  it('coverage is in basis points, rounded down, with integers only', () => {
    expect(coverageBp(0, 0)).toBe(0);
    expect(coverageBp(1, 3)).toBe(3333);
    expect(coverageBp(2, 3)).toBe(6666);
    expect(coverageBp(4999, 5000)).toBe(9998);
    expect(coverageBp(5000, 5000)).toBe(10_000);
    expect(formatBp(3333)).toBe('33.33%');
    expect(formatBp(10_000)).toBe('100.00%');
    expect(formatBp(5)).toBe('0.05%');
    expect(() => coverageBp(1.5, 3)).toThrow(RangeError);
  });

  it('coverage never exceeds 10000 and reaches it only when everyone read (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (n, k) => {
      const read = Math.min(k, n);
      const bp = coverageBp(read, n);
      expect(bp).toBeGreaterThanOrEqual(0);
      expect(bp).toBeLessThanOrEqual(10_000);
      expect(bp === 10_000).toBe(read === n);
      // rounded down: bp/10000 ≤ read/n < (bp+1)/10000
      expect(bp * n).toBeLessThanOrEqual(read * 10_000);
      expect((bp + 1) * n).toBeGreaterThan(read * 10_000);
    }));
  });

  it('a reminder may be sent again exactly 24 hours after the last', () => {
    const last = new Date('2026-11-01T08:00:00Z');
    expect(remindAllowed(null, last)).toBe(true);
    expect(remindAllowed(last, new Date(last.getTime() + REMIND_INTERVAL_MS - 1))).toBe(false);
    expect(remindAllowed(last, new Date(last.getTime() + REMIND_INTERVAL_MS))).toBe(true);
  });

  it('only the publisher kind that wrote a notice acts on it, by state; sourced notices are not withdrawn or corrected here', () => {
    const now = new Date('2026-11-02T08:00:00Z');
    const base = { publisherKind: 'company' as const, callerKind: 'company' as const, pinned: false, correctedById: null, sourced: false, lastRemindedAt: null, now };
    expect(noticeActions({ ...base, state: 'draft' })).toEqual(['edit', 'delete', 'publish']);
    expect(noticeActions({ ...base, state: 'published' })).toEqual(['withdraw', 'correct', 'pin', 'remind']);
    expect(noticeActions({ ...base, state: 'published', pinned: true, correctedById: 9, lastRemindedAt: new Date('2026-11-02T07:00:00Z') })).toEqual(['withdraw', 'unpin']);
    expect(noticeActions({ ...base, state: 'published', sourced: true })).toEqual(['pin', 'remind']);
    expect(noticeActions({ ...base, state: 'withdrawn' })).toEqual([]);
    expect(noticeActions({ ...base, state: 'published', callerKind: 'committee' })).toEqual([]);
    expect(noticeActions({ ...base, state: 'draft', callerKind: null })).toEqual([]);
  });
});
