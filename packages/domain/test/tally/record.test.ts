import { describe, expect, it } from 'vitest';
import { parseDecisionRecord, resultToJson, tally } from '../../src/index.ts';

// The decision record (TALLY-SPEC §7): the spec's own example parses; every bad field is named.

const example = {
  format: 'gongzhi.decision-record/v1',
  rules: 'civil-code-2021',
  options: { nonVotersFollowMajority: false },
  matter: 5,
  scope: { buildings: ['1', '5'] },
  developer: 'DEV',
  units: [
    { unit: '1-101', building: '1', kind: 'residential', status: 'sold', owner: 'A', area: 100.0, areaSource: 'registry' },
    { unit: '1-102', building: '1', status: 'sold', owner: 'B', area: '85.50' },
    { unit: '5-101', building: '5', status: 'sold', owner: 'E&F', coOwners: ['E', 'F'], designatedVoter: 'F',
      areaCandidates: { survey: 100.0, contract: 110.0 } },
  ],
  ballots: [
    { owner: 'A', choice: 'yes' },
    { owner: 'E&F', castBy: 'E', choice: 'no', seq: 2 },
    { owner: 'B', castBy: 'P', proxy: 'written', choice: 'abstain' },
  ],
  somethingNew: 'ignored',
};

describe('decision record', () => {
  it("the spec's example parses and recounts; output areas are plain numbers with two decimals at most", () => {
    const p = parseDecisionRecord(example);
    if (!p.ok) throw new Error(p.field);
    const out = resultToJson(tally(p.record));
    expect(out).toMatchObject({
      participationMet: true, passed: false, areaTotal: 285.5, headTotal: 3, areaParticipating: 285.5, headParticipating: 3,
      areaYes: 100, headYes: 1, areaNo: 100, headNo: 1, areaAbstain: 85.5, headAbstain: 1, flags: [],
    });
    expect(Object.keys(out).slice(0, 13)).toEqual([
      'participationMet', 'passed', 'areaTotal', 'headTotal', 'areaParticipating', 'headParticipating',
      'areaYes', 'headYes', 'areaNo', 'headNo', 'areaAbstain', 'headAbstain', 'flags',
    ]);
  });

  it('rules covenant-follow-majority is civil-code-2021 with nonVotersFollowMajority', () => {
    const p = parseDecisionRecord({ ...example, rules: 'covenant-follow-majority', options: undefined });
    expect(p.ok && p.record.rules === 'civil-code-2021' && p.record.options.nonVotersFollowMajority).toBe(true);
  });

  const bad = (patch: (r: typeof example & Record<string, unknown>) => unknown) => {
    const copy = structuredClone(example) as typeof example & Record<string, unknown>;
    return parseDecisionRecord(patch(copy) ?? copy);
  };
  it.each<[string, (r: any) => unknown, string]>([
    ['not an object', () => [], '(root)'],
    ['wrong format', (r) => { r.format = 'v0'; }, 'format'],
    ['missing rules', (r) => { delete r.rules; }, 'rules'],
    ['unknown rules', (r) => { r.rules = 'beijing'; }, 'rules'],
    ['missing matter', (r) => { delete r.matter; }, 'matter'],
    ['matter 10', (r) => { r.matter = 10; }, 'matter'],
    ['scope on a non-fund matter', (r) => { r.matter = 4; }, 'scope'],
    ['option of the wrong type', (r) => { r.options = { parkingAreaCounts: 'no' }; }, 'options.parkingAreaCounts'],
    ['missing units', (r) => { delete r.units; }, 'units'],
    ['area with three decimals', (r) => { r.units[1].area = 85.555; }, 'units[1].area'],
    ['negative area', (r) => { r.units[0].area = -1; }, 'units[0].area'],
    ['no area at all', (r) => { delete r.units[0].area; }, 'units[0].area'],
    ['bad area candidate', (r) => { r.units[2].areaCandidates.survey = 'abc'; }, 'units[2].areaCandidates.survey'],
    ['missing status', (r) => { delete r.units[0].status; }, 'units[0].status'],
    ['sold unit without owner', (r) => { delete r.units[1].owner; }, 'units[1].owner'],
    ['bad kind', (r) => { r.units[0].kind = 'castle'; }, 'units[0].kind'],
    ['duplicate unit', (r) => { r.units[1].unit = '1-101'; }, 'units[1].unit'],
    ['designated voter not a co-owner', (r) => { r.units[2].designatedVoter = 'X'; }, 'units[2].designatedVoter'],
    ['missing ballots', (r) => { delete r.ballots; }, 'ballots'],
    ['bad choice', (r) => { r.ballots[1].choice = 'maybe'; }, 'ballots[1].choice'],
    ['missing ballot owner', (r) => { delete r.ballots[0].owner; }, 'ballots[0].owner'],
    ['bad proxy form', (r) => { r.ballots[2].proxy = 'telepathic'; }, 'ballots[2].proxy'],
    ['fractional seq', (r) => { r.ballots[1].seq = 1.5; }, 'ballots[1].seq'],
  ])('%s → names %s', (_name, patch, field) => {
    const p = bad(patch);
    expect(p).toMatchObject({ ok: false, field });
    expect(p.ok ? '' : p.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
