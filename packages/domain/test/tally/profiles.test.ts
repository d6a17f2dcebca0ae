import { describe, expect, it } from 'vitest';
import { run, sold, votes } from './build.ts';

// The three rule profiles and the options (TALLY-SPEC §4).

describe('proxies without a written authorisation', () => {
  const units = sold(['A', 100], ['B', 100]);
  const ballots = [{ owner: 'A', castBy: 'P', proxy: 'oral', choice: 'yes' as const }, { owner: 'B', choice: 'yes' as const }];
  it('shanghai-2020: invalid, not counted, flagged', () => {
    const r = run({ rules: 'shanghai-2020', units, ballots });
    expect(r.headYes).toBe(1);
    expect(r.flags).toEqual([expect.objectContaining({ kind: 'oral_proxy', owner: 'A', counted: false })]);
  });
  it('civil-code-2021: counted, but flagged for review', () => {
    const r = run({ rules: 'civil-code-2021', units, ballots });
    expect(r.headYes).toBe(2);
    expect(r.flags).toEqual([expect.objectContaining({ kind: 'oral_proxy', owner: 'A', counted: true })]);
  });
  it('shanghai-2020: a written proxy counts', () => {
    expect(run({ rules: 'shanghai-2020', units, ballots: [{ ...ballots[0]!, proxy: 'written' }] }).headYes).toBe(1);
  });
});

describe('ningbo-2021', () => {
  const units = [
    { unit: '1-101', owner: 'A', area: 100 },
    { unit: 'P-01', kind: 'parking', owner: 'A', area: 12.5 },
    { unit: 'P-02', kind: 'parking', owner: 'G', area: 12.5 },
    { unit: '1-102', owner: 'E&F', coOwners: ['E', 'F'], designatedVoter: 'F', area: 100 },
    { unit: '1-103', status: 'unsold', area: 100 },
    { unit: '1-104', status: 'undelivered', owner: 'BUYER', area: 100 },
  ];
  it('parking area is excluded (counted under civil-code-2021, and under ningbo when the option says so)', () => {
    expect(run({ rules: 'ningbo-2021', units }).areaTotalCenti).toBe(40000);
    expect(run({ rules: 'civil-code-2021', units }).areaTotalCenti).toBe(42500);
    expect(run({ rules: 'ningbo-2021', options: { parkingAreaCounts: true }, units }).areaTotalCenti).toBe(42500);
    expect(run({ rules: 'civil-code-2021', options: { parkingAreaCounts: false }, units }).areaTotalCenti).toBe(40000);
  });
  it('co-owned unit: only the designated voter may vote; the other co-owner is refused and flagged', () => {
    const refused = run({ rules: 'ningbo-2021', units, ballots: [{ owner: 'E&F', castBy: 'E', choice: 'yes' }] });
    expect(refused.headYes).toBe(0);
    expect(refused.flags[0]).toMatchObject({ kind: 'not_designated_voter', castBy: 'E', counted: false });
    expect(run({ rules: 'ningbo-2021', units, ballots: [{ owner: 'E&F', castBy: 'F', choice: 'yes' }] }).headYes).toBe(1);
    // the baseline accepts either co-owner
    expect(run({ rules: 'civil-code-2021', units, ballots: [{ owner: 'E&F', castBy: 'E', choice: 'yes' }] }).headYes).toBe(1);
  });
  it('the developer votes its unsold and undelivered units as one head; the buyer cannot', () => {
    const r = run({ rules: 'ningbo-2021', units, ballots: votes({ DEV: 'no', BUYER: 'yes' }) });
    expect(r).toMatchObject({ headNo: 1, areaNoCenti: 20000, headYes: 0 });
    expect(r.flags[0]).toMatchObject({ kind: 'non_owner', owner: 'BUYER' });
  });
});

describe('nonVotersFollowMajority', () => {
  // 6 owners of 100 m²; 4 vote (exactly 2/3): 2 yes, 1 no, 1 abstain → 2 of 4 is not 过半数
  const units = sold(['A', 100], ['B', 100], ['C', 100], ['D', 100], ['E', 100], ['F', 100]);
  const ballots = votes({ A: 'yes', B: 'yes', C: 'no', D: 'abstain' });
  it('off: exactly half of participants fails', () => {
    const r = run({ units, ballots });
    expect(r.passed).toBe(false);
    expect(r.deemed).toBeUndefined();
  });
  it('on: non-voters join the side leading in area and heads; approval is over all owners', () => {
    const r = run({ rules: 'covenant-follow-majority', units, ballots });
    expect(r.deemed).toEqual({ deemedSide: 'yes', areaYesWithDeemedCenti: 40000, headYesWithDeemed: 4, areaDenominatorCenti: 60000, headDenominator: 6 });
    expect(r.passed).toBe(true);
  });
  it('on: no side leading in both → nobody is added', () => {
    const split = sold(['A', 300], ['B', 100], ['C', 100], ['D', 100], ['E', 100], ['F', 100]);
    const r = run({ options: { nonVotersFollowMajority: true }, units: split, ballots: votes({ A: 'yes', B: 'no', C: 'no', D: 'abstain' }) });
    expect(r.deemed?.deemedSide).toBeNull();
    expect(r.passed).toBe(false);
  });
  it('on: deemed votes cannot make the quorum', () => {
    const r = run({ options: { nonVotersFollowMajority: true }, units, ballots: votes({ A: 'yes', B: 'yes', C: 'yes' }) });
    expect(r).toMatchObject({ participationMet: false, passed: false, deemed: expect.objectContaining({ deemedSide: null }) });
  });
});

describe('spoiled ballots and precedence options', () => {
  const units = sold(['A', 100], ['B', 100], ['C', 100]);
  it('spoiled counts toward participation by default (never yes); not when the option is off', () => {
    const ballots = votes({ A: 'yes', B: 'spoiled' });
    expect(run({ units, ballots })).toMatchObject({ participationMet: true, passed: false, headSpoiled: 1, headYes: 1 });
    expect(run({ units, ballots, options: { spoiledCountsAsParticipation: false } })).toMatchObject({ participationMet: false, headParticipating: 1 });
  });
  it('paper and online: online wins by default; paperOverridesOnline makes paper win', () => {
    const ballots = [{ owner: 'A', choice: 'no' as const, channel: 'online', seq: 1 }, { owner: 'A', choice: 'yes' as const, channel: 'paper', seq: 2 }, ...votes({ B: 'yes' })];
    expect(run({ units, ballots })).toMatchObject({ headYes: 1, headNo: 1 });
    expect(run({ units, ballots, options: { paperOverridesOnline: true } })).toMatchObject({ headYes: 2, headNo: 0 });
  });
  it('seq orders ballots regardless of list position', () => {
    const ballots = [{ owner: 'A', choice: 'yes' as const, seq: 5 }, { owner: 'A', choice: 'no' as const, seq: 3 }];
    expect(run({ units, ballots })).toMatchObject({ headYes: 1, headNo: 0 });
    expect(run({ units, ballots, options: { ballotPrecedence: 'first' } })).toMatchObject({ headYes: 0, headNo: 1 });
  });
});
