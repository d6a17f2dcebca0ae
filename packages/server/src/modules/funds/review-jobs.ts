import type { JobHandlers } from '../../platform/jobs/index.ts';

// Filled by its part of issue 4.
export const reviewJobHandlers: JobHandlers = {};
