import { beforeAll, describe, expect, it } from 'vitest';
import { makeJobsDue } from './multi-instance-jobs.ts';
import { call, piiFindings, scanned, signIn, startCluster, type Cluster } from './multi-instance-support.ts';

// why: the platform claims it scales out by running several servers on one PostgreSQL behind a
// load balancer, with nothing kept in a server's memory that the others need. This file proves
// it with two real `gongzhi start` processes (GONGZHI_INSTANCE_ID instance-1 / instance-2) behind
// the round-robin balancer: a session opened on one instance is honoured by the other, and a
// logout on one is a logout everywhere (sessions live in the database); the same GET answers
// with byte-identical bodies whichever instance serves it (no per-process state leaks into a
// result); and when one instance is killed (SIGKILL) under load, the balancer keeps serving
// from the other without a failed request. And every durable deadline job — meeting close (and
// the tally it schedules), the cases sweep, fund review and question deadlines, the filings check
// — made due many at once while both instances poll, runs exactly once: each effect (state
// change, audit event) happens once, every job is done after one attempt, and both instances
// took a share (jobs.ran_by).

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

  it('community officer, chair: a registry change made on instance 1 shows at once on instance 2, whose cached units page it invalidates', async () => {
    // GET /units is served from each process's own read cache (platform/read-cache.ts); the entry
    // is stamped with the database's registry version, so another instance's write must end it
    const [one, two] = c.inst.urls as [string, string];
    const chair = await signIn(c.inst.lb.url, 'chair');
    const community = await signIn(c.inst.lb.url, 'community');
    const { rows: [u] } = await c.t.pool.query(
      `SELECT u.id, u.estate_id, u.area_centi FROM units u JOIN estates e ON e.id = u.estate_id WHERE e.name = '翠竹苑' ORDER BY u.id LIMIT 1`,
    );
    const page = `/units?estateId=${u.estate_id}&pageSize=5`;
    const before = await call(two, page, { cookie: chair });
    expect(before.status).toBe(200);
    expect((await call(two, page, { cookie: chair })).text).toBe(before.text); // now cached on instance 2
    const areaOf = (text: string) => (JSON.parse(text).items as { id: number; areaCenti: number }[]).find((x) => x.id === Number(u.id))?.areaCenti;
    expect(areaOf(before.text)).toBe(Number(u.area_centi));

    const patched = await call(one, `/units/${u.id}`, { method: 'PATCH', cookie: community, body: { areaCenti: Number(u.area_centi) + 1 } });
    expect(patched.status, patched.text).toBe(200);
    const after2 = await call(two, page, { cookie: chair });
    const after1 = await call(one, page, { cookie: chair });
    expect(areaOf(after2.text)).toBe(Number(u.area_centi) + 1);
    expect(after2.text).toBe(after1.text);
  }, 60_000);
});

