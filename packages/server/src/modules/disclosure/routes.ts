import type { RouteDef } from '../../platform/route.ts';
import { filingRoutes } from './filing-routes.ts';
import { noticeRoutes } from './notice-routes.ts';
import { questionRoutes } from './question-routes.ts';
import { revenueRoutes } from './revenue-routes.ts';

// Disclosure (issue 5, 信息公开 / 阳光物业): every route of the module, one list per part.
export const disclosureRoutes: RouteDef[] = [
  ...noticeRoutes,
  ...revenueRoutes,
  ...filingRoutes,
  ...questionRoutes,
];
