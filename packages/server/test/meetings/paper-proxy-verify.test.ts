import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyMeeting } from '../../../cli/src/commands/verify-meeting.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { accountWithPhone, api, upload } from './proxies-paper-fixture.ts';
import { closeMeeting, official, openMeeting, runDueJobs } from './support.ts';

// Proxy and paper ballots join the same count: one meeting with online, proxy and paper ballots
// (one paper sheet overridden by the owner's online ballot, one still pending at close) is
// tallied, exported, and checked by `gongzhi verify-meeting` with no database.

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await createTestApp();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gz-h3-verify-'));
});
afterAll(async () => { await fs.rm(dir, { recursive: true, force: true }); });

describe('proxies and paper in the verifiable count', () => {
  it('convener + owners + proxy holder: online, proxy and confirmed paper ballots are tallied once each and the export verifies', async () => {
    const m = await openMeeting(t);
    const [matter, election] = m.itemIds as [number, number];
    const key = () => ({ 'idempotency-key': `k-${Math.random()}` });
    const vote = async (who: { cookie: string }, body: unknown) => {
      const res = await api(t, 'POST', `/meetings/${m.meetingId}/ballots`, who, body, key());
      expect(res.statusCode, res.body).toBe(200);
    };

    // A by proxy
    const holder = await accountWithPhone(t);
    const a = m.owner('A');
    const auth = await upload(t, a, m.estateId, m.meetingId);
    const p = (await api(t, 'POST', `/my/meetings/${m.meetingId}/proxies`, a, { holderPhone: holder.phone, attachmentId: auth })).json();
    expect((await api(t, 'POST', `/meetings/${m.meetingId}/proxies/${p.id}/approve`, m.convener)).statusCode).toBe(200);
    await vote(holder, { voterKey: a.voterKey, votes: [{ itemId: matter, choice: 'yes' }, { itemId: election, approvals: [m.candidateIds[0]] }] });
    // B and E online; B also sends a paper sheet, which the default profile ranks below
    await vote(m.owner('B'), { votes: [{ itemId: matter, choice: 'no' }] });
    await vote(m.owner('E'), { votes: [{ itemId: matter, choice: 'yes' }] });

    const checker = await official(t, 'committee_member', m.estateId);
    const scan = await upload(t, m.convener, m.estateId, m.meetingId, '纸质票.png');
    const sheet = async (unitId: number, confirm: boolean) => {
      const res = await api(t, 'POST', `/meetings/${m.meetingId}/paper-ballots`, m.convener,
        { unitId, votes: [{ itemId: matter, choice: 'yes' }, { itemId: election, approvals: [m.candidateIds[1]] }], attachmentId: scan });
      expect(res.statusCode, res.body).toBe(200);
      if (confirm) expect((await api(t, 'POST', `/meetings/${m.meetingId}/paper-ballots/${res.json().id}/confirm`, checker)).statusCode).toBe(200);
      return Number(res.json().id);
    };
    const [f, i] = m.unboundOwners;
    await sheet(f!.unitIds[0]!, true); // counts
    await sheet(m.owner('B').unitIds[0]!, true); // matter overridden by B's online ballot; election counts
    const waiting = await sheet(i!.unitIds[0]!, false); // still pending at close: the tally waits for it

    expect(await closeMeeting(t, m.meetingId)).toBe('closed');
    const rej = await api(t, 'POST', `/meetings/${m.meetingId}/paper-ballots/${waiting}/reject`, checker, { reason: '票面无签名' });
    expect(rej.statusCode, rej.body).toBe(200);
    await runDueJobs(t);
    expect((await t.pool.query('SELECT state FROM meetings WHERE id = $1', [m.meetingId])).rows[0].state).toBe('tallied');
    const counts = await t.pool.query('SELECT item_id, ballot_count FROM meeting_item_results WHERE meeting_id = $1 ORDER BY item_id', [m.meetingId]);
    // matter: A (proxy), B (online), E, F (paper); election: A (proxy), B (paper), F (paper)
    expect(counts.rows.map((r) => [Number(r.item_id), Number(r.ballot_count)])).toEqual([[matter, 4], [election, 3]]);

    const exp = await api(t, 'GET', `/meetings/${m.meetingId}/export`, m.street);
    expect(exp.statusCode, exp.body.slice(0, 200)).toBe(200);
    expect(exp.body).toContain('"proxy":"written"');
    expect(exp.body).toContain('"channel":"paper"');
    const file = path.join(dir, 'export.json');
    await fs.writeFile(file, exp.body);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await verifyMeeting([file])).toBe(0);
    } finally {
      log.mockRestore();
    }
  });
});
