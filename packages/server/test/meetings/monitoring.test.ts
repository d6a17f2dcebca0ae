import { beforeAll, describe, expect, it } from 'vitest';
import { createRegionTree } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { addHeads, castBallots, minutesAgo } from './monitoring-facts.ts';
import { official, openMeeting, type OpenedMeeting } from './support.ts';

// GET /meetings/:id/flags — the street officer's monitoring flags with the ballots behind each.
// Facts are chained through the ballot writer with chosen addresses, devices and times; the
// thresholds are the domain's defaults (platform policy), so each test crosses one of them.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const flagsOf = (m: OpenedMeeting, cookie = m.street.cookie, qs = '') =>
  t.request({ method: 'GET', url: `/api/v1/meetings/${m.meetingId}/flags${qs}`, cookie });
type Flag = { kind: string; subject: string | null; ballotCount: number; voterKeys: string[]; truncated: boolean; ballots: Record<string, unknown>[] };
const flag = (body: { flags: Flag[] }, kind: string) => body.flags.find((f) => f.kind === kind);
const heads = (m: OpenedMeeting, n: number) =>
  addHeads(t, { meetingId: m.meetingId, estateId: m.estateId, buildingId: m.buildingIds[0]!, building: '1栋', n });

describe('monitoring flags', () => {
  it('street officer: no ballots yet — no flags, and the note says the thresholds are platform policy', async () => {
    const m = await openMeeting(t);
    const res = await flagsOf(m);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ meetingId: m.meetingId, state: 'voting_open', ballotsExamined: 0, flags: [] });
    expect(body.note).toContain('非法律规定');
  });

  it('street officer: ten owners from one address within minutes — a same-address flag with its ballots, address masked, no choices', async () => {
    const m = await openMeeting(t);
    const keys = await heads(m, 10);
    const ids = await castBallots(t, m.meetingId, keys.map((voterKey, i) => ({
      itemId: m.itemIds[0]!, voterKey, castAt: new Date(minutesAgo(30).getTime() + i * 20_000), ip: '203.0.113.45',
    })));
    // owner A from elsewhere, an hour earlier: not behind the flag
    await castBallots(t, m.meetingId, [{ itemId: m.itemIds[0]!, voterKey: m.owner('A').voterKey, castAt: minutesAgo(90), ip: '203.0.113.45' }]);
    const res = await flagsOf(m);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.ballotsExamined).toBe(11);
    const f = flag(body, 'same_address')!;
    expect(f).toMatchObject({ subject: '203.0.113.*', ballotCount: 10, truncated: false, severity: 'warning', label: '同一网络地址短时间内多户投票' });
    expect(f.voterKeys).toEqual(keys);
    expect(f.ballots.map((b) => b.ballotId)).toEqual(ids);
    expect(f.ballots[0]).toMatchObject({ itemId: m.itemIds[0], channel: 'online', status: 'current', ip: '203.0.113.*', device: null });
    expect(String(f.ballots[0]!.units)).toMatch(/^1栋-X/);
    expect((f.ballots[0]!.ownerNames as string[])[0]).toMatch(/^加户/);
    expect(body.namesShown).toBe(true);
    expect(res.body).not.toContain('203.0.113.45');
    expect(res.body).not.toContain('"choice"');
    expect(res.body).not.toContain('"yes"');

    // a page of three ballots under each flag; the counts stay complete; ?kind= narrows the list
    const page = (await flagsOf(m, m.street.cookie, '?limit=3&kind=same_address')).json();
    expect(page.flags).toHaveLength(1);
    expect(page.flags[0]).toMatchObject({ ballotCount: 10, truncated: true });
    expect(page.flags[0].ballots).toHaveLength(3);
  });

  it('street officer: one device for five owners within half an hour — a same-device flag showing only a short hash', async () => {
    const m = await openMeeting(t);
    const keys = await heads(m, 5);
    await castBallots(t, m.meetingId, keys.map((voterKey, i) => ({
      itemId: m.itemIds[0]!, voterKey, castAt: new Date(minutesAgo(60).getTime() + i * 5 * 60_000), device: 'device-secret-7f3a', ip: `198.51.100.${i}`,
    })));
    const res = await flagsOf(m);
    const f = flag(res.json(), 'same_device')!;
    expect(f).toMatchObject({ ballotCount: 5, severity: 'high' });
    expect(f.subject).toMatch(/^设备 [0-9a-f]{8}$/);
    expect(f.ballots[0]!.device).toMatch(/^[0-9a-f]{8}$/);
    expect(res.json().flags[0].kind).toBe('same_device'); // the most severe first
    expect(res.body).not.toContain('device-secret-7f3a');
  });

  it('street officer: owners casting through the app on one phone behind one address — same device and recent binding, as the cast endpoint recorded them', async () => {
    const m = await openMeeting(t);
    const voters = ['A', 'B', 'C', 'E', 'G'].map((n) => m.owner(n));
    for (const [i, o] of voters.entries()) {
      const res = await t.request({
        method: 'POST', url: `/api/v1/meetings/${m.meetingId}/ballots`, cookie: o.cookie,
        headers: { 'idempotency-key': `mon-${i}`, 'x-forwarded-for': '203.0.113.77', 'x-device-id': 'canvasser-phone-1' },
        body: { votes: [{ itemId: m.itemIds[0], choice: 'yes' }] },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const body = (await flagsOf(m)).json();
    const device = flag(body, 'same_device')!;
    expect(device.voterKeys).toEqual(voters.map((o) => o.voterKey).sort());
    expect(device.ballots.every((b) => b.ip === '203.0.113.*')).toBe(true);
    // the helper's owners were bound moments before voting opened
    expect(flag(body, 'recent_binding')!.voterKeys).toEqual(voters.map((o) => o.voterKey).sort());
    expect(flag(body, 'same_address')).toBeUndefined(); // five heads: under the address threshold of ten
  });

  it('street officer: a proxy holder acting for six owners — many proxies, with the holder\'s name', async () => {
    const m = await openMeeting(t);
    const keys = await heads(m, 6);
    const holder = m.owner('E');
    const p = await t.pool.query(
      `INSERT INTO meeting_proxies (meeting_id, voter_key, owner_id, holder_account_id, holder_name, status, requested_by, reviewed_by, reviewed_at)
       SELECT $1, k, substr(k, 2)::bigint, $2, '代理人钱七', 'approved', $3, $3, now() FROM unnest($4::text[]) AS k RETURNING id, voter_key`,
      [m.meetingId, holder.accountId, m.convener.accountId, keys],
    );
    const five = p.rows.slice(0, 5);
    await castBallots(t, m.meetingId, five.map((r) => ({
      itemId: m.itemIds[0]!, voterKey: r.voter_key, castAt: minutesAgo(5), proxyId: Number(r.id), accountId: holder.accountId,
    })));
    const f = flag((await flagsOf(m)).json(), 'many_proxies')!;
    expect(f).toMatchObject({ subject: '代理人钱七', ballotCount: 5 });
    expect(f.voterKeys).toEqual(keys); // six heads: five voted, one proxy not yet used
    expect(f.ballots[0]!.proxyHolderName).toBe('代理人钱七');
  });

  it('street officer: four of ten voters on paper — a paper-share flag with the paper ballots', async () => {
    const m = await openMeeting(t);
    const keys = await heads(m, 10);
    await castBallots(t, m.meetingId, keys.map((voterKey, i) => ({
      itemId: m.itemIds[0]!, voterKey, castAt: minutesAgo(20 + i * 30), channel: i < 4 ? 'paper' as const : 'online' as const,
    })));
    const f = flag((await flagsOf(m)).json(), 'paper_share')!;
    expect(f).toMatchObject({ ballotCount: 4, severity: 'info' });
    expect(f.ballots.every((b) => b.channel === 'paper')).toBe(true);
  });

  it('street officer: most voters in the last hour before close — a deadline-burst flag with the late ballots', async () => {
    const m = await openMeeting(t);
    await t.pool.query(`UPDATE meetings SET voting_closes_at = now() + interval '30 minutes' WHERE id = $1`, [m.meetingId]);
    const keys = await heads(m, 10);
    await castBallots(t, m.meetingId, keys.map((voterKey, i) => ({
      itemId: m.itemIds[0]!, voterKey, castAt: i < 7 ? minutesAgo(10 + i) : minutesAgo(600 + i),
    })));
    const f = flag((await flagsOf(m)).json(), 'deadline_burst')!;
    expect(f).toMatchObject({ ballotCount: 7 });
    expect(f.voterKeys).toEqual(keys.slice(0, 7).sort());
  });

  it('street officer: an owner changing one ballot three times — many changes, every version behind the flag', async () => {
    const m = await openMeeting(t);
    const a = m.owner('A');
    const ids = await castBallots(t, m.meetingId, [0, 1, 2, 3].map((i) => ({ itemId: m.itemIds[0]!, voterKey: a.voterKey, castAt: minutesAgo(40 - i) })));
    const f = flag((await flagsOf(m)).json(), 'many_changes')!;
    expect(f.voterKeys).toEqual([a.voterKey]);
    expect(f.ballots.map((b) => b.ballotId)).toEqual(ids);
    expect(f.ballots.map((b) => b.status)).toEqual(['superseded', 'superseded', 'superseded', 'current']);
    expect(f.ballots[0]!.units).toEqual(['1栋-101']);
  });

  it('street officer: owners bound just before voting — a recent-binding flag; an owner bound a month ago is not behind it', async () => {
    const m = await openMeeting(t);
    const [a, b] = [m.owner('A'), m.owner('B')];
    await t.pool.query(`UPDATE bindings SET reviewed_at = now() - interval '30 days' WHERE account_id = $1`, [b.accountId]);
    await castBallots(t, m.meetingId, [a, b].map((o) => ({ itemId: m.itemIds[0]!, voterKey: o.voterKey, castAt: minutesAgo(1), accountId: o.accountId })));
    const f = flag((await flagsOf(m)).json(), 'recent_binding')!;
    expect(f.voterKeys).toEqual([a.voterKey]);
    expect(f.ballots[0]!.units).toEqual(['1栋-101']);
  });

  it('community officer of the estate: sees the flags; an officer of another street: 404; the convener and owners: 403', async () => {
    const m = await openMeeting(t);
    const community = await official(t, 'community_officer', m.communityId);
    expect((await flagsOf(m, community.cookie)).statusCode).toBe(200);
    const elsewhere = await createRegionTree(t.pool);
    const stranger = await official(t, 'street_officer', elsewhere.streetId);
    const res = await flagsOf(m, stranger.cookie);
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe('会议不存在');
    expect((await flagsOf(m, m.convener.cookie)).statusCode).toBe(403);
    expect((await flagsOf(m, m.owner('A').cookie)).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: `/api/v1/meetings/${m.meetingId}/flags` })).statusCode).toBe(401);
  });

  it('street officer: an unknown meeting is a 404; a bad kind is a 400 naming the field', async () => {
    const m = await openMeeting(t);
    expect((await t.request({ method: 'GET', url: '/api/v1/meetings/999999999/flags', cookie: m.street.cookie })).statusCode).toBe(404);
    const bad = await flagsOf(m, m.street.cookie, '?kind=nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('querystring.kind');
  });
});
