import { createOwnerBody, idParam, ownerDetailView, ownerListQuery, ownerView, pageOf, revealIdView } from '@gongzhi/contracts';
import { route } from '../../platform/route.ts';
import { createOwner } from './create-owner.ts';
import { getOwner } from './get-owner.ts';
import { listOwners } from './owners-repository.ts';
import { presentOwner } from './present.ts';
import { revealOwnerId } from './reveal-owner-id.ts';

const tags = ['registry'];

export const ownerRoutes = [
  route({
    method: 'GET', url: '/owners', permission: 'registry.read', tags,
    summary: 'Owners who hold or held units in scope (ID numbers and phones masked)',
    schema: { querystring: ownerListQuery, response: { 200: pageOf(ownerView) } },
    handler: async ({ db, ctx, query }) => {
      const page = await listOwners(db, { ...query, estateIds: ctx.scope.estateIds });
      return { ...page, items: page.items.map(presentOwner) };
    },
  }),
  route({
    method: 'GET', url: '/owners/:id', permission: 'registry.read', tags,
    summary: 'One owner with their ownerships in scope',
    schema: { params: idParam, response: { 200: ownerDetailView } },
    handler: ({ db, ctx, params }) => getOwner({ db, ctx, ownerId: params.id }),
  }),
  route({
    method: 'POST', url: '/owners', permission: 'registry.write', tags,
    summary: 'Register an owner: a person (ID number) or an organisation (credit code)',
    schema: { body: createOwnerBody, response: { 200: ownerView } },
    handler: ({ db, ctx, body, deps }) => createOwner({ db, ctx, secrets: deps.secrets, input: body }),
  }),
  route({
    method: 'POST', url: '/owners/:id/reveal-id', permission: 'owner.reveal_id', tags,
    summary: "Reveal an owner's full ID number (audited)",
    // every reveal runs and is audited; the number is never stored as a replayable answer
    idempotent: false,
    schema: { params: idParam, response: { 200: revealIdView } },
    handler: ({ db, ctx, params, deps }) => revealOwnerId({ db, ctx, secrets: deps.secrets, ownerId: params.id }),
  }),
];
