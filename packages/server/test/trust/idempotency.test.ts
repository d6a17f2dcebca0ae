import { beforeAll, describe, expect, it } from 'vitest';
import { idempotencyJobHandlers, PURGE_JOB } from '../../src/platform/idempotency.ts';
import { withTx } from '../../src/platform/db.ts';
import { noticeWorld, type NoticeWorld, type Signed } from '../disclosure/notice-fixture.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// why: the generic Idempotency-Key (platform/idempotency.ts) is what lets a client retry a
// mutation after a lost answer without doing it twice. This proves, through HTTP on a real
// PostgreSQL: a replay returns the first answer and changes nothing; the same key with another
// body is refused 409 IDEMPOTENCY_KEY_REUSED; 20 concurrent duplicates make one effect; a refused
// request stores nothing (its key stays usable); keys are per account; GET, anonymous routes and
// malformed keys behave as documented; the daily purge deletes old rows and reschedules itself.

let t: TestApp;
let w: NoticeWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await noticeWorld(t);
}, 60_000);

const post = (who: Signed, url: string, body: unknown, key?: string) => t.request({
  method: 'POST', url: `/api/v1${url}`, cookie: who.cookie, body, headers: key ? { 'idempotency-key': key } : {},
});
const draftBody = (title: string) => ({ kind: 'notice', title, body: '周三 9:00-12:00 停水', audience: 'owners' });
const counts = async () => (await t.pool.query(
  `SELECT (SELECT count(*) FROM notices)::int AS notices, (SELECT count(*) FROM audit_events)::int AS audit,
          (SELECT count(*) FROM idempotent_requests)::int AS keys`,
)).rows[0] as { notices: number; audit: number; keys: number };

