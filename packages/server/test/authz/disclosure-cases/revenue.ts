import type { RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the disclosure module's revenue routes (issue 5).
export const REVENUE_CASES: Record<string, RouteCase> = {};
