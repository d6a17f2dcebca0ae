import type { RouteDef } from '../../platform/route.ts';
import { ballotRoutes } from './ballot-routes.ts';
import { meetingRoutes } from './meeting-routes.ts';
import { monitoringRoutes } from './monitoring-routes.ts';
import { proxyPaperRoutes } from './proxy-paper-routes.ts';
import { resultRoutes } from './result-routes.ts';

// Owners' decisions (issue 3): every route of the meetings module.
export const meetingsRoutes: RouteDef[] = [
  ...meetingRoutes,
  ...ballotRoutes,
  ...proxyPaperRoutes,
  ...resultRoutes,
  ...monitoringRoutes,
];
