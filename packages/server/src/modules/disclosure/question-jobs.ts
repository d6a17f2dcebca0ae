import type { JobHandlers } from '../../platform/jobs/index.ts';

// Durable jobs of the question part, by kind (merged in jobs.ts).
export const questionJobHandlers: JobHandlers = {};
