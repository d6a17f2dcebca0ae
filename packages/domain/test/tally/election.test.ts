import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  tallyElection, type ElectionBallot, type ElectionRecord, type ElectionResult, type TallyUnit,
} from '../../src/index.ts';

// Committee elections with N seats (issue 3): matter-3 thresholds per candidate, ranking by heads
// then area, ties at the last seat reported and never broken.

type UnitSpec = [owner: string, areaCenti: number];

function election(opts: {
  seats: number; candidates?: string[]; units: UnitSpec[] | TallyUnit[];
  ballots: Array<ElectionBallot | [string, string[]]>; options?: ElectionRecord['options']; rules?: ElectionRecord['rules'];
}): ElectionResult {
  const units: TallyUnit[] = opts.units.map((u, i) => Array.isArray(u)
    ? { unit: `u${i + 1}`, kind: 'residential', status: 'sold', owner: u[0], areaCenti: u[1], areaSource: 'registry' }
    : u);
  const ballots = opts.ballots.map((b) => Array.isArray(b) ? { owner: b[0], approvals: b[1] } : b);
  return tallyElection({
    rules: opts.rules ?? 'civil-code-2021', options: opts.options ?? {}, developer: 'DEV', units,
    seats: opts.seats, candidates: opts.candidates ?? ['X', 'Y', 'Z'], ballots,
  });
}
const cand = (r: ElectionResult, id: string) => r.candidates.find((c) => c.candidate === id)!;

describe('election thresholds (matter 3, per candidate)', () => {
  // A carries most of the area, so only the heads dimension sits on the boundary
  const units: UnitSpec[] = [['A', 30000], ['B', 10000], ['C', 10000], ['D', 10000]];

  it('approval by exactly 1/2 of participating heads fails', () => {
    const r = election({ seats: 1, units, ballots: [['A', ['X']], ['B', ['X']], ['C', []], ['D', []]] });
    expect(r.participationMet).toBe(true);
    expect(cand(r, 'X')).toMatchObject({ approvalHeads: 2, approvalAreaCenti: 40000, passesThresholds: false, elected: false, rank: null });
    expect(r.elected).toEqual([]);
    expect(r.seatsUnfilled).toBe(1);
  });

  it('one more head than 1/2 passes and is elected', () => {
    const r = election({ seats: 1, units, ballots: [['A', ['X']], ['B', ['X']], ['C', ['X']], ['D', []]] });
    expect(cand(r, 'X')).toMatchObject({ approvalHeads: 3, passesThresholds: true, rank: 1, elected: true });
    expect(r.elected).toEqual(['X']);
  });

  it('approval area exactly 1/2 of participating area fails; 0.01 m² more passes', () => {
    const at = election({ seats: 1, units: [['A', 2500], ['B', 2500], ['C', 5000]], ballots: [['A', ['X']], ['B', ['X']], ['C', []]] });
    expect(cand(at, 'X')).toMatchObject({ approvalHeads: 2, approvalAreaCenti: 5000, passesThresholds: false });
    expect(at.areaParticipatingCenti).toBe(10000);
    const above = election({ seats: 1, units: [['A', 2501], ['B', 2500], ['C', 5000]], ballots: [['A', ['X']], ['B', ['X']], ['C', []]] });
    expect(cand(above, 'X')).toMatchObject({ approvalAreaCenti: 5001, passesThresholds: true, elected: true });
    const below = election({ seats: 1, units: [['A', 2500], ['B', 2500], ['C', 5001]], ballots: [['A', ['X']], ['B', ['X']], ['C', []]] });
    expect(cand(below, 'X')).toMatchObject({ approvalAreaCenti: 5000, passesThresholds: false, elected: false });
  });

  it('participation below 2/3 of heads: nobody is elected, even with unanimous approval', () => {
    const r = election({ seats: 2, units: [['A', 10000], ['B', 10000], ['C', 10000], ['D', 10000]], ballots: [['A', ['X', 'Y']], ['B', ['X', 'Y']]] });
    expect(r.participationMet).toBe(false);
    expect(r.candidates.every((c) => !c.passesThresholds && !c.elected)).toBe(true);
    expect(r.elected).toEqual([]);
    expect(r.seatsUnfilled).toBe(2);
  });

  it('participation exactly 2/3 in heads and area holds (以上 includes the boundary)', () => {
    const r = election({ seats: 1, units: [['A', 10000], ['B', 10000], ['C', 10000]], ballots: [['A', ['X']], ['B', ['X']]] });
    expect(r).toMatchObject({ participationMet: true, headParticipating: 2, headTotal: 3, elected: ['X'] });
  });

  it('participation below 2/3 of area (heads enough): nobody is elected', () => {
    const r = election({ seats: 1, units: [['A', 1000], ['B', 1000], ['C', 10000]], ballots: [['A', ['X']], ['B', ['X']]] });
    expect(r.participationMet).toBe(false);
    expect(r.elected).toEqual([]);
  });

  it('approving nobody participates and is an abstention for every candidate', () => {
    const r = election({ seats: 1, units: [['A', 10000], ['B', 10000], ['C', 10000]], ballots: [['A', ['X']], ['B', []], ['C', []]] });
    expect(r).toMatchObject({ participationMet: true, headParticipating: 3, headNoApproval: 2, areaNoApprovalCenti: 20000 });
    expect(cand(r, 'X')).toMatchObject({ approvalHeads: 1, passesThresholds: false });
  });
});

