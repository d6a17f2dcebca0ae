import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  caseDeadline, isWithinWorkingHours, isWorkingDay, shanghaiDate, workingDaysBetween, workingMinutesBetween, workingMinutesLeft,
} from '../../src/index.ts';

// Case deadlines run in working time: 09:00–18:00 Shanghai (UTC+8) on the mainland calendar's
// working days. 2026-11-20 is a Friday, 11-21/22 the weekend, 11-23 a Monday.

/** A Shanghai wall-clock time, e.g. sh('2026-11-20T17:30'). */
const sh = (local: string) => new Date(`${local.length === 16 ? `${local}:00` : local}+08:00`);
const hours = (start: string, n: number) => caseDeadline(sh(start), n, 'working_hours');
const days = (start: string, n: number) => caseDeadline(sh(start), n, 'working_days');

describe('isWithinWorkingHours', () => {
  it('09:00 opens and 18:00 closes, to the millisecond, on a Friday', () => {
    expect(isWithinWorkingHours(sh('2026-11-20T08:59:59.999'))).toBe(false);
    expect(isWithinWorkingHours(sh('2026-11-20T09:00'))).toBe(true);
    expect(isWithinWorkingHours(sh('2026-11-20T17:59:59.999'))).toBe(true);
    expect(isWithinWorkingHours(sh('2026-11-20T18:00'))).toBe(false);
  });

  it('Shanghai time, not UTC: 01:00Z is 09:00 in Shanghai and 10:00Z is 18:00', () => {
    expect(isWithinWorkingHours(new Date('2026-11-20T01:00:00Z'))).toBe(true);
    expect(isWithinWorkingHours(new Date('2026-11-20T00:59:59Z'))).toBe(false);
    expect(isWithinWorkingHours(new Date('2026-11-20T10:00:00Z'))).toBe(false);
    expect(shanghaiDate(new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-23'); // Monday 00:00 in Shanghai
    expect(shanghaiDate(new Date('2026-11-22T15:59:59.999Z'))).toBe('2026-11-22');
  });

  it('weekends and holidays are closed all day; the adjusted working Saturday 2026-10-10 and Sunday 2026-09-20 are open', () => {
    expect(isWithinWorkingHours(sh('2026-11-21T10:00'))).toBe(false); // Saturday
    expect(isWithinWorkingHours(sh('2026-11-22T10:00'))).toBe(false); // Sunday
    expect(isWithinWorkingHours(sh('2026-10-05T10:00'))).toBe(false); // 国庆节
    expect(isWithinWorkingHours(sh('2026-09-25T10:00'))).toBe(false); // 中秋节, a Friday
    expect(isWithinWorkingHours(sh('2026-10-10T10:00'))).toBe(true); // 调休 Saturday
    expect(isWithinWorkingHours(sh('2026-09-20T10:00'))).toBe(true); // 调休 Sunday
  });
});

describe('caseDeadline in working hours', () => {
  it('inside hours it simply adds: 09:00 + 1 h = 10:00, 09:00 + 9 h = 18:00 the same day, + 18 h = 18:00 the next day', () => {
    expect(hours('2026-11-23T09:00', 1)).toEqual(sh('2026-11-23T10:00'));
    expect(hours('2026-11-23T09:00', 9)).toEqual(sh('2026-11-23T18:00'));
    expect(hours('2026-11-23T09:00', 18)).toEqual(sh('2026-11-24T18:00'));
    expect(hours('2026-11-23T10:15:30.250', 2)).toEqual(sh('2026-11-23T12:15:30.250'));
  });

  it('before opening counts from 09:00: 08:59 + 1 h = 10:00; 00:00 + 1 h = 10:00', () => {
    expect(hours('2026-11-23T08:59', 1)).toEqual(sh('2026-11-23T10:00'));
    expect(hours('2026-11-23T00:00', 1)).toEqual(sh('2026-11-23T10:00'));
  });

  it('at the close: 17:59 + 1 h = 09:59 the next day; 18:00 + 1 h = 10:00 the next day; 17:00 + 1 h = 18:00 the same day', () => {
    expect(hours('2026-11-23T17:59', 1)).toEqual(sh('2026-11-24T09:59'));
    expect(hours('2026-11-23T18:00', 1)).toEqual(sh('2026-11-24T10:00'));
    expect(hours('2026-11-23T17:00', 1)).toEqual(sh('2026-11-23T18:00'));
  });

  it('a Friday: 17:30 + 1 working hour = Monday 09:30; 17:00 + 1 h = Friday 18:00, not Monday', () => {
    expect(hours('2026-11-20T17:30', 1)).toEqual(sh('2026-11-23T09:30'));
    expect(hours('2026-11-20T17:00', 1)).toEqual(sh('2026-11-20T18:00'));
    expect(hours('2026-11-20T18:00', 2)).toEqual(sh('2026-11-23T11:00'));
  });

  it('a start on Saturday or late Sunday counts from Monday 09:00', () => {
    expect(hours('2026-11-21T10:00', 2)).toEqual(sh('2026-11-23T11:00'));
    expect(hours('2026-11-22T23:30', 1)).toEqual(sh('2026-11-23T10:00'));
  });

  it('the fixed +8 h offset: Tuesday 07:00 in Shanghai is Monday 23:00 UTC, and the hours count from Tuesday 09:00', () => {
    const start = new Date('2026-11-23T23:00:00Z');
    expect(start).toEqual(sh('2026-11-24T07:00'));
    expect(caseDeadline(start, 1, 'working_hours')).toEqual(sh('2026-11-24T10:00'));
  });

  it('国庆节 2026 (10-01 to 10-07 off): Wednesday 09-30 17:00 + 2 h = Thursday 10-08 10:00', () => {
    expect(hours('2026-09-30T17:00', 2)).toEqual(sh('2026-10-08T10:00'));
    expect(hours('2026-10-03T11:00', 1)).toEqual(sh('2026-10-08T10:00')); // a start inside the holiday
  });

  it('the adjusted working days: Friday 10-09 17:30 + 1 h = Saturday 10-10 09:30; Saturday 09-19 + 1 h = Sunday 09-20 10:00', () => {
    expect(hours('2026-10-09T17:30', 1)).toEqual(sh('2026-10-10T09:30'));
    expect(hours('2026-09-19T10:00', 1)).toEqual(sh('2026-09-20T10:00'));
  });

  it('中秋节 2026 (09-25 to 09-27, Friday to Sunday): Thursday 09-24 17:00 + 2 h = Monday 09-28 10:00', () => {
    expect(hours('2026-09-24T17:00', 2)).toEqual(sh('2026-09-28T10:00'));
  });

  it('a year without calendar data (2027) falls back to Monday–Friday: 2027-10-01 (a Friday) is counted as working', () => {
    expect(isWorkingDay('2027-10-01')).toBe(true);
    expect(hours('2027-10-01T17:30', 1)).toEqual(sh('2027-10-04T09:30'));
    expect(isWithinWorkingHours(sh('2027-01-01T10:00'))).toBe(true); // 元旦 2027 not yet published
    expect(hours('2026-12-31T17:30', 1)).toEqual(sh('2027-01-01T09:30'));
  });

  it('refuses an amount that is not a whole number ≥ 1, an unknown unit and an invalid date', () => {
    for (const n of [0, -1, 1.5, Number.NaN]) expect(() => hours('2026-11-23T09:00', n), String(n)).toThrow(RangeError);
    expect(() => caseDeadline(sh('2026-11-23T09:00'), 1, 'hours' as never)).toThrow(RangeError);
    expect(() => caseDeadline(new Date('nope'), 1, 'working_hours')).toThrow(RangeError);
  });
});

describe('caseDeadline in working days', () => {
  it('due at 18:00 of the n-th working day after the start date, whatever the time of day', () => {
    expect(days('2026-11-23T10:00', 1)).toEqual(sh('2026-11-24T18:00'));
    expect(days('2026-11-23T08:00', 1)).toEqual(sh('2026-11-24T18:00'));
    expect(days('2026-11-23T23:30', 1)).toEqual(sh('2026-11-24T18:00'));
    expect(days('2026-11-23T00:00', 5)).toEqual(sh('2026-11-30T18:00'));
  });

  it('the start date is the Shanghai date: Monday 23:00 UTC is Tuesday, so + 1 = Wednesday 18:00', () => {
    expect(caseDeadline(new Date('2026-11-23T23:00:00Z'), 1, 'working_days')).toEqual(sh('2026-11-25T18:00'));
  });

  it('a Friday + 1 = Monday 18:00; + 3 (a department call) = Wednesday 18:00; a Saturday + 1 = Monday 18:00', () => {
    expect(days('2026-11-20T17:30', 1)).toEqual(sh('2026-11-23T18:00'));
    expect(days('2026-11-20T17:30', 3)).toEqual(sh('2026-11-25T18:00'));
    expect(days('2026-11-21T10:00', 1)).toEqual(sh('2026-11-23T18:00'));
  });

  it('国庆节 2026: 09-30 + 1 = 10-08; 10-09 + 1 = Saturday 10-10 (调休); 09-30 + 3 = 10-10', () => {
    expect(days('2026-09-30T10:00', 1)).toEqual(sh('2026-10-08T18:00'));
    expect(days('2026-10-09T10:00', 1)).toEqual(sh('2026-10-10T18:00'));
    expect(days('2026-09-30T10:00', 3)).toEqual(sh('2026-10-10T18:00'));
    expect(days('2026-10-01T10:00', 1)).toEqual(sh('2026-10-08T18:00')); // a start inside the holiday
  });

  it('2027 without data: Thursday 2027-09-30 + 1 = Friday 2027-10-01 (Mon–Fri fallback)', () => {
    expect(days('2027-09-30T10:00', 1)).toEqual(sh('2027-10-01T18:00'));
  });

  it('any start: the due moment is 18:00 Shanghai on a working day, n working days after the start date', () => {
    fc.assert(fc.property(
      fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 1) }), fc.integer({ min: 1, max: 30 }),
      (t, n) => {
        const start = new Date(t);
        const due = caseDeadline(start, n, 'working_days');
        expect((due.getTime() + 8 * 3_600_000) % 86_400_000).toBe(18 * 3_600_000);
        expect(isWorkingDay(shanghaiDate(due))).toBe(true);
        expect(workingDaysBetween(shanghaiDate(start), shanghaiDate(due))).toBe(n);
      },
    ), { numRuns: 300 });
  });
});

