import os from 'node:os';
import type { AppDeps } from '../deps.ts';
import { JobRunner, type JobHandlers, type JobLogger } from './runner.ts';

export { enqueueJob, type EnqueueInput } from './enqueue.ts';
export { JobRunner, type JobHandler, type JobHandlers, type JobRow, type JobRunnerOptions, type RunOutcome, type JobLogger } from './runner.ts';

/** The runner a server process starts next to its HTTP listener (see the CLI's start command). */
export function createJobRunner(deps: AppDeps, handlers: JobHandlers, opts: { pollMs?: number; logger?: JobLogger } = {}): JobRunner {
  const quiet = deps.config.logLevel === 'silent';
  const logger: JobLogger = opts.logger ?? {
    info: (m) => { if (!quiet) console.log(m); },
    warn: (m) => { if (!quiet) console.warn(m); },
    error: (m) => { if (!quiet) console.error(m); },
  };
  return new JobRunner({
    pool: deps.pool,
    handlers,
    pollMs: opts.pollMs ?? 1000,
    instanceId: deps.config.instanceId ?? `${os.hostname()}:${process.pid}`,
    logger,
  });
}
