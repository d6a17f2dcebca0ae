import type { RouteDef } from '../../platform/route.ts';
import { estateRoutes } from './estate-routes.ts';
import { organisationRoutes } from './organisation-routes.ts';
import { ownerRoutes } from './owner-routes.ts';
import { unitRoutes } from './unit-routes.ts';

export const registryRoutes = [...estateRoutes, ...unitRoutes, ...ownerRoutes, ...organisationRoutes] as RouteDef[];
