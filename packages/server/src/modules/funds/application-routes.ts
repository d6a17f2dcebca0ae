import type { RouteDef } from '../../platform/route.ts';

// Filled by its part of issue 4 (see docs/ARCHITECTURE.md, maintenance fund).
export const applicationRoutes: RouteDef[] = [];
