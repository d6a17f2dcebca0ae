import type { JobHandlers } from '../../platform/jobs/index.ts';

// Durable jobs: opening and closing the voting window, the tally, the objection period.
export const lifecycleJobHandlers: JobHandlers = {};
