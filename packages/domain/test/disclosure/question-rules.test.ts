import { describe, expect, it } from 'vitest';
import {
  answeredLate, askerLabel, DEFAULT_ANSWER_DAYS, defaultResponsible, questionDueAt, questionOverdue,
} from '../../src/disclosure/question-rules.ts';

describe('question due time', () => {
  const asked = new Date('2026-03-01T10:15:00+08:00');

  it('is the answer days after the question, to the minute (default 7)', () => {
    expect(DEFAULT_ANSWER_DAYS).toBe(7);
    expect(questionDueAt(asked, 7).toISOString()).toBe(new Date('2026-03-08T10:15:00+08:00').toISOString());
    expect(questionDueAt(asked, 1).toISOString()).toBe(new Date('2026-03-02T10:15:00+08:00').toISOString());
  });

  it('refuses a non-positive or fractional number of days', () => {
    expect(() => questionDueAt(asked, 0)).toThrow(RangeError);
    expect(() => questionDueAt(asked, 1.5)).toThrow(RangeError);
  });

  it('is overdue only after the due moment, and never once answered', () => {
    const dueAt = questionDueAt(asked, 7);
    expect(questionOverdue({ state: 'open', dueAt }, dueAt)).toBe(false);
    expect(questionOverdue({ state: 'open', dueAt }, new Date(dueAt.getTime() + 1))).toBe(true);
    expect(questionOverdue({ state: 'escalated', dueAt }, new Date(dueAt.getTime() + 1))).toBe(true);
    expect(questionOverdue({ state: 'answered', dueAt }, new Date(dueAt.getTime() + 1))).toBe(false);
  });

  it('an answer at the due moment is on time; a millisecond later is late', () => {
    const dueAt = questionDueAt(asked, 7);
    expect(answeredLate(dueAt, dueAt)).toBe(false);
    expect(answeredLate(dueAt, new Date(dueAt.getTime() + 1))).toBe(true);
  });
});

describe('responsible party by default', () => {
  it.each([
    [{ type: 'notice', publisherKind: 'company' }, 'company'],
    [{ type: 'notice', publisherKind: 'committee' }, 'committee'],
    [{ type: 'notice', publisherKind: 'street_office' }, 'committee'],
    [{ type: 'notice', publisherKind: 'platform' }, 'committee'],
    [{ type: 'revenue_entry', managedBy: 'committee' }, 'committee'],
    [{ type: 'revenue_entry', managedBy: 'company' }, 'company'],
    [{ type: 'revenue_statement' }, 'company'],
    [{ type: 'disclosure_filing', party: 'committee' }, 'committee'],
    [{ type: 'disclosure_filing', party: 'company' }, 'company'],
    [{ type: 'fund_statement' }, 'committee'],
    [{ type: 'fund_application' }, 'committee'],
    [{ type: 'meeting' }, 'committee'],
  ] as const)('%o → %s', (facts, party) => {
    expect(defaultResponsible(facts)).toBe(party);
  });
});

describe('asker label', () => {
  it('names the first building in natural order, never the unit', () => {
    expect(askerLabel(['12栋', '3栋'])).toBe('3栋业主');
    expect(askerLabel(['3栋', '3栋'])).toBe('3栋业主');
  });
  it('falls back to 业主 without a building', () => {
    expect(askerLabel([])).toBe('业主');
    expect(askerLabel(['  '])).toBe('业主');
  });
});
