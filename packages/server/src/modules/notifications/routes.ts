import { inboxPage, inboxQuery, sendNotificationBody, sendNotificationResult } from '@gongzhi/contracts';
import { z } from 'zod';
import type { RouteDef } from '../../platform/route.ts';
import { route } from '../../platform/route.ts';
import { listInbox } from './list-inbox.ts';
import { markAllRead, markRead } from './mark-read.ts';
import { sendToEstate } from './send-to-estate.ts';

const tags = ['notifications'];
const ok = z.object({ ok: z.boolean() });

export const notificationsRoutes: RouteDef[] = [
  route({
    method: 'GET',
    url: '/notifications',
    permission: 'authenticated',
    summary: "The caller's inbox, newest first, with the unread count",
    tags,
    schema: { querystring: inboxQuery, response: { 200: inboxPage } },
    handler: ({ ctx, db, query }) => listInbox(db, { accountId: ctx.accountId!, ...query }),
  }),
  route({
    method: 'POST',
    url: '/notifications/:id/read',
    permission: 'authenticated',
    summary: 'Mark one of my messages read',
    tags,
    schema: { params: z.object({ id: z.coerce.number().int().positive() }), response: { 200: ok } },
    handler: async ({ ctx, db, params }) => {
      await markRead(db, { actor: ctx.actor(), accountId: ctx.accountId!, id: params.id });
      return { ok: true };
    },
  }),
  route({
    method: 'POST',
    url: '/notifications/read-all',
    permission: 'authenticated',
    summary: 'Mark all my messages read',
    tags,
    schema: { response: { 200: z.object({ count: z.number().int() }) } },
    handler: async ({ ctx, db }) => ({ count: await markAllRead(db, { actor: ctx.actor(), accountId: ctx.accountId! }) }),
  }),
  route({
    method: 'POST',
    url: '/notifications/send',
    permission: 'notification.send',
    summary: "Send an in-app notice to an estate's owners or committee",
    tags,
    schema: { body: sendNotificationBody, response: { 200: sendNotificationResult } },
    handler: async ({ ctx, db, body }) => ({ count: await sendToEstate(db, { ctx, input: body }) }),
  }),
] as RouteDef[];
