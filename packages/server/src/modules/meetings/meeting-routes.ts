import {
  createMeetingBody, idParam, meetingDetailView, meetingListQuery, meetingPage, meetingReasonBody, myMeetingPage,
  myMeetingView, pageQuery, rosterPage, rosterQuery, transitionResultView, updateMeetingBody,
} from '@gongzhi/contracts';
import { z } from 'zod';
import { route, type RouteDef } from '../../platform/route.ts';
import { createMeeting } from './create-meeting.ts';
import { getMeeting, getRoster, getMyRoster, listMeetings } from './list-meetings.ts';
import { takeStep, type PersonAction } from './meeting-steps.ts';
import { getMyMeeting, listMyMeetings } from './my-meetings.ts';
import { stateResult } from './transition-meeting.ts';
import { updateMeeting } from './update-meeting.ts';

// Routes of the meetings module: meeting lifecycle, items, roster freeze, the owner's view.

const tags = ['meetings'];
const created = z.object({ id: z.number().int() });

/** One POST per step a person takes; the domain's table decides who may take it when. */
function stepRoute(path: string, action: PersonAction, permission: 'meeting.convene' | 'meeting.approve', summary: string, withReason = false) {
  return route({
    method: 'POST', url: `/meetings/:id/${path}`, permission, tags, summary,
    schema: { params: idParam, ...(withReason ? { body: meetingReasonBody } : {}), response: { 200: transitionResultView } },
    handler: async ({ db, ctx, params, body }) => {
      const out = await takeStep({ db, ctx, meetingId: params.id, action, reason: (body as { reason?: string } | undefined)?.reason });
      return stateResult(out.meeting);
    },
  });
}

export const meetingRoutes: RouteDef[] = [
  route({
    method: 'GET', url: '/meetings', permission: 'meeting.read', tags,
    summary: "Meetings of the caller's estates, filtered by estate and state, paged",
    schema: { querystring: meetingListQuery, response: { 200: meetingPage } },
    handler: ({ db, ctx, query }) => listMeetings({ db, ctx, query }),
  }),
  route({
    method: 'POST', url: '/meetings', permission: 'meeting.convene', tags,
    summary: 'Create a meeting (draft) with its items and candidates',
    schema: { body: createMeetingBody, response: { 200: created } },
    handler: ({ db, ctx, body }) => createMeeting({ db, ctx, input: body }),
  }),
  route({
    method: 'GET', url: '/meetings/:id', permission: 'meeting.read', tags,
    summary: 'One meeting: notice, items, candidates, attachments and the steps the caller may take',
    schema: { params: idParam, response: { 200: meetingDetailView } },
    handler: ({ db, ctx, params }) => getMeeting({ db, ctx, meetingId: params.id }),
  }),
  route({
    method: 'PUT', url: '/meetings/:id', permission: 'meeting.convene', tags,
    summary: 'Replace a draft meeting (fields, items, candidates)',
    schema: { params: idParam, body: updateMeetingBody, response: { 200: created } },
    handler: ({ db, ctx, params, body }) => updateMeeting({ db, ctx, meetingId: params.id, input: body }),
  }),
  stepRoute('submit', 'submit', 'meeting.convene', 'Submit a draft to the street office'),
  stepRoute('approve', 'approve', 'meeting.approve', 'Approve a submitted meeting (street office): convener, household count and items are checked'),
  stepRoute('reject', 'reject', 'meeting.approve', 'Return a submitted meeting to draft with a reason (street office)', true),
  stepRoute('publish-notice', 'publish_notice', 'meeting.convene', 'Publish the notice: checks the notice period, freezes the roster, schedules the voting window'),
  stepRoute('cancel', 'cancel', 'meeting.convene', 'Cancel a meeting before the tally, with a reason (convener or street office)', true),
  stepRoute('publish-result', 'publish_result', 'meeting.convene', 'Publish the tallied result; the objection period starts'),
  route({
    method: 'GET', url: '/meetings/:id/roster', permission: 'meeting.read', tags,
    summary: 'The roster frozen at notice: unit numbers, areas and their sources (never names), paged',
    schema: { params: idParam, querystring: rosterQuery, response: { 200: rosterPage } },
    handler: ({ db, ctx, params, query }) => getRoster({ db, ctx, meetingId: params.id, page: query.page, pageSize: query.pageSize }),
  }),
  route({
    // 'authenticated': a proxy holder need not be an owner; the query shows only meetings the
    // account may vote in (approved binding in the estate, or an approved proxy)
    method: 'GET', url: '/my/meetings', permission: 'authenticated', tags,
    summary: 'Meetings the caller may vote in (own estates or as a proxy holder), from the notice on',
    schema: { querystring: pageQuery, response: { 200: myMeetingPage } },
    handler: ({ db, ctx, query }) => listMyMeetings({ db, ctx, page: query.page, pageSize: query.pageSize }),
  }),
  route({
    method: 'GET', url: '/my/meetings/:id', permission: 'authenticated', tags,
    summary: "One meeting for the owner: notice, items, attachments, the caller's voter keys and current ballots",
    schema: { params: idParam, response: { 200: myMeetingView } },
    handler: ({ db, ctx, params }) => getMyMeeting({ db, ctx, meetingId: params.id }),
  }),
  route({
    method: 'GET', url: '/my/meetings/:id/roster', permission: 'authenticated', tags,
    summary: 'The published voting roster for owners and proxy holders: unit numbers and areas only, paged',
    schema: { params: idParam, querystring: rosterQuery, response: { 200: rosterPage } },
    handler: ({ db, ctx, params, query }) => getMyRoster({ db, ctx, meetingId: params.id, page: query.page, pageSize: query.pageSize }),
  }),
];
