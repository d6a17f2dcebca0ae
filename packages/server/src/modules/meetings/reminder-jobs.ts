import type { JobHandlers } from '../../platform/jobs/index.ts';

// Durable jobs: reminders to owners who have not voted.
export const reminderJobHandlers: JobHandlers = {};
