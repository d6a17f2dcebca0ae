import type { RouteDef } from '../../platform/route.ts';

// Disclosure (issue 5): the question part's routes (filled by its part; see routes.ts).
export const questionRoutes: RouteDef[] = [];
