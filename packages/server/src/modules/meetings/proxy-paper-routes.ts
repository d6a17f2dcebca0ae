import type { RouteDef } from '../../platform/route.ts';

// Routes of the meetings module: proxies and paper ballots.
export const proxyPaperRoutes: RouteDef[] = [];
