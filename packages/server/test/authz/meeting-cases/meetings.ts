import type { RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the meetings routes of the meetings module (issue 3).
export const MEETINGS_CASES: Record<string, RouteCase> = {};
