import { z } from 'zod';
import { route } from '../../platform/route.ts';

export const systemRoutes = [
  route({
    method: 'GET',
    url: '/health',
    permission: 'public',
    summary: 'Liveness and database check',
    tags: ['system'],
    schema: { response: { 200: z.object({ ok: z.boolean(), db: z.boolean() }) } },
    handler: async ({ db }) => {
      await db.query('SELECT 1');
      return { ok: true, db: true };
    },
  }),
];
