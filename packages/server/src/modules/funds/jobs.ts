import type { JobHandlers } from '../../platform/jobs/index.ts';
import { reviewJobHandlers } from './review-jobs.ts';
import { statementJobHandlers } from './statement-jobs.ts';

// Durable jobs of the funds module, by kind. app.ts merges them into allJobHandlers().
export const fundJobHandlers: JobHandlers = { ...statementJobHandlers, ...reviewJobHandlers };
