import type { RouteCase } from '../route-cases.ts';
import { CONFIG_CASES } from './config.ts';
import { CORE_CASES } from './core.ts';
import { ESCALATION_CASES } from './escalation.ts';

// The cases module's matrix cases, one file per part (see meeting-cases/index.ts).
export const CASE_ROUTE_CASES: Record<string, RouteCase> = { ...CORE_CASES, ...ESCALATION_CASES, ...CONFIG_CASES };
