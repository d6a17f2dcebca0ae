import type { JobHandlers } from '../../platform/jobs/index.ts';
import { lifecycleJobHandlers } from './lifecycle-jobs.ts';
import { reminderJobHandlers } from './reminder-jobs.ts';
import { tallyJobHandlers } from './tally-jobs.ts';

// Durable jobs of the meetings module, by kind. app.ts merges them into allJobHandlers().
export const meetingJobHandlers: JobHandlers = { ...lifecycleJobHandlers, ...tallyJobHandlers, ...reminderJobHandlers };
