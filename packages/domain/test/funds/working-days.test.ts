import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, CN_HOLIDAYS, isWorkingDay, workingCalendar, workingDaysBetween } from '../../src/index.ts';

// Review deadlines count working days (issue 4): the State Council's holidays are off, its adjusted
// weekends (调休) are working days, and a year without a notice falls back to Mon–Fri, flagged.

const dow = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();

describe('the holiday data', () => {
  it('every adjusted working day is a Saturday or Sunday and every holiday period runs forwards inside its year', () => {
    for (const [year, data] of Object.entries(CN_HOLIDAYS)) {
      for (const p of data.periods) {
        expect(p.from <= p.to, `${p.name} ${p.from}`).toBe(true);
        expect(p.from.startsWith(year) && p.to.startsWith(year)).toBe(true);
        for (const w of p.workdays) {
          expect([0, 6], `${w}`).toContain(dow(w));
          expect(w.startsWith(year)).toBe(true);
        }
      }
    }
  });

  it('2026 as published on 2025-11-04: 33 days off and 6 adjusted working weekends', () => {
    const cal = workingCalendar(2026);
    expect(cal.known).toBe(true);
    expect(cal.holidays).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(cal.workdays.map((d) => d.date)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(cal.holidays.find((d) => d.date === '2026-02-17')?.name).toBe('春节');
  });

  it('2025: 28 days off and 5 adjusted working weekends; 2027 is not known', () => {
    const cal = workingCalendar(2025);
    expect(cal.holidays).toHaveLength(1 + 8 + 3 + 5 + 3 + 8);
    expect(cal.workdays.map((d) => d.date)).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    expect(workingCalendar(2027)).toMatchObject({ known: false, source: null, holidays: [], workdays: [] });
  });
});

describe('isWorkingDay', () => {
  it('春节 2026: the Saturday before and the Saturday after are working days, the nine days between are not', () => {
    expect(isWorkingDay('2026-02-13')).toBe(true); // Friday
    expect(isWorkingDay('2026-02-14')).toBe(true); // Saturday, 调休
    for (let d = 15; d <= 23; d++) expect(isWorkingDay(`2026-02-${d}`), `02-${d}`).toBe(false);
    expect(isWorkingDay('2026-02-24')).toBe(true); // Tuesday
    expect(isWorkingDay('2026-02-28')).toBe(true); // Saturday, 调休
    expect(isWorkingDay('2026-03-01')).toBe(false); // an ordinary Sunday
    expect(isWorkingDay('2026-03-07')).toBe(false); // an ordinary Saturday
  });

  it('the other 2026 adjustments: 1月4日 (Sun), 5月9日 (Sat), 9月20日 (Sun), 10月10日 (Sat) work; 10月8日 (Thu) is an ordinary day', () => {
    for (const d of ['2026-01-04', '2026-05-09', '2026-09-20', '2026-10-10', '2026-10-08']) expect(isWorkingDay(d), d).toBe(true);
    for (const d of ['2026-01-02', '2026-04-06', '2026-05-05', '2026-06-19', '2026-09-25', '2026-10-07']) expect(isWorkingDay(d), d).toBe(false);
  });

  it('2025: 春节 1/28–2/4 off with 1/26 and 2/8 working, 4/27 working, 国庆中秋 through 10/8 with 9/28 and 10/11 working', () => {
    for (const d of ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11', '2025-02-05']) expect(isWorkingDay(d), d).toBe(true);
    for (const d of ['2025-01-01', '2025-01-28', '2025-02-04', '2025-04-04', '2025-05-05', '2025-06-02', '2025-10-08']) expect(isWorkingDay(d), d).toBe(false);
  });

  it('a year without data: Monday–Friday only', () => {
    expect(isWorkingDay('2027-01-01')).toBe(true); // a Friday; its notice is not in the data
    expect(isWorkingDay('2027-01-02')).toBe(false);
  });

  it('refuses what is not a calendar date', () => {
    for (const d of ['2026-02-30', '2026-2-3', '20260203', '', '2026-13-01']) expect(() => isWorkingDay(d), d).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it('5 working days from the Friday before 春节 2026 skip the holiday but count the 调休 Saturday', () => {
    expect(addWorkingDays('2026-02-13', 1)).toEqual({ date: '2026-02-14', calendarKnown: true });
    expect(addWorkingDays('2026-02-13', 2)).toEqual({ date: '2026-02-24', calendarKnown: true });
    expect(addWorkingDays('2026-02-13', 5)).toEqual({ date: '2026-02-27', calendarKnown: true });
    expect(addWorkingDays('2026-02-13', 6)).toEqual({ date: '2026-02-28', calendarKnown: true });
    expect(addWorkingDays('2026-02-13', 7)).toEqual({ date: '2026-03-02', calendarKnown: true });
  });

  it('a deadline started during the holiday counts from its end', () => {
    expect(addWorkingDays('2026-02-16', 1).date).toBe('2026-02-24');
    expect(addWorkingDays('2026-02-16', 5).date).toBe('2026-02-28');
  });

  it('春节 2025 (the Sunday before works) and 国庆中秋 2025 (eight days off)', () => {
    expect(addWorkingDays('2025-01-24', 5).date).toBe('2025-02-07');
    expect(addWorkingDays('2025-01-24', 6).date).toBe('2025-02-08');
    expect(addWorkingDays('2025-09-26', 5).date).toBe('2025-10-10');
    expect(addWorkingDays('2025-09-26', 6).date).toBe('2025-10-11');
  });

  it('across the new year 2025 → 2026: 1月1日–3日 off, Sunday 1月4日 is the first working day', () => {
    expect(addWorkingDays('2025-12-31', 1)).toEqual({ date: '2026-01-04', calendarKnown: true });
  });

  it('n = 0 gives the start back, even on a holiday', () => {
    expect(addWorkingDays('2026-02-17', 0)).toEqual({ date: '2026-02-17', calendarKnown: true });
  });

  it('a year without data falls back to Mon–Fri and says calendarKnown: false, also when the count only runs into it', () => {
    expect(addWorkingDays('2027-03-05', 5)).toEqual({ date: '2027-03-12', calendarKnown: false });
    expect(addWorkingDays('2026-12-30', 5)).toEqual({ date: '2027-01-06', calendarKnown: false });
    expect(addWorkingDays('2026-12-28', 3)).toEqual({ date: '2026-12-31', calendarKnown: true });
    expect(addWorkingDays('2024-12-30', 2)).toEqual({ date: '2025-01-02', calendarKnown: false });
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays('2026-02-13', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-02-13', 1.5)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts (from, to]: the start day is not counted, the end day is', () => {
    expect(workingDaysBetween('2026-02-13', '2026-02-13')).toBe(0);
    expect(workingDaysBetween('2026-02-13', '2026-02-14')).toBe(1);
    expect(workingDaysBetween('2026-02-13', '2026-02-23')).toBe(1);
    expect(workingDaysBetween('2026-02-13', '2026-02-28')).toBe(6);
    // 261 weekdays in 2026, 19 of them holidays (元旦 2, 春节 6, 清明 1, 劳动节 3, 端午 1, 中秋 1, 国庆 5),
    // plus 6 adjusted weekends; 1月1日 itself (excluded) is a holiday anyway
    expect(workingDaysBetween('2026-01-01', '2026-12-31')).toBe(261 - 19 + 6);
    expect(workingDaysBetween('2024-12-31', '2025-12-31')).toBe(261 - 18 + 5); // 2025: 元旦 1, 春节 6, 清明 1, 劳动节 3, 端午 1, 国庆中秋 6
  });

  it('is negative when the end lies before the start (an overdue deadline)', () => {
    expect(workingDaysBetween('2026-02-28', '2026-02-13')).toBe(-6);
    expect(workingDaysBetween('2026-02-24', '2026-02-23')).toBe(-1);
  });

  it('inverts addWorkingDays for any start and count in 2025–2026', () => {
    const day = fc.integer({ min: 0, max: 700 }).map((k) => new Date(Date.UTC(2025, 0, 1) + k * 86_400_000).toISOString().slice(0, 10));
    fc.assert(fc.property(day, fc.integer({ min: 0, max: 30 }), (start, n) => {
      const { date } = addWorkingDays(start, n);
      expect(workingDaysBetween(start, date)).toBe(n);
      if (n > 0) expect(isWorkingDay(date)).toBe(true);
    }));
  });
});
