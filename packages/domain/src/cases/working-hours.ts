import { addWorkingDays, isWorkingDay } from '../funds/working-days.ts';

// Case deadlines (issue 6) run in working time: 09:00–18:00 Asia/Shanghai (9 working hours a day)
// on the working days of the mainland calendar (funds/working-days.ts: Mon–Fri minus the State
// Council's days off plus its adjusted working weekends). Shanghai has had no daylight saving
// since 1991, so local time is UTC + 8 h exactly: all arithmetic runs on UTC milliseconds shifted
// by a fixed offset, never through the host's time zone. A year missing from cn-holidays.ts falls
// back to Monday–Friday (as isWorkingDay does), so such a deadline ignores that year's holidays.

export const CASE_DEADLINE_UNITS = ['working_hours', 'working_days'] as const;
export type CaseDeadlineUnit = (typeof CASE_DEADLINE_UNITS)[number];
export const CASE_DEADLINE_UNIT_LABELS: Record<CaseDeadlineUnit, string> = { working_hours: '个工作小时', working_days: '个工作日' };

const OFFSET_MS = 8 * 3_600_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const OPEN_MS = 9 * HOUR_MS;
const CLOSE_MS = 18 * HOUR_MS;
/** Working time a working day holds: 9 hours. */
export const WORKING_DAY_MINUTES = 9 * 60;

function utcMs(d: Date): number {
  const t = d.getTime();
  if (!Number.isFinite(t)) throw new RangeError('not a valid date');
  return t;
}

/** Local (Shanghai) midnight of the day holding `t`, in UTC ms. */
function localDayStart(t: number): number {
  const local = t + OFFSET_MS;
  return local - (((local % DAY_MS) + DAY_MS) % DAY_MS) - OFFSET_MS;
}

/** The local calendar date (YYYY-MM-DD) of a local midnight given in UTC ms. */
function localDate(dayStart: number): string {
  return new Date(dayStart + OFFSET_MS).toISOString().slice(0, 10);
}

/** The Shanghai calendar date of an instant, YYYY-MM-DD. */
export function shanghaiDate(at: Date): string {
  return localDate(localDayStart(utcMs(at)));
}

/** Inside working hours: a working day, 09:00 inclusive to 18:00 exclusive, Shanghai time. */
export function isWithinWorkingHours(at: Date): boolean {
  const t = utcMs(at);
  const day = localDayStart(t);
  return isWorkingDay(localDate(day)) && t >= day + OPEN_MS && t < day + CLOSE_MS;
}

/** The first moment at or after `t` that lies inside working hours (t itself when it does). */
function nextWorkingMoment(t: number): number {
  let day = localDayStart(t);
  if (t >= day + CLOSE_MS) day += DAY_MS; // 18:00 sharp is closed: the next day's opening
  else if (isWorkingDay(localDate(day))) return Math.max(t, day + OPEN_MS);
  while (!isWorkingDay(localDate(day))) day += DAY_MS;
  return day + OPEN_MS;
}

/**
 * When a rule of `amount` working hours or days started at `start` falls due.
 * - working_hours: counted inside working hours only; a start outside them (before 09:00, from
 *   18:00, a weekend or a holiday) counts from the next opening. Due exactly at 18:00 when the
 *   hours run out at the close (Friday 17:00 + 1 h = Friday 18:00, not Monday 09:00).
 * - working_days: due at 18:00 of the `amount`-th working day after the start's Shanghai date,
 *   whatever the time of day or kind of day the start is (Saturday + 1 = Monday 18:00).
 * amount: a whole number ≥ 1 (the rules tables allow 1–1000).
 */
export function caseDeadline(start: Date, amount: number, unit: CaseDeadlineUnit): Date {
  const t = utcMs(start);
  if (!Number.isSafeInteger(amount) || amount < 1) throw new RangeError(`deadline amount must be a whole number ≥ 1: ${amount}`);
  if (unit === 'working_days') {
    const { date } = addWorkingDays(shanghaiDate(start), amount);
    return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS + CLOSE_MS);
  }
  if (unit !== 'working_hours') throw new RangeError(`unknown deadline unit: ${String(unit)}`);
  let left = amount * HOUR_MS;
  let cursor = nextWorkingMoment(t);
  for (;;) {
    const close = localDayStart(cursor) + CLOSE_MS;
    if (left <= close - cursor) return new Date(cursor + left);
    left -= close - cursor;
    cursor = nextWorkingMoment(close);
  }
}

/** Working milliseconds in [a, b] for a ≤ b. */
function workingMsBetween(a: number, b: number): number {
  let total = 0;
  for (let day = localDayStart(a); day <= b; day += DAY_MS) {
    if (!isWorkingDay(localDate(day))) continue;
    const from = Math.max(a, day + OPEN_MS);
    const to = Math.min(b, day + CLOSE_MS);
    if (to > from) total += to - from;
  }
  return total;
}

/**
 * Working minutes from `from` to `to`, signed: negative when `to` is before `from`. Partial minutes
 * are dropped toward minus infinity (Math.floor), so 30 working seconds ahead is 0 and 30 behind is -1.
 */
export function workingMinutesBetween(from: Date, to: Date): number {
  const a = utcMs(from);
  const b = utcMs(to);
  return b >= a ? Math.floor(workingMsBetween(a, b) / 60_000) : -Math.ceil(workingMsBetween(b, a) / 60_000);
}

/**
 * "Time left" until a deadline in working minutes, for queues and the owner's timeline. 0 or more
 * while `now` ≤ `due` (the due moment itself is still on time); negative once `now` is past `due` —
 * at least -1 even when the whole overdue stretch fell outside working hours (due Friday 18:00,
 * now Saturday noon), so the sign alone tells a display whether the case is overdue.
 */
export function workingMinutesLeft(now: Date, due: Date): number {
  const n = utcMs(now);
  const d = utcMs(due);
  if (n <= d) return workingMinutesBetween(now, due);
  return Math.min(-1, workingMinutesBetween(now, due));
}
