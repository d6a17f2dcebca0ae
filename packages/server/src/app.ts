import type { FastifyInstance } from 'fastify';
import { buildHttpApp } from './platform/http.ts';
import { VersionedCache } from './platform/read-cache.ts';
import type { AppDeps } from './platform/deps.ts';
import type { RouteDef } from './platform/route.ts';
import type { JobHandlers } from './platform/jobs/index.ts';
import { attachmentsRoutes } from './modules/attachments/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { casesJobHandlers, casesRoutes } from './modules/cases/index.ts';
import { demoRoutes } from './modules/demo/routes.ts';
import { disclosureJobHandlers, disclosureRoutes } from './modules/disclosure/index.ts';
import { fundJobHandlers, fundsRoutes } from './modules/funds/index.ts';
import { identityRoutes } from './modules/identity/routes.ts';
import { meetingJobHandlers, meetingsRoutes } from './modules/meetings/index.ts';
import { notificationsRoutes } from './modules/notifications/routes.ts';
import { registryRoutes } from './modules/registry/routes.ts';
import { rosterRoutes } from './modules/roster/routes.ts';
import { systemRoutes } from './modules/system/routes.ts';
import { idempotencyJobHandlers } from './platform/idempotency.ts';

/** The route table of the whole platform: each module contributes its list. */
export function allRoutes(): RouteDef[] {
  return [
    ...systemRoutes,
    ...identityRoutes,
    ...registryRoutes,
    ...rosterRoutes,
    ...notificationsRoutes,
    ...attachmentsRoutes,
    ...auditRoutes,
    ...meetingsRoutes,
    ...fundsRoutes,
    ...disclosureRoutes,
    ...casesRoutes,
    ...demoRoutes,
  ] as RouteDef[];
}

export function createApp(deps: AppDeps): Promise<FastifyInstance> {
  // one cache per app: versions are per database, so two apps must never share entries
  return buildHttpApp({ ...deps, readCache: deps.readCache ?? new VersionedCache(500) }, allRoutes());
}

/** The job handlers of the whole platform, by kind: each module adds its own (like the routes).
 *  The CLI's start command runs them with createJobRunner(deps, allJobHandlers()). */
export function allJobHandlers(): JobHandlers {
  return { ...meetingJobHandlers, ...fundJobHandlers, ...disclosureJobHandlers, ...casesJobHandlers, ...idempotencyJobHandlers };
}
