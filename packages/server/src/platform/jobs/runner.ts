import type { Db, Pool } from '../db.ts';

// Durable jobs on PostgreSQL. One job at a time is claimed with FOR UPDATE SKIP LOCKED inside a
// transaction; the handler runs on that same connection, and the 'done' mark is written in that
// same transaction. So a job's effects and its completion commit together (exactly once, however
// many instances poll), and a crash mid-job rolls both back: the row lock vanishes with the
// connection and another instance retries it.

export interface JobRow {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  runAt: Date;
  attempts: number; // failed or finished runs before this one
  maxAttempts: number;
  dedupeKey: string | null;
}

/** Runs inside the job's transaction: write only through `db` so the work commits with the job. */
export type JobHandler = (db: Db, payload: Record<string, unknown>, job: JobRow) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

export interface JobLogger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export interface JobRunnerOptions {
  pool: Pool;
  handlers: JobHandlers;
  pollMs?: number;
  /** written to jobs.ran_by and to logs: which server ran a job */
  instanceId: string;
  /** first retry delay; doubles with each failure up to retryCapMs */
  retryBaseMs?: number;
  retryCapMs?: number;
  logger?: JobLogger;
}

export type RunOutcome = { id: number; kind: string; outcome: 'done' | 'retry' | 'failed'; error?: string };

const silentLogger: JobLogger = { info: () => {}, warn: () => {}, error: () => {} };
const UNKNOWN_KIND_LOG_EVERY_MS = 60_000;

export class JobRunner {
  private readonly pool: Pool;
  private readonly handlers: JobHandlers;
  private readonly kinds: string[];
  readonly pollMs: number;
  readonly instanceId: string;
  private readonly retryBaseMs: number;
  private readonly retryCapMs: number;
  private readonly log: JobLogger;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private lastUnknownCheck = 0;

  constructor(opts: JobRunnerOptions) {
    this.pool = opts.pool;
    this.handlers = opts.handlers;
    this.kinds = Object.keys(opts.handlers);
    this.pollMs = opts.pollMs ?? 1000;
    this.instanceId = opts.instanceId;
    this.retryBaseMs = opts.retryBaseMs ?? 10_000;
    this.retryCapMs = opts.retryCapMs ?? 60 * 60 * 1000;
    this.log = opts.logger ?? silentLogger;
  }

