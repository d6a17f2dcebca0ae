import { onMeetingTransition } from '../meetings/index.ts';
import { onFundMeetingTransition } from './meeting-outcome.ts';

export { fundsRoutes } from './routes.ts';
export { fundJobHandlers } from './jobs.ts';
export { transitionApplication } from './transition-application.ts';

// an ordinary-path application follows the meeting that decides it (meetings/meeting-events.ts)
onMeetingTransition(onFundMeetingTransition);
