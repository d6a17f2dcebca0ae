import {
  apportionPreviewBody, apportionPreviewView, createFundApplicationBody, fundApplicationDetailView, fundApplicationListQuery,
  fundApplicationPage, fundCancelBody, fundSharesView, idParam, myFundApplicationList, myFundApplicationView, putToVoteBody,
  putToVoteView, updateFundApplicationBody,
} from '@gongzhi/contracts';
import { z } from 'zod';
import { xlsxReply } from '../../platform/download.ts';
import { route, type RouteDef } from '../../platform/route.ts';
import { localDate } from '../meetings/index.ts';
import { cancelApplication } from './application-cancel.ts';
import { createApplication } from './application-create.ts';
import { getApplication } from './application-detail.ts';
import { listApplications } from './application-list.ts';
import { findApplicationUnsafe } from './application-repository.ts';
import { submitApplication } from './application-submit.ts';
import { updateApplication } from './application-update.ts';
import { exportApplications } from './export-applications.ts';
import { getMyApplication, listMyApplications } from './my-applications.ts';
import { putToVote } from './put-to-vote.ts';
import { readShares } from './shares-read.ts';
import { previewShares } from './shares-preview.ts';
import { applicationStateResult } from './transition-application.ts';
import { notFound } from '../../platform/errors.ts';

// Use applications (issue 4, part F3): drafts, the list and its export, the apportionment, submit,
// cancel, put to the owners' vote; and the owner's view of the applications charging their units.

const tags = ['funds'];
const created = z.object({ id: z.number().int() });
const stateResult = z.object({ id: z.number().int(), state: z.string(), stateLabel: z.string() });

export const applicationRoutes: RouteDef[] = [
  route({
    method: 'POST', url: '/estates/:id/fund/applications', permission: 'fund.apply', tags,
    summary: 'Create a use application (draft) for the estate: the committee or the serving company applies',
    schema: { params: idParam, body: createFundApplicationBody, response: { 200: created } },
    handler: ({ db, ctx, params, body }) => createApplication({ db, ctx, estateId: params.id, input: body }),
  }),
  route({
    method: 'POST', url: '/estates/:id/fund/apportion-preview', permission: 'fund.read', tags,
    summary: 'The apportionment of a budget over a scope (by area, to the fen), with the scope balance and shortfall; nothing is saved',
    schema: { params: idParam, body: apportionPreviewBody, response: { 200: apportionPreviewView } },
    handler: ({ db, ctx, params, body }) => previewShares({ db, ctx, estateId: params.id, input: body }),
  }),
  route({
    method: 'GET', url: '/fund/applications', permission: 'fund.read', tags,
    summary: "Use applications across the caller's scope, filtered by estate, state, path, text and overdue review, paged",
    schema: { querystring: fundApplicationListQuery, response: { 200: fundApplicationPage } },
    handler: ({ db, ctx, query }) => listApplications({ db, ctx, query }),
  }),
  route({
    method: 'GET', url: '/fund/applications.xlsx', permission: 'fund.read', tags,
    summary: 'The use applications list as an Excel workbook (same filters as the list)',
    schema: { querystring: fundApplicationListQuery },
    handler: async ({ db, ctx, query, reply }) => {
      const buffer = await exportApplications({ db, ctx, query });
      const day = localDate(Date.now()).replaceAll('-', '');
      return xlsxReply(reply, buffer, `维修资金使用申请-${day}.xlsx`, `fund-applications-${day}.xlsx`);
    },
  }),
  route({
    method: 'GET', url: '/fund/applications/:id', permission: 'fund.read', tags,
    summary: 'One use application: fields, shares summary, attachments by kind, confirmations, movements, meeting, the caller\'s actions, timeline',
    schema: { params: idParam, response: { 200: fundApplicationDetailView } },
    handler: ({ db, ctx, params }) => getApplication({ db, ctx, applicationId: params.id }),
  }),
  route({
    method: 'PATCH', url: '/fund/applications/:id', permission: 'fund.apply', tags,
    summary: 'Change a draft (applicant only; refused once submitted)',
    schema: { params: idParam, body: updateFundApplicationBody, response: { 200: created } },
    handler: ({ db, ctx, params, body }) => updateApplication({ db, ctx, applicationId: params.id, input: body }),
  }),
  route({
    method: 'GET', url: '/fund/applications/:id/shares', permission: 'fund.read', tags,
    summary: 'Per-unit shares: frozen after submission (with actual shares once settled), computed live on a draft',
    schema: { params: idParam, response: { 200: fundSharesView } },
    handler: async ({ db, ctx, params }) => {
      const a = await findApplicationUnsafe(db, params.id);
      if (!a) throw notFound('维修资金使用申请');
      ctx.assertEstate(Number(a.estate_id), '维修资金使用申请');
      return readShares(db, a);
    },
  }),
  route({
    method: 'POST', url: '/fund/applications/:id/submit', permission: 'fund.apply', tags,
    summary: 'Submit a draft: exclusions declared, scope not empty, budget covered by the scope balance, emergency in the city list with evidence; freezes the shares',
    schema: { params: idParam, response: { 200: stateResult } },
    handler: async ({ db, ctx, params }) => applicationStateResult((await submitApplication({ db, ctx, applicationId: params.id })).application),
  }),
  route({
    method: 'POST', url: '/fund/applications/:id/cancel', permission: 'fund.apply', tags,
    summary: 'Withdraw a draft or submitted application, with a reason (applicant)',
    schema: { params: idParam, body: fundCancelBody, response: { 200: stateResult } },
    handler: async ({ db, ctx, params, body }) =>
      applicationStateResult((await cancelApplication({ db, ctx, applicationId: params.id, reason: body.reason })).application),
  }),
  route({
    method: 'POST', url: '/fund/applications/:id/put-to-vote', permission: 'fund.apply', tags,
    summary: "Committee: add a matter-5 item limited to the application's scope to a draft meeting of the estate (or a new one) and wait for its result",
    schema: { params: idParam, body: putToVoteBody, response: { 200: putToVoteView } },
    handler: async ({ db, ctx, params, body }) => {
      const out = await putToVote({ db, ctx, applicationId: params.id, input: body });
      return { ...applicationStateResult(out.application), meetingId: out.meetingId, itemId: out.itemId };
    },
  }),
  route({
    method: 'GET', url: '/my/fund/applications', permission: 'my.units', tags,
    summary: "The owner's view: submitted applications charging one of the caller's units, with their own shares and the meeting",
    schema: { response: { 200: myFundApplicationList } },
    handler: ({ db, ctx }) => listMyApplications({ db, ctx }),
  }),
  route({
    method: 'GET', url: '/my/fund/applications/:id', permission: 'my.units', tags,
    summary: "One application charging the caller's units, with their own shares",
    schema: { params: idParam, response: { 200: myFundApplicationView } },
    handler: ({ db, ctx, params }) => getMyApplication({ db, ctx, applicationId: params.id }),
  }),
];
