import type { JobHandlers } from '../../platform/jobs/index.ts';

// Durable jobs of the filing part, by kind (merged in jobs.ts).
export const filingJobHandlers: JobHandlers = {};
