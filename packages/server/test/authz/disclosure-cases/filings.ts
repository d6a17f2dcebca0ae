import type { RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the disclosure module's filings routes (issue 5).
export const FILINGS_CASES: Record<string, RouteCase> = {};