describe('durable jobs with two instances polling', () => {
  it('system: every job kind made due at once runs exactly once, shared between both instances', async () => {
    const pool = c.t.pool;
    const work = await makeJobsDue(pool, { meetings: 20, questions: 30, fundDuplicates: 5 });
    expect(work.caseIds.length).toBeGreaterThan(0);
    // the closes schedule the tallies: wait for those too
    const ours = async () => (await pool.query(
      `SELECT id, kind, status, attempts, ran_by FROM jobs
        WHERE id = ANY($1) OR (kind = 'meeting.tally' AND (payload->>'meetingId')::bigint = ANY($2))`,
      [work.jobIds, work.meetingIds],
    )).rows;
    const deadline = Date.now() + 90_000;
    let jobs = await ours();
    while (Date.now() < deadline && (jobs.some((j) => j.status === 'pending') || jobs.length < work.jobIds.length + work.meetingIds.length)) {
      await new Promise((r) => setTimeout(r, 250));
      jobs = await ours();
    }
    expect(jobs.filter((j) => j.status !== 'done' || j.attempts !== 1)).toEqual([]);
    expect(jobs.length).toBe(work.jobIds.length + work.meetingIds.length);
    const byInstance = new Map<string, number>();
    for (const j of jobs) byInstance.set(j.ran_by, (byInstance.get(j.ran_by) ?? 0) + 1);
    // both instances ran some, and nothing else did
    expect([...byInstance.keys()].sort()).toEqual([...c.inst.instanceIds].sort());

    const once = async (targetType: string, ids: number[], actions: string[]) => {
      const r = await pool.query(
        `SELECT target_id, count(*)::int AS n FROM audit_events
          WHERE target_type = $1 AND target_id = ANY($2::text[]) AND action = ANY($3) AND at >= $4 GROUP BY target_id`,
        [targetType, ids.map(String), actions, work.since],
      );
      return { events: r.rows.reduce((a, x) => a + x.n, 0), targets: r.rows.length, twice: r.rows.filter((x) => x.n > 1).length };
    };
    const n = (ids: number[]) => ({ events: ids.length, targets: ids.length, twice: 0 });
    // meetings: closed once, tallied once
    expect(await once('meeting', work.meetingIds, ['meeting.close'])).toEqual(n(work.meetingIds));
    const m = await pool.query(`SELECT count(*)::int AS n FROM meetings WHERE id = ANY($1) AND state <> 'voting_open'`, [work.meetingIds]);
    expect(m.rows[0].n).toBe(work.meetingIds.length);
    expect(await once('meeting', work.meetingIds, ['meeting.tally'])).toEqual(n(work.meetingIds));
    const results = await pool.query(`SELECT count(*)::int AS n FROM meeting_item_results WHERE meeting_id = ANY($1)`, [work.meetingIds]);
    expect(results.rows[0].n).toBe(work.meetingIds.length);
    // questions: escalated once each, one notice to the community per question
    expect(await once('disclosure_question', work.questionIds, ['disclosure.question.escalate'])).toEqual(n(work.questionIds));
    const q = await pool.query(`SELECT count(*)::int AS n FROM disclosure_questions WHERE id = ANY($1) AND state = 'escalated'`, [work.questionIds]);
    expect(q.rows[0].n).toBe(work.questionIds.length);
    // the fund review deadline: five jobs, one effect
    expect(await once('fund_application', [work.applicationId], ['fund.review.overdue'])).toEqual(n([work.applicationId]));
    // the cases: every due case escalated one rung or flagged overdue, once
    expect(await once('case', work.caseIds, ['case.escalate', 'case.overdue'])).toEqual(n(work.caseIds));
    const esc = await pool.query(
      `SELECT count(*)::int AS n, count(DISTINCT case_id)::int AS d FROM case_escalations WHERE case_id = ANY($1) AND at >= $2`,
      [work.caseIds, work.since],
    );
    expect(esc.rows[0].n).toBe(esc.rows[0].d);
    console.log(JSON.stringify({
      multiInstanceJobs: { jobs: jobs.length, byInstance: Object.fromEntries(byInstance), meetings: work.meetingIds.length, questions: work.questionIds.length, cases: work.caseIds.length, escalations: esc.rows[0].n },
    }));
  }, 120_000);
});

describe('one instance dies under load', () => {
  it('system: after SIGKILL of instance 2 mid-load, every GET through the balancer is still answered 200', async () => {
    const cookie = await signIn(c.inst.lb.url, 'chair');
    const urls = ['/auth/me', '/notices', '/cases', '/my/notices'];
    const statuses = new Map<number, number>();
    const retriedBefore = c.inst.lb.retried;
    let sent = 0;
    let stop = false;
    const client = async () => {
      while (!stop) {
        const a = await call(c.inst.lb.url, urls[sent++ % urls.length]!, { cookie }).catch(() => ({ status: 0 }));
        statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      }
    };
    const clients = Array.from({ length: 8 }, client);
    while (sent < 40) await new Promise((r) => setTimeout(r, 20));
    const victim = c.inst.platforms[1]!;
    victim.child.kill('SIGKILL');
    await new Promise((r) => victim.child.once('exit', r));
    const atKill = sent;
    while (sent < atKill + 80) await new Promise((r) => setTimeout(r, 20));
    stop = true;
    await Promise.all(clients);
    console.log(JSON.stringify({ multiInstanceKill: { sent, atKill, statuses: Object.fromEntries(statuses), retried: c.inst.lb.retried - retriedBefore, answered: c.inst.lb.answered } }));
    expect([...statuses.keys()]).toEqual([200]);
    // the balancer did meet the dead instance and sent the request elsewhere
    expect(c.inst.lb.retried - retriedBefore).toBeGreaterThan(0);
  }, 60_000);
});

describe('personal data in the instances\' answers', () => {
  it('system: no answer read from either instance in this file carried a full ID number or mobile number', () => {
    expect(scanned.answers).toBeGreaterThan(100);
    expect(piiFindings.map((h) => `${h.url}: ${h.kind} ${h.excerpt}`)).toEqual([]);
  });
});