describe('election ranking and seats', () => {
  // 7 owners, 2 seats: X 5 heads / 600.00; Z 4 heads / 700.00; Y 4 heads / 600.00
  const units: UnitSpec[] = [['A', 10000], ['B', 10000], ['C', 15000], ['D', 15000], ['E', 10000], ['F', 10000], ['G', 30000]];
  const ballots: Array<[string, string[]]> = [
    ['A', ['X', 'Y']], ['B', ['X', 'Y']], ['C', ['X', 'Z']], ['D', ['X', 'Z']], ['E', ['X']], ['F', ['Y', 'Z']], ['G', ['Y', 'Z']],
  ];

  it('more qualifiers than seats: ranked by heads, then by area', () => {
    const r = election({ seats: 2, units, ballots });
    expect(r.candidates.map((c) => [c.candidate, c.approvalHeads, c.approvalAreaCenti, c.passesThresholds, c.rank, c.elected])).toEqual([
      ['X', 5, 60000, true, 1, true],
      ['Y', 4, 60000, true, 3, false],
      ['Z', 4, 70000, true, 2, true],
    ]);
    expect(r.elected).toEqual(['X', 'Z']);
    expect(r.tieForLastSeat).toBeNull();
    expect(r.seatsUnfilled).toBe(0);
  });

  it('a tie in heads and area at the last seat is reported, not broken; the seat stays open', () => {
    const tied: UnitSpec[] = [['A', 10000], ['B', 10000], ['C', 10000], ['D', 10000], ['E', 10000], ['F', 10000], ['G', 20000]];
    const r = election({ seats: 2, units: tied, ballots });
    expect(cand(r, 'Y')).toMatchObject({ approvalHeads: 4, approvalAreaCenti: 50000, rank: 2, elected: false });
    expect(cand(r, 'Z')).toMatchObject({ approvalHeads: 4, approvalAreaCenti: 50000, rank: 2, elected: false });
    expect(r.elected).toEqual(['X']);
    expect(r.tieForLastSeat).toEqual(['Y', 'Z']);
    expect(r.seatsUnfilled).toBe(1);
    const flag = r.flags.find((f) => f.kind === 'tie_for_last_seat')!;
    expect(flag.candidates).toEqual(['Y', 'Z']);
    expect(flag.reading).toContain('请按议事规则由人决定');
  });

  it('tied candidates are all elected when the seats suffice', () => {
    const tied: UnitSpec[] = [['A', 10000], ['B', 10000], ['C', 10000], ['D', 10000], ['E', 10000], ['F', 10000], ['G', 20000]];
    const r = election({ seats: 3, units: tied, ballots });
    expect(r.elected).toEqual(['X', 'Y', 'Z']);
    expect(r.tieForLastSeat).toBeNull();
  });

  it('fewer qualifiers than seats: the rest stay unfilled', () => {
    const r = election({ seats: 3, units, ballots: ballots.map(([o, a]) => [o, a.filter((c) => c === 'X')] as [string, string[]]) });
    expect(r.elected).toEqual(['X']);
    expect(r.seatsUnfilled).toBe(2);
  });
});

