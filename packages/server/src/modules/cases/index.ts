export { casesRoutes } from './routes.ts';
export { casesJobHandlers } from './jobs.ts';
export { caseFromRow, loadCase, type CaseRow } from './case-repository.ts';
export { addCaseEvent, addCaseEvents, type CaseEventInput, type CaseEventKind } from './case-events.ts';
