import type { MeetingTransitionEvent } from '../meetings/index.ts';
import type { Db } from '../../platform/db.ts';

// Moves an ordinary-path application on when the meeting holding its matter-5 item publishes its
// result (passed: district review; failed: rejected) or is cancelled. Filled by its part of issue 4.
export async function onFundMeetingTransition(_db: Db, _e: MeetingTransitionEvent): Promise<void> {}
