import type { FastifyInstance } from 'fastify';
import { buildHttpApp } from './platform/http.ts';
import type { AppDeps } from './platform/deps.ts';
import type { RouteDef } from './platform/route.ts';
import { systemRoutes } from './modules/system/routes.ts';

/** The route table of the whole platform: each module contributes its list. */
export function allRoutes(): RouteDef[] {
  return [...systemRoutes] as RouteDef[];
}

export function createApp(deps: AppDeps): Promise<FastifyInstance> {
  return buildHttpApp(deps, allRoutes());
}
