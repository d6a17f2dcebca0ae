import {
  myNoticeDetail, myNoticePage, myNoticeQuery, noticeCorrectBody, noticeCoverage, noticeCreateBody, noticeDetail,
  noticeEstateParams, noticeListQuery, noticePage, noticeParams, noticePinBody, noticePublishResult, noticeRemindResult,
  noticeUpdateBody, noticeWithdrawBody,
} from '@gongzhi/contracts';
import { z } from 'zod';
import { xlsxReply } from '../../platform/download.ts';
import { route, type RouteDef } from '../../platform/route.ts';
import { myNotices } from './my-notices.ts';
import { pinNotice, publishOwnNotice, withdrawNotice } from './notice-actions.ts';
import { correctNotice } from './notice-correct.ts';
import { noticeCoverage as coverageOf } from './notice-coverage.ts';
import { exportCoverage } from './notice-coverage-xlsx.ts';
import { createNotice } from './notice-create.ts';
import { listNotices } from './notice-list.ts';
import { readMyNotice, SESSION_COOKIE } from './notice-read.ts';
import { remindNotice } from './notice-remind.ts';
import { deleteNotice, updateNotice } from './notice-update.ts';
import { noticeDetail as detailOf } from './notice-view.ts';

// Disclosure (issue 5), notices: officials compose, publish, withdraw, correct, pin and remind;
// read coverage by building; owners read their notices (the first opening is the read receipt).

const tags = ['disclosure'];

export const noticeRoutes: RouteDef[] = [
  route({
    method: 'POST', url: '/estates/:id/notices', permission: 'notice.publish', tags,
    summary: 'A draft notice / announcement / publicity of the estate, spoken by the caller\'s body',
    schema: { params: noticeEstateParams, body: noticeCreateBody, response: { 200: noticeDetail } },
    handler: ({ db, ctx, params, body }) => createNotice(db, { ctx, estateId: params.id, body }),
  }),
  route({
    method: 'PATCH', url: '/notices/:id', permission: 'notice.publish', tags,
    summary: 'Edit a draft (its publisher kind only)',
    schema: { params: noticeParams, body: noticeUpdateBody, response: { 200: noticeDetail } },
    handler: ({ db, ctx, params, body }) => updateNotice(db, { ctx, id: params.id, body }),
  }),
  route({
    method: 'DELETE', url: '/notices/:id', permission: 'notice.publish', tags,
    summary: 'Delete a draft (a published notice is never deleted: withdraw or correct it)',
    schema: { params: noticeParams, response: { 200: z.object({ ok: z.literal(true) }) } },
    handler: ({ db, ctx, params }) => deleteNotice(db, { ctx, id: params.id }),
  }),
  route({
    method: 'POST', url: '/notices/:id/publish', permission: 'notice.publish', tags,
    summary: 'Publish a draft: recipients frozen, each gets an inbox message; a publicity needs both dates',
    schema: { params: noticeParams, body: z.object({}).optional(), response: { 200: noticePublishResult } },
    handler: ({ db, ctx, params }) => publishOwnNotice(db, { ctx, id: params.id }),
  }),
  route({
    method: 'POST', url: '/notices/:id/withdraw', permission: 'notice.publish', tags,
    summary: 'Withdraw a published notice with a reason (it stays in the archive as 已撤回)',
    schema: { params: noticeParams, body: noticeWithdrawBody, response: { 200: z.object({ id: z.number().int(), state: z.literal('withdrawn') }) } },
    handler: ({ db, ctx, params, body }) => withdrawNotice(db, { ctx, id: params.id, reason: body.reason }),
  }),
  route({
    method: 'POST', url: '/notices/:id/correct', permission: 'notice.publish', tags,
    summary: 'Publish a correction: a new notice linked to the original (shown as 已更正)',
    schema: { params: noticeParams, body: noticeCorrectBody, response: { 200: noticeDetail } },
    handler: ({ db, ctx, params, body }) => correctNotice(db, { ctx, id: params.id, ...body }),
  }),
  route({
    method: 'POST', url: '/notices/:id/pin', permission: 'notice.publish', tags,
    summary: 'Pin or unpin a notice',
    schema: { params: noticeParams, body: noticePinBody, response: { 200: z.object({ id: z.number().int(), pinned: z.boolean() }) } },
    handler: ({ db, ctx, params, body }) => pinNotice(db, { ctx, id: params.id, pinned: body.pinned }),
  }),
  route({
    method: 'POST', url: '/notices/:id/remind', permission: 'notice.publish', tags,
    summary: 'Remind the recipients who have not read it (once per 24 hours)',
    schema: { params: noticeParams, body: z.object({}).optional(), response: { 200: noticeRemindResult } },
    handler: ({ db, ctx, params }) => remindNotice(db, { ctx, id: params.id }),
  }),
  route({
    method: 'GET', url: '/notices', permission: 'disclosure.read', tags,
    summary: 'Notices of the estates in scope (drafts only of the caller\'s body), pinned first, then newest',
    schema: { querystring: noticeListQuery, response: { 200: noticePage } },
    handler: ({ db, ctx, query }) => listNotices(db, { ctx, query }),
  }),
  route({
    method: 'GET', url: '/notices/:id', permission: 'disclosure.read', tags,
    summary: 'A notice with its audience, attachments, read counts and the caller\'s available actions',
    schema: { params: noticeParams, response: { 200: noticeDetail } },
    handler: ({ db, ctx, params }) => detailOf(db, ctx, params.id),
  }),
  route({
    method: 'GET', url: '/notices/:id/coverage', permission: 'disclosure.read', tags,
    summary: 'Read coverage: overall, by building (basis points), and the committee',
    schema: { params: noticeParams, response: { 200: noticeCoverage } },
    handler: async ({ db, ctx, params }) => {
      const { notice: _n, ...c } = await coverageOf(db, { ctx, id: params.id });
      return c;
    },
  }),
  route({
    method: 'GET', url: '/notices/:id/coverage.xlsx', permission: 'disclosure.read', tags,
    summary: 'Read coverage by building as an Excel workbook',
    schema: { params: noticeParams },
    handler: async ({ db, ctx, params, reply }) => {
      const { buffer, filename } = await exportCoverage(db, { ctx, id: params.id });
      return xlsxReply(reply, buffer, filename, `notice-coverage-${params.id}.xlsx`);
    },
  }),
  route({
    method: 'GET', url: '/my/notices', permission: 'authenticated', tags,
    summary: "The owner's notices: unread first, then pinned, then newest; with the unread count",
    schema: { querystring: myNoticeQuery, response: { 200: myNoticePage } },
    handler: ({ db, ctx, query }) => myNotices(db, { ctx, ...query }),
  }),
  route({
    method: 'GET', url: '/my/notices/:id', permission: 'authenticated', tags,
    summary: 'Open a notice addressed to a unit the account is bound to (records the first read)',
    // the session is checked in the read's own statement (notice-read.ts): one round trip
    deferAuth: true,
    schema: { params: noticeParams, response: { 200: myNoticeDetail } },
    handler: ({ db, ctx, params, deps, reply }) =>
      readMyNotice(db, { ctx, config: deps.config, id: params.id, clearCookie: () => reply.clearCookie(SESSION_COOKIE, { path: '/' }) }),
  }),
];
