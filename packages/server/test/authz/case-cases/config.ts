import type { RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the cases module's config routes (issue 6).
export const CONFIG_CASES: Record<string, RouteCase> = {};
