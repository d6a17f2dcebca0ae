import type { JobHandlers } from '../../platform/jobs/index.ts';

// Durable jobs of the escalation part, by kind (merged in jobs.ts).
export const sweepJobHandlers: JobHandlers = {};
