import {
  buildingView, createBuildingBody, createEstateBody, estateDetailView, estateListQuery, estateView, idParam, pageOf,
  regionView,
} from '@gongzhi/contracts';
import { z } from 'zod';
import { route } from '../../platform/route.ts';
import { createBuilding } from './create-building.ts';
import { createEstate } from './create-estate.ts';
import { listBuildings, listEstates } from './estates-repository.ts';
import { getEstate } from './get-estate.ts';
import { listVisibleRegions } from './regions-repository.ts';

const tags = ['registry'];

export const estateRoutes = [
  route({
    method: 'GET', url: '/regions', permission: 'registry.read', tags,
    summary: 'The region tree visible to the caller, with estate counts (flat, parentId links)',
    schema: { response: { 200: z.object({ items: z.array(regionView) }) } },
    handler: async ({ db, ctx }) => ({ items: await listVisibleRegions(db, ctx.scope) }),
  }),
  route({
    method: 'GET', url: '/estates', permission: 'registry.read', tags,
    summary: 'Estates in scope; regionId filters by a region subtree at any level',
    schema: { querystring: estateListQuery, response: { 200: pageOf(estateView) } },
    handler: ({ db, ctx, query }) => listEstates(db, { ...query, estateIds: ctx.scope.estateIds }),
  }),
  route({
    method: 'GET', url: '/estates/:id', permission: 'registry.read', tags,
    summary: 'One estate with its developer, service contracts and committees',
    schema: { params: idParam, response: { 200: estateDetailView } },
    handler: ({ db, ctx, params }) => getEstate({ db, ctx, estateId: params.id }),
  }),
  route({
    method: 'GET', url: '/estates/:id/buildings', permission: 'registry.read', tags,
    summary: "An estate's buildings",
    schema: { params: idParam, response: { 200: z.object({ items: z.array(buildingView) }) } },
    handler: async ({ db, ctx, params }) => {
      ctx.assertEstate(params.id, '小区');
      return { items: await listBuildings(db, params.id) };
    },
  }),
  route({
    method: 'POST', url: '/estates', permission: 'registry.write', tags,
    summary: 'Create an estate in a community of the caller’s region',
    schema: { body: createEstateBody, response: { 200: z.object({ id: z.number().int() }) } },
    handler: ({ db, ctx, body }) => createEstate({ db, ctx, input: body }),
  }),
  route({
    method: 'POST', url: '/estates/:id/buildings', permission: 'registry.write', tags,
    summary: 'Add a building to an estate',
    schema: { params: idParam, body: createBuildingBody, response: { 200: buildingView } },
    handler: ({ db, ctx, params, body }) => createBuilding({ db, ctx, estateId: params.id, input: body }),
  }),
];
