import {
  createUnitBody, idParam, pageOf, transferUnitBody, unitDetailView, unitListQuery, unitView, updateUnitBody,
} from '@gongzhi/contracts';
import { z } from 'zod';
import { sendCachedJson } from '../../platform/read-cache.ts';
import { route } from '../../platform/route.ts';
import { createUnit } from './create-unit.ts';
import { getUnit } from './get-unit.ts';
import { transferUnit } from './transfer-unit.ts';
import { listUnits } from './units-repository.ts';
import { updateUnit } from './update-unit.ts';

const tags = ['registry'];

const unitPage = pageOf(unitView);

export const unitRoutes = [
  route({
    method: 'GET', url: '/units', permission: 'registry.read', tags,
    summary: 'Units in scope, filtered and paged, with their current owners',
    schema: { querystring: unitListQuery, response: { 200: unitPage } },
    // the hot path: served from the versioned read cache while the registry is unchanged
    handler: async ({ db, ctx, query, reply, deps }) => {
      const filter = { ...query, estateIds: ctx.scope.estateIds };
      // scope BEFORE the cache: a cached page of an estate must never reach someone outside it
      if (query.estateId && !ctx.scope.estateIds.includes(query.estateId)) {
        return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
      }
      return sendCachedJson({
        cache: deps.readCache!,
        // one estate asked for (and in scope, checked above): the answer does not depend on who
        // asks; otherwise it depends on the caller's estates
        key: `units:${JSON.stringify(query)}${query.estateId ? '' : `:${filter.estateIds.join(',')}`}`,
        currentVersion: ctx.registryVersion,
        reply,
        schema: unitPage,
        load: async () => {
          const { registryVersion, ...page } = await listUnits(db, filter);
          return { value: page, version: registryVersion };
        },
      });
    },
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
