import type { Db, Pool } from '../../platform/db.ts';

// Application-level group commit for casting. The platform's audit chain takes one advisory lock
// held until commit, so one transaction per cast would serialise every cast on its own commit
// (and its round trips). Instead, casts that arrive while a batch is being written wait, and are
// then written together in ONE transaction by the next batch; each request is answered only
// after its batch commits.
//
// Waiting requests hold no connection (their route declares `connection: false`): the queue can
// hold every client in flight, not just as many as the pool has connections, and the batches
// grow with the load. The batcher holds one pooled connection while it has work.

export interface BatchJob<R> {
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type BatchWriter<J extends BatchJob<any>> = (db: Db, jobs: J[]) => Promise<void>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
/** Checks a batch before it is written (read-only), settling the jobs it refuses; returns the rest. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type BatchPreparer<J extends BatchJob<any>> = (db: Db, jobs: J[]) => Promise<J[]>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export class GroupCommit<J extends BatchJob<any>> {
  private queue: J[] = [];
  private running = false;
  /** batches written and their sizes (for measurements and tests) */
  readonly stats = { batches: 0, jobs: 0, maxBatch: 0 };

  constructor(
    private readonly pool: Pool,
    private readonly write: BatchWriter<J>,
    private readonly maxBatch = 256,
    /** run on a connection when the batcher takes it and before it gives it back (session settings) */
    private readonly session?: { open: string; close: string },
    /** With a preparer, batches go through two stages on two connections: the next batch is
     *  checked while the current one is written (a pipeline: the write waits on the chain's
     *  locks and the commit, the check on neither). */
    private readonly prepare?: BatchPreparer<J>,
  ) {}

  /** Queues a job; the writer settles it (resolve/reject) once its batch is done. */
  submit(job: J): void {
    this.queue.push(job);
    if (!this.running) {
      this.running = true;
      void this.drain();
    }
  }

  private async connect(): Promise<Db> {
    const db = await this.pool.connect();
    if (this.session) {
      try {
        await db.query(this.session.open);
      } catch (e) {
        db.release(e as Error);
        throw e;
      }
    }
    return db;
  }

  private async release(db: Db | undefined, broken: unknown): Promise<void> {
    if (!db) return;
    if (this.session && !broken) await db.query(this.session.close).catch((e) => { broken = e; });
    // a connection that failed mid-batch is not given back to the pool
    db.release(broken instanceof Error ? broken : undefined);
  }

  /** The jobs of the next batch, checked (on `db2`); a failed check rejects them and yields none. */
  private checked(db2: Db | undefined, raw: J[]): Promise<J[]> {
    if (!this.prepare || !db2) return Promise.resolve(raw);
    return this.prepare(db2, raw).catch((err) => {
      for (const j of raw) j.reject(err);
      this.prepareBroken = err;
      return [];
    });
  }

  private prepareBroken: unknown;

  private async drain(): Promise<void> {
    let db: Db | undefined;
    let db2: Db | undefined;
    let broken: unknown;
    let next: Promise<J[]> | null = null;
    try {
      db = await this.connect();
      if (this.prepare) db2 = await this.connect();
      while (this.queue.length > 0 || next) {
        const batch: J[] = next ? await next : await this.checked(db2, this.queue.splice(0, this.maxBatch));
        next = null;
        if (this.prepareBroken) break;
        // the following batch is checked while this one is written
        if (this.prepare && this.queue.length > 0) next = this.checked(db2, this.queue.splice(0, this.maxBatch));
        if (batch.length === 0) continue;
        this.stats.batches++;
        this.stats.jobs += batch.length;
        this.stats.maxBatch = Math.max(this.stats.maxBatch, batch.length);
        try {
          await this.write(db, batch);
        } catch (err) {
          // the writer settles every job itself; this is a last resort so no request hangs
          for (const j of batch) j.reject(err);
          broken = err;
          break;
        }
      }
    } catch (err) {
      broken = err;
      for (const j of this.queue.splice(0)) j.reject(err);
    } finally {
      // a batch being checked when the loop stopped: its jobs are answered, not lost
      if (next) {
        const left = await next;
        for (const j of left) j.reject(broken ?? this.prepareBroken ?? new Error('cast batcher stopped'));
      }
      const prepBroken = this.prepareBroken;
      this.prepareBroken = undefined;
      await this.release(db, broken);
      await this.release(db2, prepBroken);
      this.running = false;
      // jobs that arrived after a failure get fresh connections
      if (this.queue.length > 0) {
        this.running = true;
        void this.drain();
      }
    }
  }
}
