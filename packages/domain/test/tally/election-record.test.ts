import { describe, expect, it } from 'vitest';
import { electionResultToJson, parseElectionRecord, tallyElection } from '../../src/index.ts';

// `gongzhi.election-record/v1`: the shared fields are validated by the decision-record parser
// (same field names in errors), the election's own fields here.

const base = () => ({
  format: 'gongzhi.election-record/v1',
  rules: 'civil-code-2021',
  seats: 1,
  developer: 'DEV',
  candidates: [{ id: 'c1', name: '张三' }, 'c2'],
  units: [
    { unit: '1-101', building: '1', status: 'sold', owner: 'A', area: 100, areaSource: 'registry' },
    { unit: '1-102', building: '1', status: 'sold', owner: 'B', area: 100.5 },
    { unit: '1-103', building: '1', status: 'unsold', area: 80 },
  ] as Record<string, unknown>[],
  ballots: [
    { owner: 'A', approvals: ['c1'] },
    { owner: 'B', approvals: ['c1'], seq: 2 },
    { owner: 'DEV', approvals: [] },
  ] as Record<string, unknown>[],
});

describe('parseElectionRecord', () => {
  it('parses a record and the engine elects the candidate approved by A and B', () => {
    const p = parseElectionRecord(base());
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.record).toMatchObject({ seats: 1, candidates: ['c1', 'c2'], developer: 'DEV' });
    expect(p.record.units[1]).toMatchObject({ areaCenti: 10050 });
    expect(p.record.ballots[1]).toEqual({ owner: 'B', approvals: ['c1'], seq: 2 });
    expect(p.names).toEqual({ c1: '张三' });
    const json = electionResultToJson(tallyElection(p.record), p.names);
    expect(json).toMatchObject({ participationMet: true, elected: ['c1'], areaTotal: 280.5, headTotal: 3 });
    expect((json.candidates as unknown[])[0]).toMatchObject({ candidate: 'c1', name: '张三', headApproval: 2, areaApproval: 200.5 });
  });

  const cases: Array<[string, (r: ReturnType<typeof base>) => unknown, string]> = [
    ['wrong format', (r) => ({ ...r, format: 'gongzhi.decision-record/v1' }), 'format'],
    ['matter other than 3', (r) => ({ ...r, matter: 4 }), 'matter'],
    ['missing seats', (r) => ({ ...r, seats: undefined }), 'seats'],
    ['zero seats', (r) => ({ ...r, seats: 0 }), 'seats'],
    ['duplicate candidate', (r) => ({ ...r, candidates: ['c1', { id: 'c1' }] }), 'candidates[1].id'],
    ['empty candidate list', (r) => ({ ...r, candidates: [] }), 'candidates'],
    ['ballot without approvals', (r) => ({ ...r, ballots: [{ owner: 'A', choice: 'yes' }] }), 'ballots[0].approvals'],
    ['approval not a string', (r) => ({ ...r, ballots: [{ owner: 'A', approvals: [3] }] }), 'ballots[0].approvals[0]'],
    ['ballot without owner (shared validator)', (r) => ({ ...r, ballots: [{ approvals: [] }] }), 'ballots[0].owner'],
    ['unit with three decimals (shared validator)', (r) => {
      r.units[0] = { ...r.units[0], area: 100.001 };
      return r;
    }, 'units[0].area'],
    ['a charging scope', (r) => ({ ...r, scope: { buildings: ['1'] } }), 'scope'],
  ];
  for (const [what, make, field] of cases) {
    it(`names the bad field: ${what} → ${field}`, () => {
      const p = parseElectionRecord(make(base()));
      expect(p.ok).toBe(false);
      if (!p.ok) expect(p.field).toBe(field);
    });
  }

  it('an approval of an unknown candidate is not a format error: the engine spoils and flags it', () => {
    const r = base();
    r.ballots[0] = { owner: 'A', approvals: ['nobody'] };
    const p = parseElectionRecord(r);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const res = tallyElection(p.record);
    expect(res.flags.map((f) => f.kind)).toContain('unknown_candidate');
  });
});
