import type { RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the disbursement routes of the funds module (issue 4).
export const DISBURSEMENT_CASES: Record<string, RouteCase> = {};
