import { describe, expect, it } from 'vitest';
import {
  MEETING_PROFILE_RULES, addCalendarDays, checkNoticePeriod, checkVotingWindow, objectionPeriodEndsOn, parseCalendarDay,
  type MeetingProfileRules,
} from '../../src/index.ts';

const national = MEETING_PROFILE_RULES['civil-code-2021'];
// A profile that allows shorter extraordinary notice, as 杭州 第19条 does (7 days), with 杭州 第20条's 5–60-day window.
const hangzhouLike: MeetingProfileRules = { noticeDays: 15, extraordinaryNoticeDays: 7, objectionPeriodDays: 15, votingWindowDays: { min: 5, max: 60 } };
const DAY = 86_400_000;

describe('notice period', () => {
  it('every required profile asks 15 days and allows no shorter extraordinary notice', () => {
    for (const r of Object.values(MEETING_PROFILE_RULES)) {
      expect(r.noticeDays).toBe(15);
      expect(r.extraordinaryNoticeDays).toBeNull();
    }
  });

  it('exactly 15 days passes (publication day not counted)', () => {
    expect(checkNoticePeriod({ noticePublishedOn: '2026-01-01', votingOpensOn: '2026-01-16', profileRules: national }))
      .toEqual({ ok: true, requiredDays: 15, givenDays: 15 });
  });

  it('14 days fails, naming the field and the days required vs given', () => {
    const r = checkNoticePeriod({ noticePublishedOn: '2026-01-01', votingOpensOn: '2026-01-15', profileRules: national });
    expect(r).toMatchObject({ ok: false, field: 'votingOpensOn', requiredDays: 15, givenDays: 14 });
    expect(!r.ok && r.message).toContain('15');
    expect(!r.ok && r.message).toContain('14');
  });

  it('counts across month ends and leap days by the calendar', () => {
    expect(checkNoticePeriod({ noticePublishedOn: '2028-02-14', votingOpensOn: '2028-02-29', profileRules: national })).toMatchObject({ ok: true, givenDays: 15 });
    expect(checkNoticePeriod({ noticePublishedOn: '2027-02-14', votingOpensOn: '2027-03-01', profileRules: national })).toMatchObject({ ok: true, givenDays: 15 });
    expect(checkNoticePeriod({ noticePublishedOn: '2026-12-20', votingOpensOn: '2027-01-03', profileRules: national })).toMatchObject({ ok: false, givenDays: 14 });
  });

  it('extraordinary: a profile without a shorter minimum still requires 15 days', () => {
    const r = checkNoticePeriod({ noticePublishedOn: '2026-01-01', votingOpensOn: '2026-01-08', profileRules: national, extraordinary: true });
    expect(r).toMatchObject({ ok: false, requiredDays: 15, givenDays: 7 });
    expect(!r.ok && r.message).toContain('不允许缩短');
  });

  it('extraordinary: a profile that allows it has its own minimum (7 passes, 6 fails)', () => {
    expect(checkNoticePeriod({ noticePublishedOn: '2026-01-01', votingOpensOn: '2026-01-08', profileRules: hangzhouLike, extraordinary: true }))
      .toEqual({ ok: true, requiredDays: 7, givenDays: 7 });
    expect(checkNoticePeriod({ noticePublishedOn: '2026-01-01', votingOpensOn: '2026-01-07', profileRules: hangzhouLike, extraordinary: true }))
      .toMatchObject({ ok: false, requiredDays: 7, givenDays: 6 });
    // An ordinary meeting under the same profile keeps the 15 days.
    expect(checkNoticePeriod({ noticePublishedOn: '2026-01-01', votingOpensOn: '2026-01-08', profileRules: hangzhouLike }))
      .toMatchObject({ ok: false, requiredDays: 15 });
  });

  it('voting before the notice is refused; malformed dates name their field', () => {
    expect(checkNoticePeriod({ noticePublishedOn: '2026-01-10', votingOpensOn: '2026-01-01', profileRules: national })).toMatchObject({ ok: false, givenDays: -9 });
    expect(checkNoticePeriod({ noticePublishedOn: '2026-02-30', votingOpensOn: '2026-03-20', profileRules: national })).toMatchObject({ ok: false, field: 'noticePublishedOn' });
    expect(checkNoticePeriod({ noticePublishedOn: '2026-01-01', votingOpensOn: '20260120', profileRules: national })).toMatchObject({ ok: false, field: 'votingOpensOn', givenDays: null });
    expect(parseCalendarDay('2026-13-01')).toBeNull();
  });
});

describe('voting window', () => {
  it('must close after it opens', () => {
    expect(checkVotingWindow({ opensAt: 1_000, closesAt: 2_000, profileRules: national })).toEqual([]);
    expect(checkVotingWindow({ opensAt: 2_000, closesAt: 2_000, profileRules: national })).toEqual([{ field: 'votingClosesAt', message: '投票截止时间必须晚于开始时间' }]);
    expect(checkVotingWindow({ opensAt: 3_000, closesAt: 2_000, profileRules: national })[0]?.field).toBe('votingClosesAt');
    expect(checkVotingWindow({ opensAt: Number.NaN, closesAt: 2_000, profileRules: national })[0]?.field).toBe('votingOpensAt');
  });

  it("keeps to the profile's length limits where it has them", () => {
    expect(checkVotingWindow({ opensAt: 0, closesAt: 5 * DAY, profileRules: hangzhouLike })).toEqual([]);
    expect(checkVotingWindow({ opensAt: 0, closesAt: 5 * DAY - 1, profileRules: hangzhouLike })[0]?.message).toContain('不得少于 5 日');
    expect(checkVotingWindow({ opensAt: 0, closesAt: 60 * DAY + 1, profileRules: hangzhouLike })[0]?.message).toContain('不得超过 60 日');
    expect(checkVotingWindow({ opensAt: 0, closesAt: 100 * DAY, profileRules: national })).toEqual([]);
  });
});

describe('objection period', () => {
  it('ends 15 calendar days after the result is published (publication day not counted)', () => {
    expect(objectionPeriodEndsOn('2026-03-01', national)).toBe('2026-03-16');
    expect(objectionPeriodEndsOn('2026-12-25', national)).toBe('2027-01-09');
    expect(objectionPeriodEndsOn('2026-03-01', { ...national, objectionPeriodDays: 10 })).toBe('2026-03-11');
  });

  it('addCalendarDays refuses a malformed date', () => {
    expect(() => addCalendarDays('2026-02-30', 1)).toThrow(RangeError);
  });
});
