import { resultMeetingParams, resultItemParams, meetingResultsView, meetingTurnoutView } from '@gongzhi/contracts';
import { route, type RouteDef } from '../../platform/route.ts';
import { buildItemRecord, itemRecordToJson, loadItemRow, loadRosterForRecord } from './decision-records.ts';
import { exportMeeting } from './export-meeting.ts';
import {
  assertRosterFrozen, assertState, CLOSED_STATES, myMeeting, officialMeeting, PUBLISHED_STATES, TALLIED_STATES,
} from './result-access.ts';
import { resultNoticeTitle, resultPdf } from './result-pdf.ts';
import { loadMeetingResults } from './result-view.ts';
import { meetingTurnout } from './turnout.ts';

// Routes of the meetings module: turnout, tally results, the result notice PDF, decision records
// and the meeting export (what `gongzhi verify-meeting` checks).

const NOT_TALLIED = '投票结束并完成计票后才有表决结果';
const NOT_PUBLISHED = '召集人公布表决结果后才能查看';
const NOT_CLOSED = '投票结束后才能导出决定记录';

function attachment(reply: { header(k: string, v: string): unknown }, filename: string): void {
  reply.header('content-disposition', `attachment; filename="${filename}"`);
}

export const resultRoutes: RouteDef[] = [
  route({
    method: 'GET',
    url: '/meetings/:id/turnout',
    permission: 'meeting.read',
    summary: '投票进度：各议题参与表决的面积和人数（按冻结的表决名册）；未设公开时投票结束前不显示同意/反对',
    tags: ['meetings'],
    schema: { params: resultMeetingParams, response: { 200: meetingTurnoutView } },
    handler: async ({ ctx, db, params }) => {
      const m = await officialMeeting(db, ctx, params.id);
      assertRosterFrozen(m);
      return meetingTurnout(db, m);
    },
  }),
  route({
    method: 'GET',
    url: '/my/meetings/:id/turnout',
    permission: 'authenticated',
    summary: '我可投票的会议的投票进度（参与面积和人数）',
    tags: ['meetings'],
    schema: { params: resultMeetingParams, response: { 200: meetingTurnoutView } },
    handler: async ({ ctx, db, params }) => {
      const m = await myMeeting(db, ctx, params.id);
      assertRosterFrozen(m);
      return meetingTurnout(db, m);
    },
  }),
  route({
    method: 'GET',
    url: '/meetings/:id/results',
    permission: 'meeting.read',
    summary: '表决结果：各议题参与和同意的面积与人数、表决规则、是否通过、标记、默克尔根（计票后）',
    tags: ['meetings'],
    schema: { params: resultMeetingParams, response: { 200: meetingResultsView } },
    handler: async ({ ctx, db, params }) => {
      const m = await officialMeeting(db, ctx, params.id);
      assertState(m, TALLIED_STATES, NOT_TALLIED);
      return loadMeetingResults(db, m);
    },
  }),
  route({
    method: 'GET',
    url: '/my/meetings/:id/results',
    permission: 'authenticated',
    summary: '我参加的会议的表决结果（召集人公布后）',
    tags: ['meetings'],
    schema: { params: resultMeetingParams, response: { 200: meetingResultsView } },
    handler: async ({ ctx, db, params }) => {
      const m = await myMeeting(db, ctx, params.id);
      assertState(m, PUBLISHED_STATES, NOT_PUBLISHED);
      return loadMeetingResults(db, m);
    },
  }),
  route({
    method: 'GET',
    url: '/meetings/:id/result.pdf',
    permission: 'meeting.read',
    summary: '表决结果公告（PDF，可打印）',
    tags: ['meetings'],
    schema: { params: resultMeetingParams },
    handler: async ({ ctx, db, params, reply }) => {
      const m = await officialMeeting(db, ctx, params.id);
      assertState(m, TALLIED_STATES, NOT_TALLIED);
      const view = await loadMeetingResults(db, m);
      // the meeting's secret salt makes the key unique across databases (tests run several)
      const pdf = await resultPdf(view, `${m.id}:${m.pseudonym_salt}`);
      const name = `${resultNoticeTitle(view)}.pdf`;
      reply.type('application/pdf').header(
        'content-disposition',
        `inline; filename="meeting-${m.id}-result.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
      return pdf;
    },
  }),
  route({
    method: 'GET',
    url: '/meetings/:id/items/:itemId/decision-record',
    permission: 'meeting.read',
    summary: '下载议题的决定记录（TALLY-SPEC §7 / 选举记录，JSON；业主以化名出现），可用 gongzhi retally 重新计票',
    tags: ['meetings'],
    schema: { params: resultItemParams },
    handler: async ({ ctx, db, params, reply }) => {
      const m = await officialMeeting(db, ctx, params.id);
      assertState(m, CLOSED_STATES, NOT_CLOSED);
      const item = await loadItemRow(db, params.id, params.itemId);
      const record = await buildItemRecord(db, await loadRosterForRecord(db, params.id), item);
      attachment(reply.type('application/json; charset=utf-8'), `decision-record-${params.id}-${params.itemId}.json`);
      return JSON.stringify(itemRecordToJson(record), null, 2);
    },
  }),
  route({
    method: 'GET',
    url: '/meetings/:id/export',
    permission: 'meeting.read',
    summary: '导出会议：各议题的决定记录、完整回执哈希链、默克尔根和结果（供 gongzhi verify-meeting 核验）',
    tags: ['meetings'],
    schema: { params: resultMeetingParams },
    handler: async ({ ctx, db, params, reply }) => {
      const m = await officialMeeting(db, ctx, params.id);
      assertState(m, CLOSED_STATES, NOT_CLOSED);
      const body = await exportMeeting(db, m);
      attachment(reply.type('application/json; charset=utf-8'), `meeting-${params.id}-export.json`);
      return JSON.stringify(body);
    },
  }),
] as RouteDef[];
