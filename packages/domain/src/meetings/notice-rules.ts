// Notice period, voting window and objection period: pure date checks. Dates are calendar
// dates 'YYYY-MM-DD' (the estate's local date, decided by the caller); instants are epoch ms.
import type { RuleProfileId } from '../tally/types.ts';

export interface MeetingProfileRules {
  /** Minimum days between publishing the notice and voting opening. */
  noticeDays: number;
  /** Shorter minimum for an extraordinary meeting (临时会议), or null if the profile allows none. */
  extraordinaryNoticeDays: number | null;
  /** Days after the result is published during which owners may object. */
  objectionPeriodDays: number;
  /** Voting window length limits in days, where the profile has them (杭州 第20条: 5–60). */
  votingWindowDays: { min: number; max: number } | null;
}

/**
 * 物业管理条例 第14条 (RULES-DIGEST item 22): 「召开业主大会会议，应当于会议召开15日以前通知全体业主」
 * — 15 days in every required profile. None of the three profiles' texts in the digest allows a
 * shorter extraordinary notice (杭州 第19条 does: 7 days; a profile for it would set 7 here).
 * Objection period: the digest gives no statutory 异议期 (SPC 第12条's one-year revocation window
 * is a court deadline, not this one). Platform default 15 days, after 清远 第17条 (results
 * posted for comment 15 days or more); an estate's 议事规则 may configure it.
 */
const NATIONAL: MeetingProfileRules = { noticeDays: 15, extraordinaryNoticeDays: null, objectionPeriodDays: 15, votingWindowDays: null };

export const MEETING_PROFILE_RULES: Readonly<Record<RuleProfileId, MeetingProfileRules>> = {
  'civil-code-2021': NATIONAL,
  // 上海 第15条 repeats 15 days for the first meeting's notice.
  'shanghai-2020': NATIONAL,
  'ningbo-2021': NATIONAL,
};

export interface MeetingDateProblem { field: string; message: string }
export type NoticeCheck =
  | { ok: true; requiredDays: number; givenDays: number }
  | { ok: false; field: string; message: string; requiredDays: number | null; givenDays: number | null };

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a valid 'YYYY-MM-DD', else null (rejects 2026-02-30). */
export function parseCalendarDay(s: unknown): number | null {
  if (typeof s !== 'string') return null;
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

export function formatCalendarDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' plus n calendar days. Throws on a malformed date (a programming error here). */
export function addCalendarDays(date: string, n: number): string {
  const d = parseCalendarDay(date);
  if (d === null) throw new RangeError(`not a date: ${date}`);
  return formatCalendarDay(d + n);
}

/**
 * Counting rule: 民法典 第201条 — a period in days starts the day after the starting event
 * (「开始的当日不计入，自下一日开始计算」; the 总则 text is not in shared/law, cited from memory).
 * So the publication day is not counted and the given days are the plain calendar difference:
 * published 01-01, voting opens 01-16 → 15 days → meets a 15-day minimum; 01-15 → 14 → refused.
 */
export function checkNoticePeriod(opts: {
  noticePublishedOn: string;
  votingOpensOn: string;
  profileRules: MeetingProfileRules;
  extraordinary?: boolean;
}): NoticeCheck {
  const pub = parseCalendarDay(opts.noticePublishedOn);
  if (pub === null) return { ok: false, field: 'noticePublishedOn', message: '公告发布日期格式应为 YYYY-MM-DD', requiredDays: null, givenDays: null };
  const open = parseCalendarDay(opts.votingOpensOn);
  if (open === null) return { ok: false, field: 'votingOpensOn', message: '投票开始日期格式应为 YYYY-MM-DD', requiredDays: null, givenDays: null };
  const rules = opts.profileRules;
  const shortened = opts.extraordinary === true && rules.extraordinaryNoticeDays !== null;
  const requiredDays = shortened ? (rules.extraordinaryNoticeDays as number) : rules.noticeDays;
  const givenDays = open - pub;
  if (givenDays >= requiredDays) return { ok: true, requiredDays, givenDays };
  const kind = shortened ? '临时会议' : opts.extraordinary ? '临时会议（本议事规则不允许缩短公告期）' : '业主大会会议';
  return {
    ok: false, field: 'votingOpensOn', requiredDays, givenDays,
    message: `${kind}公告须至少提前 ${requiredDays} 日发布（发布当日不计入），当前仅提前 ${givenDays} 日`,
  };
}

/** The window must close after it opens, and keep to the profile's length limits if any. */
export function checkVotingWindow(opts: { opensAt: number; closesAt: number; profileRules: MeetingProfileRules }): MeetingDateProblem[] {
  const { opensAt, closesAt } = opts;
  if (!Number.isFinite(opensAt)) return [{ field: 'votingOpensAt', message: '投票开始时间无效' }];
  if (!Number.isFinite(closesAt)) return [{ field: 'votingClosesAt', message: '投票截止时间无效' }];
  if (closesAt <= opensAt) return [{ field: 'votingClosesAt', message: '投票截止时间必须晚于开始时间' }];
  const limits = opts.profileRules.votingWindowDays;
  if (limits) {
    const days = (closesAt - opensAt) / DAY_MS;
    if (days < limits.min) return [{ field: 'votingClosesAt', message: `投票期限不得少于 ${limits.min} 日` }];
    if (days > limits.max) return [{ field: 'votingClosesAt', message: `投票期限不得超过 ${limits.max} 日` }];
  }
  return [];
}

/**
 * The last day of the objection period (inclusive), counted like the notice: the publication
 * day is not counted, so published 03-01 with 15 days ends on 03-16; `finalise` may run from
 * the start of the following day (the server turns that date into an instant in local time).
 */
export function objectionPeriodEndsOn(resultPublishedOn: string, profileRules: MeetingProfileRules): string {
  return addCalendarDays(resultPublishedOn, profileRules.objectionPeriodDays);
}