describe('election ballots', () => {
  const units: UnitSpec[] = [['A', 10000], ['B', 10000], ['C', 10000]];

  it('a ballot approving N+1 candidates is spoiled and flagged; it participates by default', () => {
    const r = election({ seats: 2, units, ballots: [['A', ['X', 'Y', 'Z']], ['B', ['X']], ['C', ['X']]] });
    expect(r).toMatchObject({ headParticipating: 3, headSpoiled: 1, areaSpoiledCenti: 10000 });
    expect(cand(r, 'X')).toMatchObject({ approvalHeads: 2, elected: true });
    expect(cand(r, 'Y')).toMatchObject({ approvalHeads: 0 });
    const flag = r.flags.find((f) => f.kind === 'too_many_approvals')!;
    expect(flag).toMatchObject({ owner: 'A', ballots: [0], counted: true });
    expect(r.standing[0]).toMatchObject({ headId: 'A', spoiled: true, approvals: [] });
  });

  it('spoiledCountsAsParticipation false: the spoiled ballot does not participate', () => {
    const r = election({ seats: 2, units, options: { spoiledCountsAsParticipation: false },
      ballots: [['A', ['X', 'Y', 'Z']], ['B', ['X']], ['C', ['X']]] });
    expect(r).toMatchObject({ headParticipating: 2, headSpoiled: 1, participationMet: true, elected: ['X'] });
    expect(r.flags.find((f) => f.kind === 'too_many_approvals')).toMatchObject({ counted: false });
  });

  it('an approval of someone not on the candidate list spoils the ballot', () => {
    const r = election({ seats: 2, units, ballots: [['A', ['X', 'Q']], ['B', ['X']], ['C', ['X']]] });
    expect(r.headSpoiled).toBe(1);
    expect(cand(r, 'X').approvalHeads).toBe(2);
    expect(r.flags.find((f) => f.kind === 'unknown_candidate')).toMatchObject({ owner: 'A', counted: true });
  });

  it('the same candidate twice on one ballot counts once', () => {
    const r = election({ seats: 1, units, ballots: [['A', ['X', 'X']], ['B', []], ['C', []]] });
    expect(r.headSpoiled).toBe(0);
    expect(cand(r, 'X').approvalHeads).toBe(1);
  });

  it("the developer's unsold units are one head with all their area", () => {
    const r = election({ seats: 1, units: [
      { unit: 'd1', kind: 'residential', status: 'unsold', areaCenti: 10000 },
      { unit: 'd2', kind: 'residential', status: 'unsold', areaCenti: 10000 },
      { unit: 'd3', kind: 'residential', status: 'undelivered', owner: 'Buyer', areaCenti: 10000 },
      { unit: 'a1', kind: 'residential', status: 'sold', owner: 'A', areaCenti: 10000 },
      { unit: 'b1', kind: 'residential', status: 'sold', owner: 'B', areaCenti: 10000 },
    ], ballots: [['DEV', ['X']], ['A', ['X']], ['B', []], ['Buyer', ['Y']]] });
    expect(r).toMatchObject({ headTotal: 3, areaTotalCenti: 50000, headParticipating: 3 });
    expect(cand(r, 'X')).toMatchObject({ approvalHeads: 2, approvalAreaCenti: 40000, elected: true });
    expect(cand(r, 'Y').approvalHeads).toBe(0);
    expect(r.flags.find((f) => f.kind === 'non_owner')).toMatchObject({ owner: 'Buyer', counted: false });
  });

  it('a multi-unit owner is one head; a co-owned unit is one head', () => {
    const r = election({ seats: 1, units: [
      { unit: '1', kind: 'residential', status: 'sold', owner: 'A', areaCenti: 10000 },
      { unit: '2', kind: 'residential', status: 'sold', owner: 'A', areaCenti: 10000 },
      { unit: '3', kind: 'residential', status: 'sold', owner: 'E&F', coOwners: ['E', 'F'], areaCenti: 10000 },
    ], ballots: [{ owner: 'A', approvals: ['X'] }, { owner: 'E&F', castBy: 'E', approvals: ['X'] }] });
    expect(r).toMatchObject({ headTotal: 2, headParticipating: 2, elected: ['X'] });
    expect(cand(r, 'X')).toMatchObject({ approvalHeads: 2, approvalAreaCenti: 30000 });
  });

  it('co-owners approving different candidates: one stands per the profile, and the conflict is flagged', () => {
    const r = election({ seats: 1, units: [
      { unit: '3', kind: 'residential', status: 'sold', owner: 'E&F', coOwners: ['E', 'F'], areaCenti: 10000 },
    ], ballots: [{ owner: 'E&F', castBy: 'E', approvals: ['X'] }, { owner: 'E&F', castBy: 'F', approvals: ['Y'] }] });
    expect(r.elected).toEqual(['Y']);
    const flag = r.flags.find((f) => f.kind === 'co_owner_conflict')!;
    expect(flag).toMatchObject({ owner: 'E&F', ballots: [0, 1], counted: true });
    expect(flag.reading).toContain('赞成 Y');
  });

  it('a ballot cast by a non-owner without proxy is invalid; with a written proxy it counts', () => {
    const bad = election({ seats: 1, units, ballots: [{ owner: 'A', castBy: 'T', approvals: ['X'] }, ['B', ['X']], ['C', ['X']]] });
    expect(bad.headParticipating).toBe(2);
    expect(bad.flags.find((f) => f.kind === 'non_owner')).toMatchObject({ castBy: 'T', counted: false });
    const ok = election({ seats: 1, units, ballots: [{ owner: 'A', castBy: 'T', proxy: 'written', approvals: ['X'] }, ['B', ['X']], ['C', ['X']]] });
    expect(ok.headParticipating).toBe(3);
    expect(cand(ok, 'X').approvalHeads).toBe(3);
  });

  it('refuses a malformed election (no seats, duplicate candidates)', () => {
    expect(() => election({ seats: 0, units, ballots: [] })).toThrow(RangeError);
    expect(() => election({ seats: 1, candidates: ['X', 'X'], units, ballots: [] })).toThrow(RangeError);
  });
});

