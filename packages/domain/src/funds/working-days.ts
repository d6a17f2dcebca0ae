import { CN_HOLIDAYS } from './cn-holidays.ts';

// Working days under the mainland calendar (cn-holidays.ts): Monday–Friday, minus the days off of
// the State Council's notice, plus its adjusted working weekends (调休). Dates are plain calendar
// dates (YYYY-MM-DD, in Asia/Shanghai by convention); the arithmetic runs on UTC midnights so no
// time zone or DST can shift a day.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

interface DayInfo { off: Map<string, string>; work: Map<string, string> }
const byYear = new Map<number, DayInfo>();

function yearInfo(year: number): DayInfo | null {
  const data = CN_HOLIDAYS[year];
  if (!data) return null;
  let info = byYear.get(year);
  if (!info) {
    info = { off: new Map(), work: new Map() };
    for (const p of data.periods) {
      for (let t = toEpoch(p.from); t <= toEpoch(p.to); t += DAY_MS) info.off.set(fromEpoch(t), p.name);
      for (const w of p.workdays) info.work.set(w, p.name);
    }
    byYear.set(year, info);
  }
  return info;
}

function toEpoch(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // 2026-02-30 would roll over into March: refuse it instead
  if (fromEpoch(t) !== date) throw new RangeError(`not a calendar date: ${date}`);
  return t;
}

function fromEpoch(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** Whether the year's holiday notice is in cn-holidays.ts. */
export function isCalendarKnown(year: number): boolean {
  return CN_HOLIDAYS[year] !== undefined;
}

/** true for a working day: a weekday that is not a holiday, or an adjusted working weekend. */
export function isWorkingDay(date: string): boolean {
  const t = toEpoch(date);
  const info = yearInfo(Number(date.slice(0, 4)));
  if (info?.work.has(date)) return true;
  if (info?.off.has(date)) return false;
  const dow = new Date(t).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** The date `n` working days after `start` (start itself not counted; n = 0 gives start back).
 *  calendarKnown is false when any year from start to the result has no holiday data. */
export function addWorkingDays(start: string, n: number): { date: string; calendarKnown: boolean } {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
  let t = toEpoch(start);
  let known = isCalendarKnown(Number(start.slice(0, 4)));
  for (let left = n; left > 0;) {
    t += DAY_MS;
    const d = fromEpoch(t);
    if (d.endsWith('-01-01')) known &&= isCalendarKnown(Number(d.slice(0, 4)));
    if (isWorkingDay(d)) left--;
  }
  return { date: fromEpoch(t), calendarKnown: known };
}

/** Working days in (from, to]: 0 when to = from; negative (the count in (to, from]) when to is
 *  before from, so "days left" goes below zero once a deadline has passed. */
export function workingDaysBetween(from: string, to: string): number {
  const a = toEpoch(from);
  const b = toEpoch(to);
  if (b < a) return -workingDaysBetween(to, from);
  let count = 0;
  for (let t = a + DAY_MS; t <= b; t += DAY_MS) if (isWorkingDay(fromEpoch(t))) count++;
  return count;
}

export interface CalendarDay { date: string; name: string }

/** A year's calendar for display: its days off and adjusted working weekends, with the holiday's
 *  name, and whether the year's notice is known at all. */
export function workingCalendar(year: number): { year: number; known: boolean; source: string | null; holidays: CalendarDay[]; workdays: CalendarDay[] } {
  const info = yearInfo(year);
  const list = (m: Map<string, string> | undefined) => [...(m ?? new Map<string, string>())].map(([date, name]) => ({ date, name })).sort((x, y) => x.date.localeCompare(y.date));
  return { year, known: info !== null, source: CN_HOLIDAYS[year]?.source ?? null, holidays: list(info?.off), workdays: list(info?.work) };
}
