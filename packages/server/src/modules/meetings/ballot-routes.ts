import type { RouteDef } from '../../platform/route.ts';

// Routes of the meetings module: casting, receipts, inclusion proofs.
export const ballotRoutes: RouteDef[] = [];
