import {
  convenerProxyBody, convenerProxyRevokeBody, meetingIdParams, myProxies, ownerProxyBody, ownerProxyRevokeBody, paperBallotBody,
  paperConfirmResult, paperListQuery, paperRejectBody, paperSheetList, paperSheetView, proxyIdParams, proxyList, proxyListQuery, proxyRejectBody, proxyView,
  sheetIdParams,
} from '@gongzhi/contracts';
import type { RouteDef } from '../../platform/route.ts';
import { route } from '../../platform/route.ts';
import { enterPaperBallot } from './paper-enter.ts';
import { listSheets } from './paper-list.ts';
import { confirmPaperBallot, rejectPaperBallot } from './paper-review.ts';
import { listMyProxies, listProxies } from './proxy-list.ts';
import { registerProxy } from './proxy-register.ts';
import { reviewProxy } from './proxy-review.ts';
import { revokeProxy } from './proxy-revoke.ts';

// Routes of the meetings module: proxies (委托投票) and paper ballots (纸质票).
const tags = ['meetings'];

export const proxyPaperRoutes: RouteDef[] = [
  // --- proxies ---------------------------------------------------------------------------------
  route({
    method: 'POST',
    url: '/my/meetings/:id/proxies',
    permission: 'meeting.vote',
    summary: 'An owner names a proxy holder (a registered account, by phone) with the uploaded written authorisation; pending until the convener approves',
    tags,
    schema: { params: meetingIdParams, body: ownerProxyBody, response: { 200: proxyView } },
    handler: ({ ctx, db, params, body }) => registerProxy(db, { ctx, meetingId: params.id, as: 'owner', ...body }),
  }),
  route({
    method: 'POST',
    url: '/meetings/:id/proxies',
    permission: 'meeting.convene',
    summary: 'The convener registers a proxy for a voter key or a unit of the frozen roster (pending until approved)',
    tags,
    schema: { params: meetingIdParams, body: convenerProxyBody, response: { 200: proxyView } },
    handler: ({ ctx, db, params, body }) => registerProxy(db, { ctx, meetingId: params.id, as: 'convener', ...body }),
  }),
  route({
    method: 'GET',
    url: '/meetings/:id/proxies',
    permission: 'meeting.read',
    summary: "A meeting's proxies, optionally by status",
    tags,
    schema: { params: meetingIdParams, querystring: proxyListQuery, response: { 200: proxyList } },
    handler: async ({ ctx, db, params, query }) => ({ items: await listProxies(db, { ctx, meetingId: params.id, status: query.status }) }),
  }),
  route({
    method: 'POST',
    url: '/meetings/:id/proxies/:proxyId/approve',
    permission: 'meeting.convene',
    summary: 'Approve a pending proxy: its holder may then vote for the owner',
    tags,
    schema: { params: proxyIdParams, response: { 200: proxyView } },
    handler: ({ ctx, db, params }) => reviewProxy(db, { ctx, meetingId: params.id, proxyId: params.proxyId, decision: 'approve' }),
  }),
  route({
    method: 'POST',
    url: '/meetings/:id/proxies/:proxyId/reject',
    permission: 'meeting.convene',
    summary: 'Reject a pending proxy with a reason',
    tags,
    schema: { params: proxyIdParams, body: proxyRejectBody, response: { 200: proxyView } },
    handler: ({ ctx, db, params, body }) =>
      reviewProxy(db, { ctx, meetingId: params.id, proxyId: params.proxyId, decision: 'reject', reason: body.reason }),
  }),
  route({
    method: 'POST',
    url: '/my/meetings/:id/proxies/:proxyId/revoke',
    permission: 'meeting.vote',
    summary: 'An owner of the head withdraws its proxy (pending or approved) before voting closes; the holder can no longer vote for it',
    tags,
    schema: { params: proxyIdParams, body: ownerProxyRevokeBody, response: { 200: proxyView } },
    handler: ({ ctx, db, params, body }) =>
      revokeProxy(db, { ctx, meetingId: params.id, proxyId: params.proxyId, by: 'owner', reason: body.reason }),
  }),
  route({
    method: 'POST',
    url: '/meetings/:id/proxies/:proxyId/revoke',
    permission: 'meeting.convene',
    summary: 'The convener withdraws a proxy (pending or approved) with a reason, e.g. the owner revoked it in person',
    tags,
    schema: { params: proxyIdParams, body: convenerProxyRevokeBody, response: { 200: proxyView } },
    handler: ({ ctx, db, params, body }) =>
      revokeProxy(db, { ctx, meetingId: params.id, proxyId: params.proxyId, by: 'convener', reason: body.reason }),
  }),
  route({
    method: 'GET',
    url: '/my/proxies',
    permission: 'authenticated',
    summary: 'Proxies I hold (the meetings and voter keys I may vote for) and proxies I asked for as an owner',
    tags,
    schema: { response: { 200: myProxies } },
    handler: ({ ctx, db }) => listMyProxies(db, { accountId: ctx.accountId! }),
  }),

  // --- paper ballots ---------------------------------------------------------------------------
  route({
    method: 'POST',
    url: '/meetings/:id/paper-ballots',
    permission: 'meeting.convene',
    summary: "Enter one owner's paper ballot sheet with its scan; pending (not counted) until a second person confirms it",
    tags,
    schema: { params: meetingIdParams, body: paperBallotBody, response: { 200: paperSheetView } },
    handler: ({ ctx, db, params, body }) => enterPaperBallot(db, { ctx, meetingId: params.id, body }),
  }),
  route({
    method: 'GET',
    url: '/meetings/:id/paper-ballots',
    permission: 'meeting.convene',
    summary: "A meeting's paper ballot sheets, optionally by status (pending / confirmed / rejected)",
    tags,
    schema: { params: meetingIdParams, querystring: paperListQuery, response: { 200: paperSheetList } },
    handler: async ({ ctx, db, params, query }) => ({ items: await listSheets(db, { ctx, meetingId: params.id, status: query.status }) }),
  }),
  route({
    method: 'POST',
    url: '/meetings/:id/paper-ballots/:sheetId/confirm',
    permission: 'meeting.convene',
    summary: 'Confirm a paper sheet (a person other than the one who entered it): its ballots are chained and counted per the precedence',
    tags,
    schema: { params: sheetIdParams, response: { 200: paperConfirmResult } },
    handler: ({ ctx, db, params }) => confirmPaperBallot(db, { ctx, meetingId: params.id, sheetId: params.sheetId }),
  }),
  route({
    method: 'POST',
    url: '/meetings/:id/paper-ballots/:sheetId/reject',
    permission: 'meeting.convene',
    summary: 'Reject a pending paper sheet with a reason (its ballots never count)',
    tags,
    schema: { params: sheetIdParams, body: paperRejectBody, response: { 200: paperSheetView } },
    handler: ({ ctx, db, params, body }) => rejectPaperBallot(db, { ctx, meetingId: params.id, sheetId: params.sheetId, reason: body.reason }),
  }),
] as RouteDef[];
