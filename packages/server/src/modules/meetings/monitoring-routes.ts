import type { RouteDef } from '../../platform/route.ts';

// Routes of the meetings module: turnout, reminders, monitoring flags.
export const monitoringRoutes: RouteDef[] = [];
