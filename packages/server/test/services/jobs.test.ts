import { beforeAll, describe, expect, it } from 'vitest';
import { createPool, withTx, type Db, type Pool } from '../../src/platform/db.ts';
import { enqueueJob, JobRunner, type JobHandlers, type RunOutcome } from '../../src/platform/jobs/index.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Effects are written by handlers into a test table inside the job's transaction, so counting
// rows counts the runs that committed.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.pool.query('CREATE TABLE job_effects (id bigserial PRIMARY KEY, job_id bigint NOT NULL, tag text, instance text)');
});

const past = () => new Date(Date.now() - 60_000);
const effects = async (tag: string) =>
  (await t.pool.query('SELECT job_id, instance FROM job_effects WHERE tag = $1 ORDER BY id', [tag])).rows;
const record = (instance: string): JobHandlers['x'] => async (db, payload, job) => {
  await db.query('INSERT INTO job_effects (job_id, tag, instance) VALUES ($1, $2, $3)', [job.id, payload.tag, instance]);
};

async function drain(runner: JobRunner): Promise<RunOutcome[]> {
  const out: RunOutcome[] = [];
  for (let r = await runner.runDueOnce(); r; r = await runner.runDueOnce()) out.push(r);
  return out;
}

async function withPools<T>(n: number, fn: (pools: Pool[]) => Promise<T>): Promise<T> {
  const pools = Array.from({ length: n }, () => createPool(t.databaseUrl, 4));
  try {
    return await fn(pools);
  } finally {
    await Promise.all(pools.map((p) => p.end()));
  }
}

