import {
  fundApproveBody, fundCalendarQuery, fundCalendarView, fundConfirmationsView, fundConfirmBody, fundRefuseEmergencyBody,
  fundRejectBody, fundReviewParams, fundReviewsQuery, fundReviewsView, fundStepResult,
} from '@gongzhi/contracts';
import { route, type RouteDef } from '../../platform/route.ts';
import { fundCalendar } from './calendar-view.ts';
import { listConfirmations } from './confirm-queue.ts';
import { committeeConfirm, refuseEmergency, streetConfirm } from './confirm-emergency.ts';
import { approveApplication, rejectApplication } from './review-decide.ts';
import { listReviews } from './review-queue.ts';

// Routes of the funds module's review part (issue 4, F4): the emergency path's confirmations,
// the district's review queue and decision, and the working-day calendar.

const tags = ['funds'];
const params = fundReviewParams;
const step = { 200: fundStepResult };

export const reviewRoutes: RouteDef[] = [
  route({
    method: 'POST', url: '/fund/applications/:id/committee-confirm', permission: 'fund.confirm', tags,
    summary: 'The owners\' committee confirms an emergency use (first confirmation)',
    schema: { params, body: fundConfirmBody, response: step },
    handler: ({ ctx, db, params: p, body }) => committeeConfirm(db, { ctx, applicationId: p.id, note: body.note }),
  }),
  route({
    method: 'POST', url: '/fund/applications/:id/street-confirm', permission: 'fund.confirm', tags,
    summary: 'The street office or community confirms an emergency use: the district review starts (deadline in working days)',
    schema: { params, body: fundConfirmBody, response: step },
    handler: ({ ctx, db, params: p, body }) => streetConfirm(db, { ctx, applicationId: p.id, note: body.note }),
  }),
  route({
    method: 'POST', url: '/fund/applications/:id/refuse-emergency', permission: 'fund.confirm', tags,
    summary: 'Not an emergency: the application continues on the ordinary path (owners\' vote)',
    schema: { params, body: fundRefuseEmergencyBody, response: step },
    handler: ({ ctx, db, params: p, body }) => refuseEmergency(db, { ctx, applicationId: p.id, reason: body.reason }),
  }),
  route({
    method: 'GET', url: '/fund/confirmations', permission: 'fund.confirm', tags,
    summary: 'Emergency applications awaiting the caller\'s confirmation (committee: submitted; street/community: committee-confirmed)',
    schema: { response: { 200: fundConfirmationsView } },
    handler: ({ ctx, db }) => listConfirmations(db, { ctx }),
  }),
  route({
    method: 'GET', url: '/fund/reviews', permission: 'fund.review', tags,
    summary: 'The district review queue, nearest deadline first, with working days left and the overdue flag',
    schema: { querystring: fundReviewsQuery, response: { 200: fundReviewsView } },
    handler: ({ ctx, db, query }) => listReviews(db, { ctx, query }),
  }),
  route({
    method: 'POST', url: '/fund/applications/:id/approve', permission: 'fund.review', tags,
    summary: 'The district approves an application under review',
    schema: { params, body: fundApproveBody, response: step },
    handler: ({ ctx, db, params: p, body }) => approveApplication(db, { ctx, applicationId: p.id, note: body.note }),
  }),
  route({
    method: 'POST', url: '/fund/applications/:id/reject', permission: 'fund.review', tags,
    summary: 'The district rejects an application under review, with a reason (and the exclusion it rests on, if any)',
    schema: { params, body: fundRejectBody, response: step },
    handler: ({ ctx, db, params: p, body }) => rejectApplication(db, { ctx, applicationId: p.id, reason: body.reason, exclusion: body.exclusion }),
  }),
  route({
    method: 'GET', url: '/fund/calendar', permission: 'public', tags,
    summary: 'The working-day calendar (days off and adjusted working weekends) of a year',
    schema: { querystring: fundCalendarQuery, response: { 200: fundCalendarView } },
    handler: async ({ query }) => fundCalendar({ year: query.year }),
  }),
] as RouteDef[];
