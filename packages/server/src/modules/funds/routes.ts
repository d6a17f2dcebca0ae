import type { RouteDef } from '../../platform/route.ts';
import { applicationRoutes } from './application-routes.ts';
import { disbursementRoutes } from './disbursement-routes.ts';
import { ledgerRoutes } from './ledger-routes.ts';
import { reviewRoutes } from './review-routes.ts';

// Maintenance fund (issue 4): every route of the funds module, one list per part.
export const fundsRoutes: RouteDef[] = [
  ...ledgerRoutes,
  ...applicationRoutes,
  ...reviewRoutes,
  ...disbursementRoutes,
];
