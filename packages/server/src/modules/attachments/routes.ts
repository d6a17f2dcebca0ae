import type { RouteDef } from '../../platform/route.ts';

export const attachmentsRoutes: RouteDef[] = [];
