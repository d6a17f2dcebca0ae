import { describe, expect, it } from 'vitest';
import { filingDueOn, lastCompletePeriodKey, periodBounds, periodKeyOf, periodKindOfKey, periodLabel, previousPeriodKey } from '../../src/disclosure/periods.ts';

describe('disclosure periods', () => {
  it('finds the period of a date at its edges', () => {
    expect(periodKeyOf('quarter', '2026-03-31')).toBe('2026-Q1');
    expect(periodKeyOf('quarter', '2026-04-01')).toBe('2026-Q2');
    expect(periodKeyOf('half_year', '2026-06-30')).toBe('2026-H1');
    expect(periodKeyOf('half_year', '2026-07-01')).toBe('2026-H2');
    expect(periodKeyOf('month', '2026-12-31')).toBe('2026-12');
  });
  it('bounds a period, leap February included', () => {
    expect(periodBounds('month', '2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(periodBounds('month', '2026-02')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(periodBounds('quarter', '2026-Q4')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(periodBounds('half_year', '2026-H1')).toEqual({ start: '2026-01-01', end: '2026-06-30' });
    expect(periodBounds('quarter', '2026-Q5')).toBeNull();
    expect(periodBounds('month', '2026-Q1')).toBeNull();
  });
  it('steps back across a year', () => {
    expect(previousPeriodKey('quarter', '2026-Q1')).toBe('2025-Q4');
    expect(previousPeriodKey('month', '2026-01')).toBe('2025-12');
    expect(previousPeriodKey('half_year', '2026-H1')).toBe('2025-H2');
    expect(lastCompletePeriodKey('quarter', '2026-11-22')).toBe('2026-Q3');
  });
  it('counts the due date in calendar days after the period', () => {
    expect(filingDueOn('2026-09-30', 30)).toBe('2026-10-30');
    expect(filingDueOn('2026-12-31', 1)).toBe('2027-01-01');
  });
  it('names periods in Chinese and knows their kind', () => {
    expect(periodLabel('2026-Q3')).toBe('2026年第三季度');
    expect(periodLabel('2026-10')).toBe('2026年10月');
    expect(periodLabel('2026-H2')).toBe('2026年下半年');
    expect(periodKindOfKey('2026-H2')).toBe('half_year');
    expect(periodKindOfKey('2026-13')).toBeNull();
  });
});