  /** Polls until stop(): runs due jobs back to back, sleeps pollMs when none is due. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        let ran: RunOutcome | null = null;
        try {
          ran = await this.runDueOnce();
        } catch (e) {
          // the database may be restarting: keep polling rather than die
          this.log.error(`jobs[${this.instanceId}]: poll failed: ${String(e)}`);
        }
        if (!ran && this.running) await this.sleep(this.pollMs);
      }
    })();
  }

  /** Stops polling and waits for the job in progress (if any) to commit or roll back. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  /** Claims and runs at most one due job. Returns what happened, or null when nothing was due. */
  async runDueOnce(): Promise<RunOutcome | null> {
    const client = await this.pool.connect();
    let job: JobRow | null = null;
    let broken = false;
    // a connection dropped between queries is reported as an 'error' event; without a listener
    // it would crash the process instead of failing this one job
    const onConnError = () => { broken = true; };
    client.on('error', onConnError);
    try {
      await client.query('BEGIN');
      // only kinds this instance can run: during a rolling upgrade an older instance must not
      // take (and fail) jobs that only the newer one knows
      const r = await client.query(
        `SELECT id, kind, payload, run_at, attempts, max_attempts, dedupe_key FROM jobs
          WHERE status = 'pending' AND run_at <= now() AND kind = ANY($1)
          ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [this.kinds],
      );
      if (!r.rows.length) {
        await client.query('COMMIT');
        await this.reportUnknownKinds(client);
        return null;
      }
      job = toJob(r.rows[0]);
      await client.query('SAVEPOINT job');
      try {
        await this.handlers[job.kind](client, job.payload, job);
      } catch (err) {
        // undo the handler's writes but keep the row lock: no other instance can grab the job
        // between the failure and its bookkeeping
        try {
          await client.query('ROLLBACK TO SAVEPOINT job');
        } catch {
          broken = true;
          throw err;
        }
        const outcome = await this.recordFailure(client, job, err);
        await client.query('COMMIT');
        return outcome;
      }
      await client.query(
        `UPDATE jobs SET status = 'done', attempts = attempts + 1, finished_at = now(), ran_by = $2 WHERE id = $1`,
        [job.id, this.instanceId],
      );
      await client.query('COMMIT');
      return { id: job.id, kind: job.kind, outcome: 'done' };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => { broken = true; });
      if (!job) throw err;
      // the connection itself failed (or the handler broke the transaction): the handler's
      // work is gone with the rollback; record the failure in a new transaction
      return await this.recordFailureInNewTx(job, err);
    } finally {
      client.off('error', onConnError);
      client.release(broken ? true : undefined);
    }
  }

  private async recordFailureInNewTx(job: JobRow, err: unknown): Promise<RunOutcome> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // someone else may have run it meanwhile: only a still-pending row is touched
      const r = await client.query(`SELECT 1 FROM jobs WHERE id = $1 AND status = 'pending' FOR UPDATE SKIP LOCKED`, [job.id]);
      const outcome = r.rows.length
        ? await this.recordFailure(client, job, err)
        : { id: job.id, kind: job.kind, outcome: 'retry' as const, error: String(err) };
      await client.query('COMMIT');
      return outcome;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  private async recordFailure(db: Db, job: JobRow, err: unknown): Promise<RunOutcome> {
    const attempts = job.attempts + 1;
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    const final = attempts >= job.maxAttempts;
    const delay = Math.min(this.retryBaseMs * 2 ** (attempts - 1), this.retryCapMs);
    await db.query(
      `UPDATE jobs SET attempts = $2, last_error = $3, ran_by = $4,
              status = CASE WHEN $5 THEN 'failed' ELSE 'pending' END,
              finished_at = CASE WHEN $5 THEN now() END,
              run_at = CASE WHEN $5 THEN run_at ELSE now() + make_interval(secs => $6::double precision / 1000) END
        WHERE id = $1`,
      [job.id, attempts, message.slice(0, 4000), this.instanceId, final, delay],
    );
    const outcome = final ? 'failed' : 'retry';
    this.log[final ? 'error' : 'warn'](
      `jobs[${this.instanceId}]: job ${job.id} (${job.kind}) attempt ${attempts}/${job.maxAttempts} failed${final ? ', giving up' : ''}: ${String(err)}`,
    );
    return { id: job.id, kind: job.kind, outcome, error: String(err) };
  }

  /** Due jobs of a kind no handler knows stay pending; say so in the log, at most once a minute. */
  private async reportUnknownKinds(db: Db): Promise<void> {
    if (Date.now() - this.lastUnknownCheck < UNKNOWN_KIND_LOG_EVERY_MS) return;
    this.lastUnknownCheck = Date.now();
    const r = await db.query(
      `SELECT kind, count(*)::int AS n FROM jobs
        WHERE status = 'pending' AND run_at <= now() AND NOT (kind = ANY($1)) GROUP BY kind`,
      [this.kinds],
    );
    for (const row of r.rows) {
      this.log.error(`jobs[${this.instanceId}]: ${row.n} due job(s) of unknown kind '${row.kind}' left pending: no handler`);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    }).then(() => {
      this.wake = null;
    });
  }
}

function toJob(r: Record<string, unknown>): JobRow {
  return {
    id: Number(r.id),
    kind: String(r.kind),
    payload: (r.payload ?? {}) as Record<string, unknown>,
    runAt: r.run_at as Date,
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
    dedupeKey: (r.dedupe_key as string | null) ?? null,
  };
}
