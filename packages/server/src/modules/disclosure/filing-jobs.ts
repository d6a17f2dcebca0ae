import type { JobHandlers } from '../../platform/jobs/index.ts';
import { localDate } from '../meetings/index.ts';
import { checkOverdueFilings, FILINGS_CHECK_JOB, scheduleFilingsCheck } from './filing-overdue.ts';

// Durable jobs of the filing part, by kind (merged in jobs.ts).
export const filingJobHandlers: JobHandlers = {
  [FILINGS_CHECK_JOB]: async (db, payload, job) => {
    const day = typeof payload.day === 'string' ? payload.day : localDate(job.runAt);
    await checkOverdueFilings(db, { today: day });
    // the next day's check: from the day itself, so a late run does not skip a day
    await scheduleFilingsCheck(db, new Date(`${day}T12:00:00+08:00`));
  },
};
