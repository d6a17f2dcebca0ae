import type { RouteDef } from '../../platform/route.ts';
import { accountsRoutes } from './accounts-routes.ts';
import { authRoutes } from './auth-routes.ts';
import { bindingRoutes } from './binding-routes.ts';

export const identityRoutes: RouteDef[] = [...authRoutes, ...bindingRoutes, ...accountsRoutes] as RouteDef[];