describe('election property', () => {
  const OWNERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
  const CANDS = ['X', 'Y', 'Z', 'W'];
  const arb = fc.record({
    seats: fc.integer({ min: 1, max: 3 }),
    units: fc.array(fc.record({ owner: fc.constantFrom(...OWNERS), status: fc.constantFrom('sold', 'sold', 'unsold'),
      areaCenti: fc.integer({ min: 1, max: 20_000 }) }), { minLength: 0, maxLength: 8 }),
    // per voter (owners and the developer): mostly a ballot (so participation is often met), with
    // approvals biased toward X so that candidates often qualify
    ballots: fc.array(fc.option(fc.subarray(['X', 'X', 'X', ...CANDS]).map((a) => [...new Set(a)]), { nil: undefined, freq: 6 }),
      { minLength: 8, maxLength: 8 }),
    voter: fc.integer({ min: 0, max: 7 }),
    c: fc.constantFrom('X', 'X', ...CANDS),
  });

  it('adding an approval for C never un-elects C while qualifiers do not exceed the seats', () => {
    fc.assert(fc.property(arb, ({ seats, units, ballots, voter: start, c }) => {
      let voter = start;
      const voters = [...OWNERS, 'DEV'];
      const record = (bs: Array<string[] | undefined>): ElectionRecord => ({
        rules: 'civil-code-2021', options: {}, developer: 'DEV', seats, candidates: CANDS,
        // every owner holds at least one unit, so most ballots count; extra units vary heads and area
        units: [
          ...OWNERS.map((owner, i) => ({ unit: `h${i}`, kind: 'residential' as const, status: 'sold' as const, owner, areaCenti: 5000 + 997 * i })),
          ...units.map((u, i) => ({ unit: `u${i}`, kind: 'residential' as const, status: u.status as 'sold' | 'unsold', owner: u.owner, areaCenti: u.areaCenti })),
        ],
        ballots: voters.flatMap((owner, i) => bs[i] ? [{ owner, approvals: bs[i]! }] : []),
      });
      // the first voter (from a random start) whose ballot can take C: no ballot yet, or one
      // without C and with fewer than N approvals (N+1 would spoil it, by rule)
      const room = (b: string[] | undefined) => !b || (!b.includes(c) && b.length < seats);
      const found = Array.from({ length: 8 }, (_, k) => (voter + k) % 8).find((i) => room(ballots[i]));
      if (found === undefined) return;
      voter = found;
      const before = tallyElection(record(ballots));
      const after = tallyElection(record(ballots.map((b, i) => i === voter ? [...(b ?? []), c] : b)));
      const qualifiers = after.candidates.filter((x) => x.passesThresholds).length;
      if (before.elected.includes(c) && qualifiers <= seats) expect(after.elected).toContain(c);
      // totals never depend on ballots
      expect(after.headTotal).toBe(before.headTotal);
    }), { numRuns: 1000 });
  });
});
