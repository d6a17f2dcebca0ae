import { auditPage, auditQuery, auditVerifyResult } from '@gongzhi/contracts';
import type { RouteDef } from '../../platform/route.ts';
import { route } from '../../platform/route.ts';
import { listAuditEvents } from './list-audit-events.ts';
import { verifyChain } from './verify-chain.ts';

const tags = ['audit'];

export const auditRoutes: RouteDef[] = [
  route({
    method: 'GET',
    url: '/audit-events',
    permission: 'audit.read',
    summary: "The audit log of the caller's scope, newest first",
    tags,
    schema: { querystring: auditQuery, response: { 200: auditPage } },
    handler: ({ ctx, db, query }) => listAuditEvents(db, { ctx, query }),
  }),
  route({
    method: 'POST',
    url: '/audit/verify',
    permission: 'account.manage',
    summary: 'Recompute the audit hash chain and name the first broken link',
    tags,
    schema: { response: { 200: auditVerifyResult } },
    handler: ({ ctx, db }) => verifyChain(db, { ctx }),
  }),
] as RouteDef[];
