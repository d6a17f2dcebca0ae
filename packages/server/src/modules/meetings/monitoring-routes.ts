import { meetingFlagsQuery, meetingFlagsView, reminderResult } from '@gongzhi/contracts';
import { z } from 'zod';
import type { RouteDef } from '../../platform/route.ts';
import { route } from '../../platform/route.ts';
import { meetingFlagReport } from './flag-report.ts';
import { remindNow } from './remind-now.ts';

// Routes of the meetings module: monitoring flags and reminders.

const tags = ['meetings'];
const params = z.object({ id: z.coerce.number().int().positive() });

export const monitoringRoutes: RouteDef[] = [
  route({
    method: 'GET',
    url: '/meetings/:id/flags',
    permission: 'meeting.monitor',
    summary: 'Monitoring flags of a meeting, with the ballots behind each (never their choices)',
    tags,
    schema: { params, querystring: meetingFlagsQuery, response: { 200: meetingFlagsView } },
    handler: ({ ctx, db, params: p, query }) => meetingFlagReport(db, { ctx, meetingId: p.id, query }),
  }),
  route({
    method: 'POST',
    url: '/meetings/:id/reminders',
    permission: 'meeting.convene',
    summary: 'Remind owners who have not voted on every item (in-app; once per meeting per hour)',
    tags,
    schema: { params, response: { 200: reminderResult } },
    handler: ({ ctx, db, params: p }) => remindNow(db, { ctx, meetingId: p.id }),
  }),
] as RouteDef[];
