import type { JobHandlers } from '../../platform/jobs/index.ts';
import { sweepJobHandlers } from './sweep-jobs.ts';

// Durable jobs of the cases module, by kind. app.ts merges them into allJobHandlers().
export const casesJobHandlers: JobHandlers = { ...sweepJobHandlers };
