import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.ts';
import { signedInAs } from '../support/factories.ts';
import { cast } from './results-support.ts';
import { closeMeeting, openMeeting } from './support.ts';

// Live turnout (issue 3): participation in area and heads over the frozen roster while voting
// is open; interim yes/no hidden until close unless the meeting shows it.

const get = (t: Awaited<ReturnType<typeof createTestApp>>, url: string, cookie: string) =>
  t.request({ method: 'GET', url: `/api/v1${url}`, cookie });

describe('turnout', () => {
  it('convener and owner: participation in area and heads as ballots arrive; yes/no hidden until close by default', async () => {
    const t = await createTestApp();
    const m = await openMeeting(t);
    const [matter, election] = m.itemIds as [number, number];
    const empty = (await get(t, `/meetings/${m.meetingId}/turnout`, m.convener.cookie)).json();
    expect(empty.items[0]).toMatchObject({ headTotal: 9, headParticipating: 0, areaParticipatingCenti: 0, ballotCount: 0, interim: null });
    expect(empty.interimShown).toBe(false);

    await cast(t, m.owner('B').cookie, m.meetingId, [{ itemId: matter, choice: 'yes' }, { itemId: election, approvals: [m.candidateIds[0]!] }]);
    const one = await get(t, `/my/meetings/${m.meetingId}/turnout`, m.owner('A').cookie);
    expect(one.statusCode).toBe(200);
    // B owns 1栋102 and 103 (80.00 + 1.25 and 80.00 + 2.50 m²): one head with both units' area
    expect(one.json().items[0]).toMatchObject({ headParticipating: 1, areaParticipatingCenti: 8125 + 8250, ballotCount: 1, interim: null });
    expect(one.json().items[1]).toMatchObject({ headParticipating: 1, interimCandidates: null });

    // the cached answer is replaced as soon as another ballot lengthens a chain
    await cast(t, m.owner('C').cookie, m.meetingId, [{ itemId: matter, choice: 'no' }]);
    const two = (await get(t, `/meetings/${m.meetingId}/turnout`, m.street.cookie)).json();
    expect(two.items[0]).toMatchObject({ headParticipating: 2, ballotCount: 2 });
    expect(two.items[1]).toMatchObject({ headParticipating: 1 });

    expect(await closeMeeting(t, m.meetingId)).toBe('tallied');
    const closed = (await get(t, `/my/meetings/${m.meetingId}/turnout`, m.owner('B').cookie)).json();
    expect(closed.interimShown).toBe(true);
    expect(closed.items[0].interim).toMatchObject({ headYes: 1, headNo: 1, headAbstain: 0, areaYesCenti: 16375 });
    expect(closed.items[1].interimCandidates[0]).toMatchObject({ candidateId: m.candidateIds[0], name: '王一', approvalHeads: 1 });
  }, 120_000);

  it('owner: interim yes/no are shown during the vote when the meeting says so', async () => {
    const t = await createTestApp();
    const m = await openMeeting(t, { interimVisible: true });
    await cast(t, m.owner('E').cookie, m.meetingId, [{ itemId: m.itemIds[0]!, choice: 'abstain' }]);
    const res = (await get(t, `/my/meetings/${m.meetingId}/turnout`, m.owner('E').cookie)).json();
    expect(res.interimShown).toBe(true);
    expect(res.items[0].interim).toMatchObject({ headAbstain: 1, headYes: 0, headNo: 0 });
  }, 120_000);

  it('anyone without a vote in the meeting: its owner turnout is absent (404); before the notice there is none (409)', async () => {
    const t = await createTestApp();
    const m = await openMeeting(t, { stopAt: 'approved' });
    const stranger = await signedInAs(t, { role: 'owner' });
    const s = await get(t, `/my/meetings/${m.meetingId}/turnout`, stranger.cookie);
    expect(s.statusCode).toBe(404);
    const early = await get(t, `/meetings/${m.meetingId}/turnout`, m.convener.cookie);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('RESULT_NOT_AVAILABLE');
    // results and exports wait for the end of the vote
    for (const url of ['results', 'export', 'result.pdf']) {
      const r = await get(t, `/meetings/${m.meetingId}/${url}`, m.convener.cookie);
      expect(r.statusCode, url).toBe(409);
    }
  }, 120_000);
});
