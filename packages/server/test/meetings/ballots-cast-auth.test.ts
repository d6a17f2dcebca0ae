import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/platform/crypto.ts';
import { createRegionTree } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createVotingMeeting, ownerAccount, type BallotFixture } from './ballots-fixture.ts';

// The cast route authenticates in its write batch (route.ts deferAuth), not in the request hook:
// every refusal the hook gives must still come, with nothing written, and the session upkeep
// (idle clock, revoking the expired) must still happen.

let t: TestApp;
let f: BallotFixture;
beforeAll(async () => {
  t = await createTestApp();
  f = await createVotingMeeting(t.pool, { communityId: (await createRegionTree(t.pool)).communityId, owners: 6 });
});

let seq = 0;
const cast = (cookie: string) => t.request({
  method: 'POST', url: `/api/v1/meetings/${f.meetingId}/ballots`, cookie,
  body: { votes: [{ itemId: f.matterItemId, choice: 'yes' }] }, headers: { 'idempotency-key': `auth-${++seq}` },
});
const sid = (cookie: string) => sha256Hex(cookie.replace(/^gz_sid=/, ''));
const ballots = async () => (await t.pool.query('SELECT count(*)::int AS n FROM ballots WHERE meeting_id = $1', [f.meetingId])).rows[0].n as number;

describe('casting: the session is checked by the batch', () => {
  it('anyone: an unknown session cookie is 401 UNAUTHENTICATED and writes nothing', async () => {
    const before = await ballots();
    const res = await cast('gz_sid=not-a-session');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
    expect(await ballots()).toBe(before);
  });

  it('owner: an idle-expired session is 401 SESSION_EXPIRED, revoked, its cookie cleared, nothing written', async () => {
    const me = await ownerAccount(t, f, f.owners[0]!.ownerId);
    await t.pool.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE id_hash = $1`, [sid(me.cookie)]);
    const before = await ballots();
    const res = await cast(me.cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('SESSION_EXPIRED');
    expect(String(res.headers['set-cookie'])).toMatch(/gz_sid=;/);
    const s = await t.pool.query('SELECT revoked_at FROM sessions WHERE id_hash = $1', [sid(me.cookie)]);
    expect(s.rows[0].revoked_at).not.toBeNull();
    expect(await ballots()).toBe(before);
  });

  it('owner: a signed-out (revoked) session and a disabled account are refused', async () => {
    const a = await ownerAccount(t, f, f.owners[1]!.ownerId);
    await t.pool.query('UPDATE sessions SET revoked_at = now() WHERE id_hash = $1', [sid(a.cookie)]);
    expect((await cast(a.cookie)).json().code).toBe('SESSION_EXPIRED');
    const b = await ownerAccount(t, f, f.owners[2]!.ownerId);
    await t.pool.query('UPDATE accounts SET disabled = true WHERE id = $1', [b.accountId]);
    expect((await cast(b.cookie)).statusCode).toBe(401);
  });

  it('owner: before the second factor the cast is 401 MFA_REQUIRED', async () => {
    const me = await ownerAccount(t, f, f.owners[3]!.ownerId);
    await t.pool.query('UPDATE sessions SET mfa_passed = false WHERE id_hash = $1', [sid(me.cookie)]);
    const res = await cast(me.cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('MFA_REQUIRED');
  });

  it('owner: a cast keeps the session alive (idle clock touched when over a minute old) and audits the active role', async () => {
    const me = await ownerAccount(t, f, f.owners[4]!.ownerId);
    await t.pool.query(`UPDATE sessions SET last_seen_at = now() - interval '5 minutes' WHERE id_hash = $1`, [sid(me.cookie)]);
    const res = await cast(me.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const s = await t.pool.query(`SELECT now() - last_seen_at < interval '1 minute' AS fresh FROM sessions WHERE id_hash = $1`, [sid(me.cookie)]);
    expect(s.rows[0].fresh).toBe(true);
    const a = await t.pool.query(`SELECT actor_account_id, actor_role FROM audit_events WHERE action = 'ballot.cast' ORDER BY seq DESC LIMIT 1`);
    expect({ id: Number(a.rows[0].actor_account_id), role: a.rows[0].actor_role }).toEqual({ id: me.accountId, role: 'owner' });
  });
});
