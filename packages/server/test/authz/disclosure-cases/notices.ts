import type { RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the disclosure module's notices routes (issue 5).
export const NOTICES_CASES: Record<string, RouteCase> = {};
