import {
  bindingView, estateForBinding, invitationView, issueInvitationBody, listBindingsQuery, myUnitsResponse, pageOf,
  pageQuery, redeemInvitationBody, rejectBindingBody, rosterMatchBody,
} from '@gongzhi/contracts';
import { z } from 'zod';
import { route } from '../../platform/route.ts';
import { hitBindingThrottle } from './binding-throttle.ts';
import { estatesForBinding } from './estates-for-binding.ts';
import { issueInvitation } from './issue-invitation.ts';
import { listBindings } from './list-bindings.ts';
import { listInvitations } from './list-invitations.ts';
import { requireFullSignIn } from './mfa-policy.ts';
import { myUnits } from './my-units.ts';
import { redeemInvitation } from './redeem-invitation.ts';
import { reviewBinding } from './review-binding.ts';
import { rosterMatch } from './roster-match.ts';

const tags = ['identity'];
const idParams = z.object({ id: z.coerce.number().int().positive() });

export const bindingRoutes = [
  route({
    method: 'POST',
    url: '/invitations',
    permission: 'invitation.issue',
    summary: 'Issue an invitation code for a current owner of a unit',
    tags,
    schema: { body: issueInvitationBody, response: { 200: invitationView } },
    handler: ({ db, ctx, body }) => issueInvitation({ db, ctx, unitId: body.unitId, ownerId: body.ownerId }),
  }),
  route({
    method: 'GET',
    url: '/invitations',
    permission: 'invitation.issue',
    summary: 'Invitation codes issued in the caller\'s estates',
    tags,
    schema: { querystring: pageQuery.extend({ estateId: z.coerce.number().int().positive().optional() }), response: { 200: pageOf(invitationView) } },
    handler: ({ db, ctx, query }) => listInvitations({ db, ctx, estateId: query.estateId, page: query.page, pageSize: query.pageSize }),
  }),
  // Binding is open to any signed-in account: a new owner has no owner role until it binds.
  route({
    method: 'POST',
    url: '/bindings/invitation',
    permission: 'authenticated',
    summary: 'Bind to a unit with an invitation code',
    tags,
    schema: { body: redeemInvitationBody, response: { 200: bindingView } },
    handler: ({ db, deps, ctx, body }) => {
      requireFullSignIn(ctx);
      hitBindingThrottle(deps, ctx.accountId!);
      return redeemInvitation({ db, ctx, code: body.code });
    },
  }),
  route({
    method: 'POST',
    url: '/bindings/roster-match',
    permission: 'authenticated',
    summary: 'Ask to be bound by matching the roster (name, last four of the ID number, unit) with a binding code sent to the caller\'s phone; reviewed later',
    tags,
    // a wrong code is counted in a committed transaction; the use case manages its transactions
    transaction: false,
    schema: { body: rosterMatchBody, response: { 200: bindingView } },
    handler: ({ db, deps, ctx, body }) => {
      requireFullSignIn(ctx);
      hitBindingThrottle(deps, ctx.accountId!);
      return rosterMatch({ db, deps, ctx, ...body });
    },
  }),
  route({
    method: 'GET',
    url: '/bindings',
    permission: 'binding.review',
    summary: 'Binding requests in the caller\'s estates',
    tags,
    schema: { querystring: listBindingsQuery, response: { 200: z.object({ items: z.array(bindingView) }) } },
    handler: async ({ db, ctx, query }) => ({ items: await listBindings({ db, ctx, status: query.status, estateId: query.estateId }) }),
  }),
  route({
    method: 'POST',
    url: '/bindings/:id/approve',
    permission: 'binding.review',
    summary: 'Approve a pending binding request',
    tags,
    schema: { params: idParams, response: { 200: bindingView } },
    handler: ({ db, deps, ctx, params }) => reviewBinding({ db, deps, ctx, bindingId: params.id, decision: 'approve' }),
  }),
  route({
    method: 'POST',
    url: '/bindings/:id/reject',
    permission: 'binding.review',
    summary: 'Reject a pending binding request, with a reason the owner sees',
    tags,
    schema: { params: idParams, body: rejectBindingBody, response: { 200: bindingView } },
    handler: ({ db, deps, ctx, params, body }) => reviewBinding({ db, deps, ctx, bindingId: params.id, decision: 'reject', note: body.note }),
  }),
  route({
    method: 'GET',
    url: '/my/units',
    permission: 'my.units',
    summary: 'The caller\'s bound units and binding requests',
    tags,
    schema: { response: { 200: myUnitsResponse } },
    handler: ({ db, ctx }) => myUnits({ db, ctx }),
  }),
  route({
    method: 'GET',
    url: '/my/estates-for-binding',
    permission: 'authenticated',
    summary: 'Directory of estates (names only) to choose from when matching the roster',
    tags,
    schema: { response: { 200: z.object({ items: z.array(estateForBinding) }) } },
    handler: async ({ db, ctx }) => {
      requireFullSignIn(ctx);
      return { items: await estatesForBinding({ db }) };
    },
  }),
];
