import type { RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the ledger routes of the funds module (issue 4).
export const LEDGER_CASES: Record<string, RouteCase> = {};
