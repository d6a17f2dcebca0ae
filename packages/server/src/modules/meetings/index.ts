export { meetingsRoutes } from './routes.ts';
export { meetingJobHandlers } from './jobs.ts';
// for the demo loader (demo meetings) and the benchmarks: the same writers the API uses
export { freezeRoster, rosterHouseholdCount } from './freeze-roster.ts';
export { writeItems } from './create-meeting.ts';
// for the fund's replenishment item (a matter-6 item on a draft, or a new draft)
export { createMeeting } from './create-meeting.ts';
export { actorKindsFor } from './meeting-actor.ts';
export { chainBallots, type NewBallot, type WrittenBallot } from './ballot-writer.ts';
export { tallyMeeting } from './tally-meeting.ts';
export { transitionMeeting, SYSTEM_ACTOR } from './transition-meeting.ts';
export { jobKeys } from './publish-notice.ts';
export { localDate, localDateTime, zhDateTime, endOfLocalDay } from './meeting-dates.ts';
export { onMeetingTransition, type MeetingTransitionEvent } from './meeting-events.ts';
