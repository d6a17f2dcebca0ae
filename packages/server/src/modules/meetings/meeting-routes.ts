import type { RouteDef } from '../../platform/route.ts';

// Routes of the meetings module: meeting lifecycle, items, roster freeze.
export const meetingRoutes: RouteDef[] = [];
