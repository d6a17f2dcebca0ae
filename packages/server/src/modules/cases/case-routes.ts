import {
  assignCaseBody, caseAssigneeList, caseAssigneesQuery, caseDetail as caseDetailSchema, caseListPage, caseNoteBody, casesQuery,
  fileCaseBody, fileMyCaseBody, myCasesQuery, resolveCaseBody, respondCaseBody,
} from '@gongzhi/contracts';
import { z } from 'zod';
import { xlsxReply } from '../../platform/download.ts';
import { route, type RouteDef } from '../../platform/route.ts';
import { localDate } from '../meetings/index.ts';
import { assignCase } from './case-assign.ts';
import { caseAssignees } from './case-assignees.ts';
import { caseDetail } from './case-detail.ts';
import { fileCase } from './case-file.ts';
import { listCases } from './case-list.ts';
import { noteOnCase } from './case-note.ts';
import { resolveCase } from './case-resolve.ts';
import { respondToCase } from './case-respond.ts';
import { exportCases } from './case-xlsx.ts';
import { myCases } from './my-cases.ts';

// Cases (issue 6), the core: filing (owners through /my/cases, staff for owners through /cases),
// the queues, the case page and handling at the rung (assign, respond, note, resolve). Every
// action answers the case page as the caller now sees it.

const tags = ['cases'];
const idParam = z.object({ id: z.coerce.number().int().positive() });
const detail = { 200: caseDetailSchema };

export const caseRoutes: RouteDef[] = [
  route({
    method: 'POST', url: '/my/cases', permission: 'my.units', tags,
    summary: 'An owner files a case (投诉/报事报修) about their unit, a building, a common area or the whole estate',
    schema: { body: fileMyCaseBody, response: detail },
    handler: async ({ db, ctx, body }) => caseDetail(db, { ctx, caseId: await fileCase(db, { ctx, body }) }),
  }),
  route({
    method: 'GET', url: '/my/cases', permission: 'my.units', tags,
    summary: "An owner's cases (mine: filed for me or followed) or the common-area cases of my estates (estate)",
    schema: { querystring: myCasesQuery, response: { 200: caseListPage } },
    handler: ({ db, ctx, query }) => myCases(db, { ctx, query }),
  }),
  route({
    method: 'GET', url: '/my/cases/:id', permission: 'my.units', tags,
    summary: 'A case as the owner sees it: timeline, photos, and confirm / reopen / escalate',
    schema: { params: idParam, response: detail },
    handler: ({ db, ctx, params }) => caseDetail(db, { ctx, caseId: params.id }),
  }),
  route({
    method: 'POST', url: '/cases', permission: 'case.file', tags,
    summary: "Staff, the committee or the community file a case for an owner (account or phone) or as their own",
    schema: { body: fileCaseBody, response: detail },
    handler: async ({ db, ctx, body }) => caseDetail(db, { ctx, caseId: await fileCase(db, { ctx, body }) }),
  }),
  route({
    method: 'GET', url: '/cases', permission: 'case.read', tags,
    summary: 'The queue: cases in scope (departments: those called in on), filtered; overdue first, then by deadline',
    schema: { querystring: casesQuery, response: { 200: caseListPage } },
    handler: ({ db, ctx, query }) => listCases(db, { ctx, query }),
  }),
  route({
    method: 'GET', url: '/cases.xlsx', permission: 'case.read', tags,
    summary: 'The queue as an Excel workbook (same filters and order)',
    schema: { querystring: casesQuery },
    handler: async ({ db, ctx, query, reply }) => {
      const buffer = await exportCases(db, { ctx, query });
      const day = localDate(Date.now()).replaceAll('-', '');
      return xlsxReply(reply, buffer, `案件-${day}.xlsx`, `cases-${day}.xlsx`);
    },
  }),
  route({
    method: 'GET', url: '/cases/assignees', permission: 'case.handle', tags,
    summary: 'The people a case may be assigned to (holders of its current rung reaching the estate)',
    schema: { querystring: caseAssigneesQuery, response: { 200: caseAssigneeList } },
    handler: ({ db, ctx, query }) => caseAssignees(db, { ctx, caseId: query.caseId }),
  }),
  route({
    method: 'GET', url: '/cases/:id', permission: 'case.read', tags,
    summary: "A case with its timeline, photos, department calls, escalations and the caller's actions",
    schema: { params: idParam, response: detail },
    handler: ({ db, ctx, params }) => caseDetail(db, { ctx, caseId: params.id }),
  }),
  route({
    method: 'POST', url: '/cases/:id/assign', permission: 'case.handle', tags,
    summary: "Assign the case to a person of the rung holding it (takes it up: open → in progress)",
    schema: { params: idParam, body: assignCaseBody, response: detail },
    handler: async ({ db, ctx, params, body }) => {
      await assignCase(db, { ctx, caseId: params.id, assigneeAccountId: body.assigneeAccountId });
      return caseDetail(db, { ctx, caseId: params.id });
    },
  }),
  route({
    method: 'POST', url: '/cases/:id/respond', permission: 'case.handle', tags,
    summary: "The rung's first response (open → in progress)",
    schema: { params: idParam, body: respondCaseBody, response: detail },
    handler: async ({ db, ctx, params, body }) => {
      await respondToCase(db, { ctx, caseId: params.id, text: body.text });
      return caseDetail(db, { ctx, caseId: params.id });
    },
  }),
  route({
    method: 'POST', url: '/cases/:id/notes', permission: 'case.handle', tags,
    summary: 'A note on the timeline by the rung holding the case',
    schema: { params: idParam, body: caseNoteBody, response: detail },
    handler: async ({ db, ctx, params, body }) => {
      await noteOnCase(db, { ctx, caseId: params.id, text: body.text });
      return caseDetail(db, { ctx, caseId: params.id });
    },
  }),
  route({
    method: 'POST', url: '/cases/:id/resolve', permission: 'case.handle', tags,
    summary: 'Mark the case resolved with what was done and evidence photos (case_evidence attachments)',
    schema: { params: idParam, body: resolveCaseBody, response: detail },
    handler: async ({ db, ctx, params, body }) => {
      await resolveCase(db, { ctx, caseId: params.id, text: body.text, attachmentIds: body.attachmentIds });
      return caseDetail(db, { ctx, caseId: params.id });
    },
  }),
] as RouteDef[];
