import type { RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the applications routes of the funds module (issue 4).
export const APPLICATIONS_CASES: Record<string, RouteCase> = {};
