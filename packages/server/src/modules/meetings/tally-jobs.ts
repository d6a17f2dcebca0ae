import type { JobHandlers } from '../../platform/jobs/index.ts';
import { tallyMeeting } from './tally-meeting.ts';

// Durable jobs: the tally right after the voting window closes ('meeting.tally', enqueued by the
// 'meeting.close' job with a dedupe key). A second run, or a run for a meeting cancelled
// meanwhile, changes nothing (tallyMeeting says why).
export const tallyJobHandlers: JobHandlers = {
  'meeting.tally': async (db, payload) => {
    await tallyMeeting(db, Number(payload.meetingId));
  },
};
