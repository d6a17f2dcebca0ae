import { onMeetingTransition } from '../meetings/index.ts';
import { onFundMeetingTransition } from './meeting-outcome.ts';

export { fundsRoutes } from './routes.ts';
export { fundJobHandlers } from './jobs.ts';
export { transitionApplication } from './transition-application.ts';
// for the demo loader and the benchmark: the same writers and use cases the API uses
export { ensureFundAccounts, postMovement } from './ledger-writer.ts';
export { halfBefore, scheduleHalfYearStatement } from './statement-jobs.ts';
export { writeStatement } from './statement-publish.ts';
export { buildEstateStatement } from './statement-build.ts';
export { createApplication } from './application-create.ts';
export { submitApplication } from './application-submit.ts';
export { putToVote } from './put-to-vote.ts';
export { committeeConfirm, streetConfirm } from './confirm-emergency.ts';
export { startReview, REVIEW_DUE_JOB } from './start-review.ts';
export { reviewJobHandlers } from './review-jobs.ts';
export { approveApplication } from './review-decide.ts';
export { disburseStage } from './disburse-stage.ts';
export { acceptApplication } from './accept-application.ts';
export { settleApplication } from './settle-application.ts';
export { publishApplication } from './publish-application.ts';

// an ordinary-path application follows the meeting that decides it (meetings/meeting-events.ts)
onMeetingTransition(onFundMeetingTransition);
export { allocateInterest } from './ledger-interest.ts';
// the workbook helpers other modules' exports share (disclosure's questions)
