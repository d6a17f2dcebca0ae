import type { JobHandlers } from '../../platform/jobs/index.ts';
import { localDate } from '../meetings/index.ts';
import { checkOverdueFilings, FILINGS_CHECK_JOB, scheduleFilingsCheck } from './filing-overdue.ts';

// Durable jobs of the filing part, by kind (merged in jobs.ts).
export const filingJobHandlers: JobHandlers = {
  [FILINGS_CHECK_JOB]: async (db, payload, job) => {
    const due = typeof payload.day === 'string' ? payload.day : localDate(job.runAt);
    // a run that comes late (the server was down) checks as of today
    const now = localDate(new Date());
    const day = due > now ? due : now;
    await checkOverdueFilings(db, { today: day });
    // then the next day's
    await scheduleFilingsCheck(db, new Date(`${day}T12:00:00+08:00`));
  },
};
