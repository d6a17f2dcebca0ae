import { describe, expect, it } from 'vitest';
import { apportionByArea } from '../../src/index.ts';
import { run, sold, votes } from './build.ts';

// Who counts (最高法 解释 第8、9条; TALLY-SPEC §3) and the charging scope (§5).

const estate = [
  { unit: '1-101', owner: 'A', area: 100 },
  { unit: '1-102', status: 'unsold', area: 50 },
  { unit: '1-103', status: 'unsold', area: 50 },
  { unit: '1-104', status: 'undelivered', owner: 'BUYER', area: 50 },
  { unit: '1-105', owner: 'M', area: 80 },
  { unit: '1-106', owner: 'M', area: 20 },
  { unit: '1-107', owner: 'E&F', coOwners: ['E', 'F'], area: 100 },
];

describe('heads', () => {
  it("developer: all unsold and undelivered units are ONE head with all their area, and it votes them", () => {
    const r = run({ units: estate, ballots: votes({ DEV: 'yes' }) });
    expect(r.headTotal).toBe(4); // A, DEV, M, E&F
    expect(r.areaTotalCenti).toBe(45000);
    expect(r).toMatchObject({ headYes: 1, areaYesCenti: 15000 });
  });

  it('buyer of an undelivered unit: not yet an owner; the ballot is ignored and flagged', () => {
    const r = run({ units: estate, ballots: votes({ BUYER: 'yes' }) });
    expect(r.headParticipating).toBe(0);
    expect(r.flags).toEqual([expect.objectContaining({ kind: 'non_owner', owner: 'BUYER', counted: false })]);
  });

  it('multi-unit owner: one head carrying all of its area', () => {
    const r = run({ units: estate, ballots: votes({ M: 'no' }) });
    expect(r).toMatchObject({ headNo: 1, areaNoCenti: 10000 });
  });

  it('multi-unit owner voting differently per unit: one head, the later ballot stands for all its area, flagged', () => {
    const r = run({ units: estate, ballots: [{ owner: 'M', unit: '1-105', choice: 'yes' }, { owner: 'M', unit: '1-106', choice: 'no' }] });
    expect(r).toMatchObject({ headNo: 1, areaNoCenti: 10000, headYes: 0 });
    expect(r.flags).toEqual([expect.objectContaining({ kind: 'multi_unit_split', owner: 'M', ballots: [0, 1], counted: true })]);
    expect(r.flags[0]!.reading).toContain('反对');
  });

  it('co-owned unit: one head; any co-owner may cast it (civil-code); duplicates count once', () => {
    const r = run({ units: estate, ballots: [{ owner: 'E&F', castBy: 'E', choice: 'yes' }, { owner: 'E&F', castBy: 'E', choice: 'yes' }] });
    expect(r).toMatchObject({ headYes: 1, areaYesCenti: 10000, flags: [] });
  });

  it('co-owners disagreeing: flagged, the last ballot stands (first with ballotPrecedence first)', () => {
    const ballots = [{ owner: 'E&F', castBy: 'F', choice: 'no', seq: 2 }, { owner: 'E&F', castBy: 'E', choice: 'yes', seq: 1 }] as const;
    const last = run({ units: estate, ballots: [...ballots] });
    expect(last).toMatchObject({ headNo: 1, headYes: 0 });
    expect(last.flags).toEqual([expect.objectContaining({ kind: 'co_owner_conflict', owner: 'E&F' })]);
    const first = run({ units: estate, options: { ballotPrecedence: 'first' }, ballots: [...ballots] });
    expect(first).toMatchObject({ headNo: 0, headYes: 1 });
  });

  it('an owner changing their own ballot is precedence, not a flag', () => {
    const r = run({ units: sold(['A', 1]), ballots: [{ owner: 'A', choice: 'no' }, { owner: 'A', choice: 'yes' }] });
    expect(r).toMatchObject({ headYes: 1, headNo: 0, flags: [] });
  });

  it('tenant or anyone else casting without a proxy: invalid and flagged', () => {
    const r = run({ units: estate, ballots: [{ owner: 'A', castBy: 'TENANT', choice: 'yes' }, { owner: 'NOBODY', choice: 'yes' }] });
    expect(r.headParticipating).toBe(0);
    expect(r.flags.map((f) => [f.kind, f.counted])).toEqual([['non_owner', false], ['non_owner', false]]);
  });

  it('a written proxy votes for the owner', () => {
    const r = run({ units: estate, ballots: [{ owner: 'A', castBy: 'P', proxy: 'written', choice: 'abstain' }] });
    expect(r).toMatchObject({ headAbstain: 1, areaAbstainCenti: 10000, flags: [] });
  });

  it('a proxy holder with many proxies is flagged (ballots still count)', () => {
    const units = Array.from({ length: 8 }, (_, i) => ({ unit: `u${i}`, owner: `o${i}`, area: 10 }));
    const ballots = units.map((u) => ({ owner: u.owner, castBy: 'P', proxy: 'written', choice: 'yes' as const }));
    const r = run({ units, ballots });
    expect(r.headYes).toBe(8);
    expect(r.flags).toEqual([expect.objectContaining({ kind: 'many_proxies', castBy: 'P', counted: true })]);
    expect(run({ units, ballots, options: { proxyFlagThreshold: 8 } }).flags).toEqual([]);
  });

  it('ballots after close are ignored and flagged', () => {
    const r = run({ units: sold(['A', 1]), ballots: [{ owner: 'A', choice: 'yes', afterClose: true }] });
    expect(r.headParticipating).toBe(0);
    expect(r.flags[0]).toMatchObject({ kind: 'after_close', counted: false });
  });

  it('a ballot restricted to a unit the owner does not hold is ignored and flagged', () => {
    const r = run({ units: estate, ballots: [{ owner: 'A', unit: '1-105', choice: 'yes' }] });
    expect(r.flags[0]).toMatchObject({ kind: 'unit_not_owned', counted: false });
  });
});

