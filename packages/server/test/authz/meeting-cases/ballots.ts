import type { RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the ballots routes of the meetings module (issue 3).
export const BALLOTS_CASES: Record<string, RouteCase> = {};
