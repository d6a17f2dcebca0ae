import type { RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the results routes of the meetings module (issue 3).
export const RESULTS_CASES: Record<string, RouteCase> = {};