describe('working minutes: time left', () => {
  it('Friday 17:30 to Monday 09:30 holds 60 working minutes; the other way round -60', () => {
    expect(workingMinutesBetween(sh('2026-11-20T17:30'), sh('2026-11-23T09:30'))).toBe(60);
    expect(workingMinutesBetween(sh('2026-11-23T09:30'), sh('2026-11-20T17:30'))).toBe(-60);
    expect(workingMinutesBetween(sh('2026-09-30T09:00'), sh('2026-10-08T18:00'))).toBe(2 * 9 * 60); // the holiday counts nothing
  });

  it('left is 0 at the due moment and 30 s before it; -1 30 s after it; -60 one working hour after', () => {
    const due = sh('2026-11-23T10:00');
    expect(workingMinutesLeft(due, due)).toBe(0);
    expect(workingMinutesLeft(sh('2026-11-23T09:59:30'), due)).toBe(0);
    expect(workingMinutesLeft(sh('2026-11-23T10:00:30'), due)).toBe(-1);
    expect(workingMinutesLeft(sh('2026-11-23T11:00'), due)).toBe(-60);
    expect(workingMinutesLeft(sh('2026-11-23T08:00'), due)).toBe(60);
  });

  it('overdue only outside working hours is still negative: due Friday 18:00, now Saturday noon → -1; Monday 10:00 → -60', () => {
    const due = sh('2026-11-20T18:00');
    expect(workingMinutesLeft(sh('2026-11-21T12:00'), due)).toBe(-1);
    expect(workingMinutesLeft(sh('2026-11-23T09:00'), due)).toBe(-1);
    expect(workingMinutesLeft(sh('2026-11-23T10:00'), due)).toBe(-60);
  });

  it('any start: the working minutes from the start to an n-hour deadline are exactly 60n, and its last millisecond is inside hours', () => {
    fc.assert(fc.property(
      fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 1) }), fc.integer({ min: 1, max: 60 }),
      (t, n) => {
        const start = new Date(t);
        const due = caseDeadline(start, n, 'working_hours');
        expect(workingMinutesBetween(start, due)).toBe(60 * n);
        expect(workingMinutesLeft(start, due)).toBe(60 * n);
        expect(isWithinWorkingHours(new Date(due.getTime() - 1))).toBe(true);
        expect(due.getTime()).toBeGreaterThan(t);
      },
    ), { numRuns: 300 });
  });
});
