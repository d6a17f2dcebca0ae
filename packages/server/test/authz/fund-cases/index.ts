import type { RouteCase } from '../route-cases.ts';
import { APPLICATIONS_CASES } from './applications.ts';
import { DISBURSEMENT_CASES } from './disbursement.ts';
import { LEDGER_CASES } from './ledger.ts';
import { REVIEW_CASES } from './review.ts';

// The funds module's matrix cases, one file per part (see meeting-cases/index.ts).
export const FUND_ROUTE_CASES: Record<string, RouteCase> = {
  ...LEDGER_CASES,
  ...APPLICATIONS_CASES,
  ...REVIEW_CASES,
  ...DISBURSEMENT_CASES,
};
