import type { RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the proxies-paper routes of the meetings module (issue 3).
export const PROXIESPAPER_CASES: Record<string, RouteCase> = {};
