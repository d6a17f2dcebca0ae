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
export class GroupCommit<J extends BatchJob<any>> {
  private queue: J[] = [];
  private running = false;
  /** batches written and their sizes (for measurements and tests) */
  readonly stats = { batches: 0, jobs: 0, maxBatch: 0 };

  constructor(
    private readonly pool: Pool,
    private readonly write: BatchWriter<J>,
    private readonly maxBatch = 256,
    /** run on the connection when the batcher takes it and before it gives it back (session settings) */
    private readonly session?: { open: string; close: string },
  ) {}

  /** Queues a job; the writer settles it (resolve/reject) once its batch is done. */
  submit(job: J): void {
    this.queue.push(job);
    if (!this.running) {
      this.running = true;
      void this.drain();
    }
  }

  private async drain(): Promise<void> {
    let db: Db | undefined;
    let broken: unknown;
    try {
      db = await this.pool.connect();
      if (this.session) await db.query(this.session.open);
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
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
      if (db && this.session && !broken) await db.query(this.session.close).catch((e) => { broken = e; });
      // a connection that failed mid-batch is not given back to the pool
      db?.release(broken instanceof Error ? broken : undefined);
      this.running = false;
      // jobs that arrived after a failure get a fresh connection
      if (this.queue.length > 0) {
        this.running = true;
        void this.drain();
      }
    }
  }
}
