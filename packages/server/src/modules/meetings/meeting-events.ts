import type { MeetingState } from '@gongzhi/domain';
import type { Db } from '../../platform/db.ts';
import type { MeetingRow } from './meeting-repository.ts';

// Other modules follow a meeting's life without the meetings module knowing them: a listener
// runs inside the transaction of every state change (transitionMeeting), so what it writes
// commits or rolls back with the change itself. The maintenance fund uses it to move a use
// application on when the meeting deciding it publishes its result or is cancelled.
// Listeners register when their module is imported (app.ts imports every module).

export interface MeetingTransitionEvent {
  meeting: MeetingRow;
  from: MeetingState;
  to: MeetingState;
  now: Date;
}

export type MeetingTransitionListener = (db: Db, e: MeetingTransitionEvent) => Promise<void>;

const listeners = new Set<MeetingTransitionListener>();

export function onMeetingTransition(listener: MeetingTransitionListener): void {
  listeners.add(listener);
}

export async function emitMeetingTransition(db: Db, e: MeetingTransitionEvent): Promise<void> {
  for (const l of listeners) await l(db, e);
}
