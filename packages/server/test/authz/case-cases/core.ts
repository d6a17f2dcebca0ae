import type { RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the cases module's core routes (issue 6).
export const CORE_CASES: Record<string, RouteCase> = {};
