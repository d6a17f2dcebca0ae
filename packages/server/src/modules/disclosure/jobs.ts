import type { JobHandlers } from '../../platform/jobs/index.ts';
import { filingJobHandlers } from './filing-jobs.ts';
import { questionJobHandlers } from './question-jobs.ts';

// Durable jobs of the disclosure module, by kind. app.ts merges them into allJobHandlers().
export const disclosureJobHandlers: JobHandlers = { ...filingJobHandlers, ...questionJobHandlers };
