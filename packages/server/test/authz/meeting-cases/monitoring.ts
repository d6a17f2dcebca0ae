import type { RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the monitoring routes of the meetings module (issue 3).
export const MONITORING_CASES: Record<string, RouteCase> = {};
