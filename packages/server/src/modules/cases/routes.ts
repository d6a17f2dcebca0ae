import type { RouteDef } from '../../platform/route.ts';
import { caseRoutes } from './case-routes.ts';
import { configRoutes } from './config-routes.ts';
import { escalationRoutes } from './escalation-routes.ts';

// Cases (issue 6, 投诉 / 报事报修): every route of the module, one list per part.
export const casesRoutes: RouteDef[] = [...caseRoutes, ...escalationRoutes, ...configRoutes];
