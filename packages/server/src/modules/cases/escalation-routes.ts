import type { RouteDef } from '../../platform/route.ts';

// Cases (issue 6): see /tmp/cases-design.md for what this part holds.
export const escalationRoutes: RouteDef[] = [];