describe('jobs', () => {
  it('scheduler: a job scheduled in the past runs once, a future one waits', async () => {
    const id = await withTx(t.pool, (db) => enqueueJob(db, { kind: 'test.once', payload: { tag: 'once' }, runAt: past() }));
    await withTx(t.pool, (db) => enqueueJob(db, { kind: 'test.once', payload: { tag: 'once' }, runAt: new Date(Date.now() + 3600_000) }));
    const runner = new JobRunner({ pool: t.pool, handlers: { 'test.once': record('a') }, instanceId: 'a' });
    const runs = await drain(runner);
    expect(runs).toEqual([{ id, kind: 'test.once', outcome: 'done' }]);
    expect(await drain(runner)).toEqual([]);
    expect(await effects('once')).toEqual([{ job_id: id, instance: 'a' }]);
    const row = (await t.pool.query('SELECT status, attempts, ran_by, finished_at FROM jobs WHERE id = $1', [id])).rows[0];
    expect(row).toMatchObject({ status: 'done', attempts: 1, ran_by: 'a' });
    expect(row.finished_at).toBeInstanceOf(Date);
  });

  it('scheduler: the same dedupe key enqueues one job only', async () => {
    const a = await withTx(t.pool, (db) => enqueueJob(db, { kind: 'test.dedupe', payload: { tag: 'dd' }, dedupeKey: 'meeting:7:close' }));
    const b = await withTx(t.pool, (db) => enqueueJob(db, { kind: 'test.dedupe', payload: { tag: 'dd' }, dedupeKey: 'meeting:7:close' }));
    expect(a).toBeTypeOf('number');
    expect(b).toBeNull();
    const n = await t.pool.query(`SELECT count(*)::int AS n FROM jobs WHERE dedupe_key = 'meeting:7:close'`);
    expect(n.rows[0].n).toBe(1);
  });

  it('two instances: racing over 200 jobs, each job runs exactly once', async () => {
    await withTx(t.pool, async (db) => {
      for (let i = 0; i < 200; i++) await enqueueJob(db, { kind: 'test.race', payload: { tag: 'race' }, runAt: past() });
    });
    // a little work inside the job so the two instances really interleave
    const slow = (instance: string): JobHandlers['x'] => async (db, payload, job) => {
      await db.query('SELECT pg_sleep(0.002)');
      await record(instance)(db, payload, job);
    };
    const results = await withPools(2, async ([p1, p2]) => {
      const r1 = new JobRunner({ pool: p1, handlers: { 'test.race': slow('one') }, instanceId: 'one' });
      const r2 = new JobRunner({ pool: p2, handlers: { 'test.race': slow('two') }, instanceId: 'two' });
      // two claim loops per instance, as a busy server with several workers would have
      return Promise.all([drain(r1), drain(r1), drain(r2), drain(r2)]);
    });
    expect(results.flat()).toHaveLength(200);
    const rows = await effects('race');
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.job_id)).size).toBe(200);
    // both instances took part: the race was real
    expect(rows.some((r) => r.instance === 'one')).toBe(true);
    expect(rows.some((r) => r.instance === 'two')).toBe(true);
    const left = await t.pool.query(`SELECT count(*)::int AS n FROM jobs WHERE kind = 'test.race' AND status <> 'done'`);
    expect(left.rows[0].n).toBe(0);
  });

  it('failing handler: its partial writes roll back, it is retried with back-off, then succeeds', async () => {
    const id = await withTx(t.pool, (db) => enqueueJob(db, { kind: 'test.flaky', payload: { tag: 'flaky' }, runAt: past() }));
    let calls = 0;
    const flaky: JobHandlers['x'] = async (db, payload, job) => {
      calls++;
      await record('f')(db, payload, job); // written, then the handler fails
      if (calls === 1) throw new Error('gateway down');
    };
    const runner = new JobRunner({ pool: t.pool, handlers: { 'test.flaky': flaky }, instanceId: 'f', retryBaseMs: 60_000 });
    const first = await runner.runDueOnce();
    expect(first).toMatchObject({ id, outcome: 'retry' });
    expect(await effects('flaky')).toEqual([]);
    const after = (await t.pool.query('SELECT status, attempts, last_error, run_at > now() + interval \'50 seconds\' AS backed_off FROM jobs WHERE id = $1', [id])).rows[0];
    expect(after).toMatchObject({ status: 'pending', attempts: 1, backed_off: true });
    expect(after.last_error).toContain('gateway down');
    // backing off: not due yet
    expect(await runner.runDueOnce()).toBeNull();
    await t.pool.query('UPDATE jobs SET run_at = now() WHERE id = $1', [id]);
    expect(await runner.runDueOnce()).toMatchObject({ id, outcome: 'done' });
    expect(await effects('flaky')).toEqual([{ job_id: id, instance: 'f' }]);
  });

  it('failing handler: after max attempts the job is marked failed and never run again', async () => {
    const id = await withTx(t.pool, (db) => enqueueJob(db, { kind: 'test.broken', payload: { tag: 'broken' }, runAt: past(), maxAttempts: 3 }));
    const runner = new JobRunner({
      pool: t.pool, instanceId: 'b', retryBaseMs: 0,
      handlers: { 'test.broken': async (db, payload, job) => { await record('b')(db, payload, job); throw new Error('always'); } },
    });
    const runs = await drain(runner);
    expect(runs.map((r) => r.outcome)).toEqual(['retry', 'retry', 'failed']);
    const row = (await t.pool.query('SELECT status, attempts FROM jobs WHERE id = $1', [id])).rows[0];
    expect(row).toEqual({ status: 'failed', attempts: 3 });
    expect(await effects('broken')).toEqual([]);
  });

  it('failing handler: an SQL error that aborts the transaction is still rolled back and retried', async () => {
    const id = await withTx(t.pool, (db) => enqueueJob(db, { kind: 'test.sqlerr', payload: { tag: 'sqlerr' }, runAt: past() }));
    const runner = new JobRunner({
      pool: t.pool, instanceId: 's',
      handlers: { 'test.sqlerr': async (db, payload, job) => { await record('s')(db, payload, job); await db.query('SELECT 1/0'); } },
    });
    expect(await runner.runDueOnce()).toMatchObject({ id, outcome: 'retry' });
    expect(await effects('sqlerr')).toEqual([]);
    const row = (await t.pool.query('SELECT status, attempts, last_error FROM jobs WHERE id = $1', [id])).rows[0];
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toContain('division by zero');
  });

  it('scheduler: a job enqueued in a transaction that rolls back never exists', async () => {
    await expect(
      withTx(t.pool, async (db: Db) => {
        await enqueueJob(db, { kind: 'test.ghost', payload: { tag: 'ghost' }, runAt: past() });
        throw new Error('business change refused');
      }),
    ).rejects.toThrow('business change refused');
    const runner = new JobRunner({ pool: t.pool, handlers: { 'test.ghost': record('g') }, instanceId: 'g' });
    expect(await drain(runner)).toEqual([]);
    const n = await t.pool.query(`SELECT count(*)::int AS n FROM jobs WHERE kind = 'test.ghost'`);
    expect(n.rows[0].n).toBe(0);
  });

  it('restart: a crash mid-job rolls back; a new runner on a new pool runs the pending jobs once', async () => {
    const ids = await withTx(t.pool, async (db) => [
      await enqueueJob(db, { kind: 'test.restart', payload: { tag: 'restart' }, runAt: past() }),
      await enqueueJob(db, { kind: 'test.restart', payload: { tag: 'restart' }, runAt: past() }),
    ]);
    // first "server": claims a job, writes its effect, then hangs; its database connection is
    // killed from outside, as when the process dies (a dead process commits nothing)
    const url = new URL(t.databaseUrl);
    url.searchParams.set('application_name', 'gz-dying');
    const dyingPool = createPool(url.toString(), 2);
    let unhang!: () => void;
    const hang = new Promise<void>((res) => { unhang = res; });
    let claimed!: () => void;
    const wasClaimed = new Promise<void>((res) => { claimed = res; });
    const dying = new JobRunner({
      pool: dyingPool, instanceId: 'dying',
      handlers: {
        'test.restart': async (db, payload, job) => {
          await record('dying')(db, payload, job);
          claimed();
          await hang;
          throw new Error('the process is gone');
        },
      },
    });
    const dyingRun = dying.runDueOnce().catch(() => null);
    await wasClaimed;
    await t.pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'gz-dying'`);
    expect(await effects('restart')).toEqual([]);

    // second "server": a fresh pool and runner on the same database
    const done = await withPools(1, async ([p]) => {
      const fresh = new JobRunner({ pool: p, handlers: { 'test.restart': record('fresh') }, instanceId: 'fresh' });
      return drain(fresh);
    });
    expect(done.map((d) => d.id).sort()).toEqual([...ids].sort());
    expect((await effects('restart')).map((r) => r.instance)).toEqual(['fresh', 'fresh']);

    // the dead instance's late failure report must not touch a job someone else finished
    unhang();
    await dyingRun;
    await dyingPool.end();
    const rows = (await t.pool.query('SELECT status, attempts, ran_by FROM jobs WHERE id = ANY($1)', [ids])).rows;
    expect(rows).toEqual([
      { status: 'done', attempts: 1, ran_by: 'fresh' },
      { status: 'done', attempts: 1, ran_by: 'fresh' },
    ]);
  });

  it('unknown kind: left pending and an error is logged', async () => {
    const id = await withTx(t.pool, (db) => enqueueJob(db, { kind: 'test.nobody', payload: {}, runAt: past() }));
    const errors: string[] = [];
    const runner = new JobRunner({
      pool: t.pool, handlers: { 'test.other': record('o') }, instanceId: 'u',
      logger: { info: () => {}, warn: () => {}, error: (m) => errors.push(m) },
    });
    expect(await runner.runDueOnce()).toBeNull();
    expect(errors.some((m) => m.includes("'test.nobody'"))).toBe(true);
    const row = (await t.pool.query('SELECT status, attempts FROM jobs WHERE id = $1', [id])).rows[0];
    expect(row).toEqual({ status: 'pending', attempts: 0 });
  });

  it('start/stop: the polling loop runs due jobs and stop() waits for the running one', async () => {
    const id = await withTx(t.pool, (db) => enqueueJob(db, { kind: 'test.loop', payload: { tag: 'loop' }, runAt: past() }));
    let release!: () => void;
    const started = new Promise<void>((res) => {
      release = res;
    });
    const runner = new JobRunner({
      pool: t.pool, pollMs: 20, instanceId: 'loop',
      handlers: {
        'test.loop': async (db, payload, job) => {
          release();
          await db.query('SELECT pg_sleep(0.2)');
          await record('loop')(db, payload, job);
        },
      },
    });
    runner.start();
    await started;
    await runner.stop(); // must wait for the job in flight, which then commits
    expect(await effects('loop')).toEqual([{ job_id: id, instance: 'loop' }]);
    const row = (await t.pool.query('SELECT status FROM jobs WHERE id = $1', [id])).rows[0];
    expect(row.status).toBe('done');
  });
});
