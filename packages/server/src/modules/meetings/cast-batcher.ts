import type { Db } from '../../platform/db.ts';

// Application-level group commit for casting. The platform's audit chain takes one advisory lock
// held until commit, so one transaction per cast would serialise every cast on its own fsync.
// Instead, casts that arrive while a batch is being written wait, and are then written together
// in ONE transaction by the next batch; each request is answered only after its batch commits.
//
// No extra connection is needed: every waiting request holds its own pooled connection (its
// handler is still running), so a batch runs on the connection of its first request. Holding a
// separate connection for the batcher could deadlock when the pool is exhausted by waiters.

export interface BatchJob<R> {
  /** the request's own connection, idle while it waits (used if its batch runs on it) */
  db: Db;
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

  constructor(private readonly write: BatchWriter<J>, private readonly maxBatch = 256) {}

  /** Queues a job; the writer settles it (resolve/reject) once its batch is done. */
  submit(job: J): void {
    this.queue.push(job);
    if (!this.running) {
      this.running = true;
      void this.drain();
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        this.stats.batches++;
        this.stats.jobs += batch.length;
        this.stats.maxBatch = Math.max(this.stats.maxBatch, batch.length);
        try {
          await this.write(batch[0]!.db, batch);
        } catch (err) {
          // the writer settles every job itself; this is a last resort so no request hangs
          for (const j of batch) j.reject(err);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