describe('replay and reuse', () => {
  it('committee chair: the same key and body twice creates one draft; the retry gets the first answer, marked replayed', async () => {
    const before = await counts();
    const first = await post(w.a.committee, `/estates/${w.a.estateId}/notices`, draftBody('停水通知 replay'), 'k-replay-1');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await post(w.a.committee, `/estates/${w.a.estateId}/notices`, draftBody('停水通知 replay'), 'k-replay-1');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const after = await counts();
    expect(after).toEqual({ notices: before.notices + 1, audit: before.audit + 1, keys: before.keys + 1 });
    const stored = await t.pool.query('SELECT account_id, method, route, status FROM idempotent_requests WHERE key = $1', ['k-replay-1']);
    expect(stored.rows).toEqual([{ account_id: w.a.committee.accountId, method: 'POST', route: '/estates/:id/notices', status: 200 }]);
  });

  it('committee chair: the same key with another body (or another route) is refused 409 IDEMPOTENCY_KEY_REUSED and changes nothing', async () => {
    expect((await post(w.a.committee, `/estates/${w.a.estateId}/notices`, draftBody('原标题'), 'k-reuse')).statusCode).toBe(200);
    const before = await counts();
    const other = await post(w.a.committee, `/estates/${w.a.estateId}/notices`, draftBody('另一个标题'), 'k-reuse');
    expect(other.statusCode, other.body).toBe(409);
    expect(other.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(other.json().message).toMatch(/Idempotency-Key/);
    const id = (await t.pool.query('SELECT max(id)::int AS id FROM notices')).rows[0].id;
    const otherRoute = await post(w.a.committee, `/notices/${id}/publish`, {}, 'k-reuse');
    expect(otherRoute.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await counts()).toEqual(before);
  });

  it('owner and committee: keys are per account — the same key used by two accounts runs for each', async () => {
    const other = w.b.committee;
    const a = await post(w.a.committee, `/estates/${w.a.estateId}/notices`, draftBody('同一编号 A'), 'k-shared');
    const b = await post(other, `/estates/${w.b.estateId}/notices`, draftBody('同一编号 B'), 'k-shared');
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(a.json().id).not.toBe(b.json().id);
  });
});

describe('concurrency', () => {
  it('committee chair: 20 concurrent requests with one key make exactly one draft; all get the same answer', async () => {
    const before = await counts();
    const answers = await Promise.all(Array.from({ length: 20 }, () =>
      post(w.a.committee, `/estates/${w.a.estateId}/notices`, draftBody('并发通知'), 'k-concurrent')));
    expect(answers.map((r) => r.statusCode)).toEqual(answers.map(() => 200));
    expect(new Set(answers.map((r) => r.json().id)).size).toBe(1);
    expect(answers.filter((r) => r.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
    expect(await counts()).toEqual({ notices: before.notices + 1, audit: before.audit + 1, keys: before.keys + 1 });
    const n = await t.pool.query("SELECT count(*)::int AS n FROM notices WHERE title = '并发通知'");
    expect(n.rows[0].n).toBe(1);
  });
});

describe('refusals and where the key does not apply', () => {
  it('committee chair: a refused request (409 on publishing twice) stores nothing; the key then works for a valid request', async () => {
    const d = (await post(w.a.committee, `/estates/${w.a.estateId}/notices`, draftBody('发布两次'))).json();
    expect((await post(w.a.committee, `/notices/${d.id}/publish`, {})).statusCode).toBe(200);
    const before = await counts();
    const refused = await post(w.a.committee, `/notices/${d.id}/publish`, {}, 'k-refused');
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(refused.statusCode).toBeLessThan(500);
    expect(await counts()).toEqual(before);
    const ok = await post(w.a.committee, `/estates/${w.a.estateId}/notices`, draftBody('编号再用'), 'k-refused');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.headers['idempotent-replayed']).toBeUndefined();
  });

  it('committee chair: a malformed key is refused 400 before anything runs', async () => {
    const before = await counts();
    const bad = await post(w.a.committee, `/estates/${w.a.estateId}/notices`, draftBody('坏编号'), 'x'.repeat(201));
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ field: 'headers.idempotency-key' }] } });
    expect(await counts()).toEqual(before);
  });

  it('anonymous and signed-in: a sign-in attempt carrying a key is not keyed (public route: no account, a cookie answer): nothing is stored', async () => {
    const before = await counts();
    const r = await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { login: 'nobody-here', password: 'wrong-password-1' }, headers: { 'idempotency-key': 'k-anon' } });
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    // signed in or not: signing in answers with a cookie, which a stored body cannot replay
    const signed = await t.request({ method: 'POST', url: '/api/v1/auth/login', cookie: w.a.committee.cookie, body: { login: 'nobody-here', password: 'wrong-password-1' }, headers: { 'idempotency-key': 'k-anon' } });
    expect(signed.statusCode).toBeGreaterThanOrEqual(400);
    expect((await counts()).keys).toBe(before.keys);
  });

  it('committee chair: a GET with a key is a plain read (nothing stored, no replay header)', async () => {
    const before = await counts();
    const r = await t.request({ method: 'GET', url: `/api/v1/notices?estateId=${w.a.estateId}`, cookie: w.a.committee.cookie, headers: { 'idempotency-key': 'k-get' } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['idempotent-replayed']).toBeUndefined();
    expect((await counts()).keys).toBe(before.keys);
  });
});

describe('retention', () => {
  it('system: the purge job deletes rows older than 7 days, keeps newer ones and schedules tomorrow', async () => {
    await t.pool.query(
      `INSERT INTO idempotent_requests (account_id, key, method, route, request_hash, status, response, created_at)
       VALUES ($1, 'k-old', 'POST', '/x', 'h', 200, '{}', now() - interval '8 days'),
              ($1, 'k-recent', 'POST', '/x', 'h', 200, '{}', now() - interval '6 days')`,
      [w.a.committee.accountId],
    );
    await withTx(t.pool, (db) => idempotencyJobHandlers[PURGE_JOB]!(db, {}, {} as never));
    const left = await t.pool.query("SELECT key FROM idempotent_requests WHERE key IN ('k-old', 'k-recent')");
    expect(left.rows.map((r) => r.key)).toEqual(['k-recent']);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const job = await t.pool.query('SELECT kind, status FROM jobs WHERE dedupe_key = $1', [`${PURGE_JOB}:${tomorrow}`]);
    expect(job.rows).toEqual([{ kind: PURGE_JOB, status: 'pending' }]);
  });
});
