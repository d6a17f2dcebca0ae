import type { RouteCase } from '../route-cases.ts';
import { BALLOTS_CASES } from './ballots.ts';
import { MEETINGS_CASES } from './meetings.ts';
import { MONITORING_CASES } from './monitoring.ts';
import { PROXIESPAPER_CASES } from './proxies-paper.ts';
import { RESULTS_CASES } from './results.ts';

// The meetings module's matrix cases, one file per part so that each part is kept next to its
// routes' owner; route-cases.ts spreads them into ROUTE_CASES.
export const MEETING_ROUTE_CASES: Record<string, RouteCase> = {
  ...MEETINGS_CASES,
  ...BALLOTS_CASES,
  ...PROXIESPAPER_CASES,
  ...RESULTS_CASES,
  ...MONITORING_CASES,
};