describe('areas', () => {
  it('source precedence registry > survey > contract, and which was used is recorded', () => {
    const r = run({ units: [
      { unit: 'a', owner: 'A', areaCandidates: { registry: 90, survey: 100, contract: 110 } },
      { unit: 'b', owner: 'B', areaCandidates: { survey: 100, contract: 110 } },
      { unit: 'c', owner: 'C', areaCandidates: { contract: 110 } },
      { unit: 'd', owner: 'D', area: 10, areaSource: 'survey' },
      { unit: 'e', owner: 'E', area: 10 },
    ] });
    expect(r.areaTotalCenti).toBe(9000 + 10000 + 11000 + 1000 + 1000);
    expect(r.areaSources).toEqual({ registry: 1, survey: 2, contract: 1, unspecified: 1 });
  });

  it('apportionment by area: largest remainder, sums to the total, ties by unit order', () => {
    expect(apportionByArea(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(apportionByArea(1000, [25716, 12858])).toEqual([667, 333]);
    const shares = apportionByArea(123_456_789, [10001, 20003, 7, 99999]);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(123_456_789);
  });
});

describe('charging scope (列支范围, matters 5 and 6)', () => {
  const units = [
    { unit: '1-101', building: '1', owner: 'A', area: 100 },
    { unit: '2-101', building: '2', owner: 'A', area: 60 },
    { unit: '2-102', building: '2', owner: 'B', area: 90 },
    { unit: '2-103', building: '2', owner: 'C', area: 60 },
  ];
  it('only in-scope units count; an owner inside and outside counts once with the in-scope area; outsiders are ignored', () => {
    const r = run({ matter: 5, scope: { buildings: ['2'] }, units: [...units, { unit: '1-102', building: '1', owner: 'Z', area: 500 }],
      ballots: votes({ A: 'yes', B: 'yes', Z: 'no' }) });
    expect(r).toMatchObject({ headTotal: 3, areaTotalCenti: 21000, headYes: 2, areaYesCenti: 15000, headNo: 0, participationMet: true, passed: true });
    expect(r.flags).toEqual([expect.objectContaining({ kind: 'out_of_scope', owner: 'Z', counted: false })]);
  });
  it('a scope by units (one lift serving some flats)', () => {
    const r = run({ matter: 6, scope: { units: ['2-102', '2-103'] }, units, ballots: votes({ B: 'yes', C: 'yes', A: 'no' }) });
    expect(r).toMatchObject({ headTotal: 2, areaTotalCenti: 15000, headYes: 2, passed: true });
  });
});
