import { spawn } from 'node:child_process';
import path from 'node:path';
import {
  electionResultToJson, GENESIS_LINK, merkleRoot, parseDecisionRecord, parseElectionRecord, receiptHash, resultToJson, tally,
  tallyElection,
} from '@gongzhi/domain';
import { describe, expect, it } from 'vitest';

// `gongzhi verify-meeting` on a small export built here with the domain's own functions (no
// server, no database): a matter item with a changed ballot and an election item.

const ROOT = path.resolve(import.meta.dirname, '../../..');

function verify(stdin: string, args = ['-']): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', 'verify-meeting', ...args], {
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

const P = (c: string) => c.repeat(64);
const units = [
  { unit: '1-101', building: '1', status: 'sold', owner: P('a'), area: 90 },
  { unit: '1-102', building: '1', status: 'sold', owner: P('b'), area: 95.5 },
  { unit: '1-103', building: '1', status: 'sold', owner: P('c'), area: 100 },
];

/** Links cast in order; returns the chain with receipts and which links are final. */
function chain(meetingId: number, itemId: number, casts: Array<[string, string, 'current' | 'superseded']>) {
  let prev = GENESIS_LINK;
  return casts.map(([pseudonym, choice, status], i) => {
    const castAt = new Date(Date.UTC(2026, 4, 1, 9, 0, i)).toISOString();
    const receipt = receiptHash({ meetingId, itemId, pseudonym, choice, castAt, prevLink: prev });
    const link = { chainSeq: i + 1, pseudonym, choice, castAt, prevLink: prev, receipt, status };
    prev = receipt;
    return link;
  });
}

function exportDoc() {
  const matterChain = chain(7, 70, [[P('a'), 'no', 'superseded'], [P('b'), 'yes', 'current'], [P('a'), 'yes', 'current']]);
  const matterRecord = {
    format: 'gongzhi.decision-record/v1', rules: 'civil-code-2021', options: {}, matter: 4, developer: P('d'), units,
    ballots: [{ owner: P('b'), seq: 2, channel: 'online', choice: 'yes' }, { owner: P('a'), seq: 3, channel: 'online', choice: 'yes' }],
  };
  const electionChain = chain(7, 71, [[P('c'), 'approvals:5,9', 'current'], [P('b'), 'approvals:9', 'current']]);
  const electionRecord = {
    format: 'gongzhi.election-record/v1', rules: 'civil-code-2021', options: {}, matter: 3, seats: 2, developer: P('d'), units,
    candidates: [{ id: 'c5', name: '王一' }, { id: 'c9', name: '李二' }],
    ballots: [{ owner: P('c'), seq: 1, channel: 'online', approvals: ['c9', 'c5'] }, { owner: P('b'), seq: 2, channel: 'online', approvals: ['c9'] }],
  };
  const m = parseDecisionRecord(matterRecord);
  const e = parseElectionRecord(electionRecord);
  if (!m.ok || !e.ok) throw new Error('fixture records invalid');
  const final = (c: ReturnType<typeof chain>) => merkleRoot(c.filter((l) => l.status === 'current').map((l) => l.receipt));
  return {
    format: 'gongzhi.meeting-export/v1',
    meeting: { id: 7, title: '测试会议' },
    items: [
      { itemId: 70, kind: 'matter', record: matterRecord, chain: matterChain, merkleRoot: final(matterChain), result: resultToJson(tally(m.record)) },
      { itemId: 71, kind: 'election', record: electionRecord, chain: electionChain, merkleRoot: final(electionChain),
        result: electionResultToJson(tallyElection(e.record), e.names) },
    ],
  };
}

describe('gongzhi verify-meeting', () => {
  it('anyone: a consistent export verifies, matter and election items, exit 0', async () => {
    const r = await verify(JSON.stringify(exportDoc()));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('核验通过');
    expect(r.out).toContain('elected: c9');
  }, 180_000);

  it('anyone: a superseded link altered, an election approval changed, a link dropped: exit 2 naming it', async () => {
    const a = exportDoc();
    a.items[0]!.chain[0]!.choice = 'yes';
    const r1 = await verify(JSON.stringify(a));
    expect(r1.code).toBe(2);
    expect(r1.err).toContain('items[0].chain[0]');

    const b = exportDoc();
    (b.items[1]!.record.ballots[1] as { approvals: string[] }).approvals = ['c5'];
    const r2 = await verify(JSON.stringify(b));
    expect(r2.code).toBe(2);
    expect(r2.err).toContain('items[1].record.ballots[1].approvals');

    const c = exportDoc();
    c.items[0]!.chain.splice(1, 1);
    const r3 = await verify(JSON.stringify(c));
    expect(r3.code).toBe(2);
    expect(r3.err).toContain('items[0].chain[1]');
  }, 240_000);

  it('anyone: not an export, or no file: exit 2 with the reason', async () => {
    const r1 = await verify(JSON.stringify({ format: 'gongzhi.decision-record/v1' }));
    expect(r1.code).toBe(2);
    expect(r1.err).toContain('format');
    const r2 = await verify('', []);
    expect(r2.code).toBe(2);
    expect(r2.err).toContain('gongzhi verify-meeting');
  }, 180_000);
});
