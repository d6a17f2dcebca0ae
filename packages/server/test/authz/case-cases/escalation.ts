import type { RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the cases module's escalation routes (issue 6).
export const ESCALATION_CASES: Record<string, RouteCase> = {};
