import type { JobHandlers } from '../../platform/jobs/index.ts';

// Durable jobs: the tally right after the voting window closes ('meeting.tally').
export const tallyJobHandlers: JobHandlers = {};
