import type { RouteCase } from '../route-cases.ts';
import { FILINGS_CASES } from './filings.ts';
import { NOTICES_CASES } from './notices.ts';
import { QUESTIONS_CASES } from './questions.ts';
import { REVENUE_CASES } from './revenue.ts';

// The disclosure module's matrix cases, one file per part (see meeting-cases/index.ts).
export const DISCLOSURE_ROUTE_CASES: Record<string, RouteCase> = {
  ...NOTICES_CASES,
  ...REVENUE_CASES,
  ...FILINGS_CASES,
  ...QUESTIONS_CASES,
};
