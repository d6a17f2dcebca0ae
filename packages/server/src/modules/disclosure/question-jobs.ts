import type { JobHandlers } from '../../platform/jobs/index.ts';
import { QUESTION_DUE_JOB } from './question-ask.ts';
import { escalateDueQuestion } from './question-escalate.ts';

// Durable jobs of the question part, by kind (merged in jobs.ts).
export const questionJobHandlers: JobHandlers = {
  [QUESTION_DUE_JOB]: async (db, payload) => {
    await escalateDueQuestion(db, Number(payload.questionId));
  },
};
