export { casesRoutes } from './routes.ts';
export { casesJobHandlers } from './jobs.ts';
export { caseFromRow, loadCase, type CaseRow } from './case-repository.ts';
export { addCaseEvent, addCaseEvents, type CaseEventInput, type CaseEventKind } from './case-events.ts';
export { ensureCasesSweep, CASES_SWEEP_JOB } from './sweep-jobs.ts';
export { sweepCases, SWEEP_CHUNK } from './case-sweep.ts';
export { escalateCase, escalateCases } from './case-escalate.ts';
