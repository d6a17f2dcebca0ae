import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// `gongzhi retally` also recounts a committee election item (`gongzhi.election-record/v1`).

const ROOT = path.resolve(import.meta.dirname, '../../..');

function retally(stdin: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', 'retally', '-'], {
      cwd: ROOT, env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => resolve({ code, out, err }));
    child.stdin.end(stdin);
  });
}

const record = {
  format: 'gongzhi.election-record/v1',
  rules: 'civil-code-2021',
  seats: 2,
  candidates: [{ id: 'c1', name: '王芳' }, { id: 'c2', name: '李强' }, { id: 'c3', name: '赵敏' }],
  units: [
    { unit: '1-101', status: 'sold', owner: 'A', area: 90 },
    { unit: '1-102', status: 'sold', owner: 'B', area: 90 },
    { unit: '1-103', status: 'sold', owner: 'C', area: 90 },
  ],
  ballots: [
    { owner: 'A', approvals: ['c1', 'c2'] },
    { owner: 'B', approvals: ['c1', 'c2'] },
    { owner: 'C', approvals: ['c1', 'c2', 'c3'] },
  ],
};

describe('gongzhi retally (election record)', () => {
  it('anyone: recounts an election record: per candidate approvals, elected, the over-approving ballot spoiled', async () => {
    const r = await retally(JSON.stringify(record));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({ participationMet: true, elected: ['c1', 'c2'], tieForLastSeat: null, headParticipating: 3, headSpoiled: 1 });
    expect(out.candidates[0]).toMatchObject({ candidate: 'c1', name: '王芳', headApproval: 2, areaApproval: 180, elected: true });
    expect(out.flags.map((f: { kind: string }) => f.kind)).toEqual(['too_many_approvals']);
  }, 180_000);

  it('anyone: a broken election record exits 2 naming the field', async () => {
    const r = await retally(JSON.stringify({ ...record, seats: 'two' }));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('seats');
    const b = await retally(JSON.stringify({ ...record, ballots: [{ owner: 'A' }] }));
    expect(b.code).toBe(2);
    expect(b.err).toContain('ballots[0].approvals');
  }, 180_000);
});
