import { describe, expect, it } from 'vitest';
import { checkMeetingForApproval, type ApprovalInput } from '../../src/index.ts';

const ok: ApprovalInput = {
  convenerKind: 'committee', committeeExists: true, firstMeeting: false, householdCount: 120, rosterHouseholdCount: 120,
  items: [{ kind: 'matter', matter: 4 }, { kind: 'election', seats: 5, candidates: ['a', 'b', 'c', 'd', 'e', 'f'] }],
};
const fields = (i: ApprovalInput) => checkMeetingForApproval(i).map((p) => p.field);

describe('street office approval checks', () => {
  it('a sound meeting has no problems', () => {
    expect(checkMeetingForApproval(ok)).toEqual([]);
  });

  it('returns every problem at once, each with a field and a Chinese message', () => {
    const problems = checkMeetingForApproval({
      convenerKind: 'preparatory_group', committeeExists: false, firstMeeting: false, householdCount: 118, rosterHouseholdCount: 120,
      items: [{ kind: 'matter', matter: 0 }, { kind: 'matter', matter: 10 }, { kind: 'election', seats: 3, candidates: ['a', 'a'] }],
    });
    expect(problems.map((p) => p.field)).toEqual([
      'convenerKind', 'householdCount', 'items[0].matter', 'items[1].matter', 'items[2].candidates', 'items[2].candidates',
    ]);
    for (const p of problems) expect(p.message).toMatch(/[\u4e00-\u9fff]/);
    expect(problems[1]?.message).toContain('118');
  });

  it('committee: only while a committee is in office', () => {
    expect(fields({ ...ok, committeeExists: false })).toEqual(['convenerKind']);
  });

  it('preparatory group: first meeting only, and it must elect the committee', () => {
    const first = { ...ok, convenerKind: 'preparatory_group' as const, committeeExists: false, firstMeeting: true };
    expect(fields(first)).toEqual([]);
    expect(fields({ ...first, firstMeeting: false })).toEqual(['convenerKind']);
    expect(fields({ ...first, items: [{ kind: 'matter', matter: 1 }] })).toEqual(['items']);
  });

  it('renewal group: must hold an election', () => {
    expect(fields({ ...ok, convenerKind: 'renewal_group' })).toEqual([]);
    expect(fields({ ...ok, convenerKind: 'renewal_group', items: [{ kind: 'matter', matter: 4 }] })).toEqual(['items']);
  });

  it('street office and acting body: only where no committee is in office', () => {
    for (const convenerKind of ['street_office', 'acting_body'] as const) {
      expect(fields({ ...ok, convenerKind, committeeExists: false })).toEqual([]);
      expect(fields({ ...ok, convenerKind, committeeExists: true })).toEqual(['convenerKind']);
    }
  });

  it('household count must be a positive integer matching the roster', () => {
    expect(fields({ ...ok, householdCount: 0, rosterHouseholdCount: 0 })).toEqual(['householdCount']);
    expect(fields({ ...ok, householdCount: 1.5 })).toEqual(['householdCount']);
    expect(fields({ ...ok, householdCount: 121 })).toEqual(['householdCount']);
  });

  it('items: at least one; matter 1–9; elections with seats ≥ 1 and candidates ≥ seats (equal allowed)', () => {
    expect(fields({ ...ok, items: [] })).toEqual(['items']);
    expect(fields({ ...ok, items: [1, 9].map((matter) => ({ kind: 'matter' as const, matter })) })).toEqual([]);
    expect(fields({ ...ok, items: [{ kind: 'matter', matter: 2.5 }] })).toEqual(['items[0].matter']);
    expect(fields({ ...ok, items: [{ kind: 'election', seats: 0, candidates: ['a'] }] })).toEqual(['items[0].seats']);
    expect(fields({ ...ok, items: [{ kind: 'election', seats: 3, candidates: ['a', 'b', 'c'] }] })).toEqual([]);
    expect(fields({ ...ok, items: [{ kind: 'election', seats: 3, candidates: ['a', 'b'] }] })).toEqual(['items[0].candidates']);
    expect(fields({ ...ok, items: [{ kind: 'poll' } as never] })).toEqual(['items[0].kind']);
  });
});
