import { onMeetingTransition } from '../meetings/index.ts';
import { onMeetingNoticeTransition } from './meeting-notices.ts';

export { disclosureRoutes } from './routes.ts';
export { disclosureJobHandlers } from './jobs.ts';
export { committeeName, publisherKindOf, publisherName, responsiblePartyOf, type PublisherKind, type ResponsibleParty } from './disclosure-party.ts';
export { publishSystemNotice, type SystemNoticeInput } from './notice-publish.ts';
export { checkOverdueFilings, FILINGS_CHECK_JOB, scheduleFilingsCheck } from './filing-overdue.ts';
export { disclosureRules, type DisclosureRules } from './filing-city-rules.ts';
// the filing use cases, for the demo loader (the same writers the API uses)
export { createFiling } from './filing-create.ts';
export { updateFiling } from './filing-update.ts';
export { fileFiling } from './filing-file.ts';
export { acknowledgeFiling, returnFiling } from './filing-review.ts';
export { writeRevenueEntry } from './revenue-entry-write.ts';
export { writeRevenueStatement } from './revenue-statement-publish.ts';

// for the demo loader: the same use cases the API uses (notices, questions)
export { createNotice } from './notice-create.ts';
export { publishOwnNotice, withdrawNotice } from './notice-actions.ts';
export { correctNotice } from './notice-correct.ts';
export { askQuestion, QUESTION_DUE_JOB } from './question-ask.ts';
export { answerQuestion } from './question-answer.ts';
export { escalateDueQuestion } from './question-escalate.ts';

// a meeting's notice and result reach the owners as notices (meetings/meeting-events.ts)
onMeetingTransition(onMeetingNoticeTransition);
