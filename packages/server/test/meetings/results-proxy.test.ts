import { describe, expect, it } from 'vitest';
import { chainBallots } from '../../src/modules/meetings/ballot-writer.ts';
import { withTx } from '../../src/platform/db.ts';
import { signedInAs } from '../support/factories.ts';
import { createTestApp } from '../support/test-app.ts';
import { cast } from './results-support.ts';
import { closeMeeting, openMeeting } from './support.ts';

// Proxies and paper ballots in the tallied record: a proxy holder's ballot counts for the owner
// (written authorisation on file), never under the holder's identity; a spoiled paper ballot
// takes part without being a yes.

describe('proxy and paper ballots in the tally', () => {
  it('proxy holder: votes for an unbound owner, sees the turnout, and the ballot counts as a written proxy', async () => {
    const t = await createTestApp();
    const m = await openMeeting(t);
    const f = m.unboundOwners.find((o) => o.name === 'F')!;
    const holder = await signedInAs(t, { role: 'owner' });
    await t.pool.query(
      `INSERT INTO meeting_proxies (meeting_id, voter_key, owner_id, holder_account_id, holder_name, status, requested_by, reviewed_by, reviewed_at)
       VALUES ($1, $2, $3, $4, '代理人甲', 'approved', $5, $5, now())`,
      [m.meetingId, f.voterKey, f.ownerId, holder.accountId, m.convener.accountId],
    );
    await cast(t, holder.cookie, m.meetingId, [{ itemId: m.itemIds[0]!, choice: 'yes' }], f.voterKey);
    const turnout = await t.request({ method: 'GET', url: `/api/v1/my/meetings/${m.meetingId}/turnout`, cookie: holder.cookie });
    expect(turnout.statusCode).toBe(200);
    expect(turnout.json().items[0]).toMatchObject({ headParticipating: 1 });

    // I's ballot arrives on paper, spoiled (confirmed paper ballots are chained by the ballot writer)
    const i = m.unboundOwners.find((o) => o.name === 'I')!;
    await withTx(t.pool, (db) => chainBallots(db, m.meetingId, [
      { itemId: m.itemIds[0]!, voterKey: i.voterKey, channel: 'paper', choice: 'spoiled', castByOwnerId: i.ownerId },
    ]));

    expect(await closeMeeting(t, m.meetingId)).toBe('tallied');
    const ex = (await t.request({ method: 'GET', url: `/api/v1/meetings/${m.meetingId}/export`, cookie: m.convener.cookie })).json();
    const record = ex.items[0].record;
    const [proxyBallot, paperBallot] = record.ballots;
    const fUnit = record.units.find((u: { unit: string }) => u.unit === '1栋-106');
    expect(proxyBallot).toMatchObject({ owner: fUnit.owner, proxy: 'written', channel: 'online', choice: 'yes' });
    expect(proxyBallot.castBy).toMatch(/^[0-9a-f]{64}$/);
    expect(proxyBallot.castBy).not.toBe(proxyBallot.owner);
    expect(paperBallot).toMatchObject({ channel: 'paper', choice: 'spoiled' });
    expect(paperBallot.castBy).toBeUndefined(); // cast for I by I: the owner itself
    // the holder's raw key ('a' + account id) never appears as a value; a bare substring check
    // would also match inside the 64-hex hashes by chance
    expect(JSON.stringify(ex)).not.toContain(`"a${holder.accountId}"`);

    const res = (await t.request({ method: 'GET', url: `/api/v1/meetings/${m.meetingId}/results`, cookie: m.convener.cookie })).json();
    expect(res.items[0]).toMatchObject({
      headParticipating: 2, headYes: 1, headSpoiled: 1, areaSpoiledCenti: 8000 + 8 * 125, passed: false, flags: [],
    });
  }, 120_000);
});
