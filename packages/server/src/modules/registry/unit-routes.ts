import {
  createUnitBody, idParam, pageOf, transferUnitBody, unitDetailView, unitListQuery, unitView, updateUnitBody,
} from '@gongzhi/contracts';
import { z } from 'zod';
import { route } from '../../platform/route.ts';
import { createUnit } from './create-unit.ts';
import { getUnit } from './get-unit.ts';
import { transferUnit } from './transfer-unit.ts';
import { listUnits } from './units-repository.ts';
import { updateUnit } from './update-unit.ts';

const tags = ['registry'];

export const unitRoutes = [
  route({
    method: 'GET', url: '/units', permission: 'registry.read', tags,
    summary: 'Units in scope, filtered and paged, with their current owners',
    schema: { querystring: unitListQuery, response: { 200: pageOf(unitView) } },
    handler: ({ db, ctx, query }) => listUnits(db, { ...query, estateIds: ctx.scope.estateIds }),
  }),
  route({
    method: 'GET', url: '/units/:id', permission: 'registry.read', tags,
    summary: 'One unit with its whole ownership history',
    schema: { params: idParam, response: { 200: unitDetailView } },
    handler: ({ db, ctx, params }) => getUnit({ db, ctx, unitId: params.id }),
  }),
  route({
    method: 'POST', url: '/units', permission: 'registry.write', tags,
    summary: 'Create a unit in a building',
    schema: { body: createUnitBody, response: { 200: z.object({ id: z.number().int() }) } },
    handler: ({ db, ctx, body }) => createUnit({ db, ctx, input: body }),
  }),
  route({
    method: 'PATCH', url: '/units/:id', permission: 'registry.write', tags,
    summary: "Correct a unit's area, area source, kind or status",
    schema: { params: idParam, body: updateUnitBody, response: { 200: unitView } },
    handler: ({ db, ctx, params, body }) => updateUnit({ db, ctx, unitId: params.id, input: body }),
  }),
  route({
    method: 'POST', url: '/units/:id/transfer', permission: 'registry.write', tags,
    summary: 'Transfer a unit to new owner(s) on a date; the history is kept',
    schema: {
      params: idParam, body: transferUnitBody,
      response: { 200: z.object({ unitId: z.number().int(), date: z.string(), fromOwnerIds: z.array(z.number().int()), toOwnerIds: z.array(z.number().int()) }) },
    },
    handler: ({ db, ctx, params, body }) => transferUnit({ db, ctx, unitId: params.id, input: body }),
  }),
];
