import type { RouteDef } from '../../platform/route.ts';

// Disclosure (issue 5): the filing part's routes (filled by its part; see routes.ts).
export const filingRoutes: RouteDef[] = [];
