import type { RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the review routes of the funds module (issue 4).
export const REVIEW_CASES: Record<string, RouteCase> = {};
