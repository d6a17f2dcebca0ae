import type { RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the disclosure module's questions routes (issue 5).
export const QUESTIONS_CASES: Record<string, RouteCase> = {};
