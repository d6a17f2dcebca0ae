import type { RouteDef } from '../../platform/route.ts';

// Routes of the meetings module: tally results, PDF, exports.
export const resultRoutes: RouteDef[] = [];
