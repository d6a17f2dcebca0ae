import {
  callDepartmentsBody, caseDetail, caseListItem, confirmCaseBody, escalateCaseBody, idParam, mergeCaseBody, reopenCaseBody,
  reportCaseBody, verifyCaseBody,
} from '@gongzhi/contracts';
import { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { route, type RouteDef } from '../../platform/route.ts';
import { callDepartments } from './case-call-departments.ts';
import { confirmCase } from './case-confirm.ts';
import { findDuplicates } from './case-duplicates.ts';
import { ownerEscalateCase } from './case-escalate.ts';
import { mergeCase } from './case-merge.ts';
import { reopenCase } from './case-reopen.ts';
import { reportCase } from './case-report.ts';
import type { CaseRow } from './case-repository.ts';
import { verifyCase } from './case-verify.ts';
import { caseDetail as caseDetailView } from './case-detail.ts';

// Cases (issue 6), escalation part: the owner's escalation, confirmation and reopening (/my);
// the street's 吹哨 and the departments' 报到; duplicates and merging; verifying a complaint
// against the company. Each answers the case as its page shows it to the caller.

const tags = ['cases'];
const detail = (db: Db, ctx: RequestContext, c: CaseRow) => caseDetailView(db, { ctx, caseId: c.id });

export const escalationRoutes: RouteDef[] = [
  route({
    method: 'POST', url: '/my/cases/:id/escalate', permission: 'my.units', tags,
    summary: 'Owner or follower: escalate the case to the next rung (once per rung, no skipping, up to the street), with a reason',
    schema: { params: idParam, body: escalateCaseBody, response: { 200: caseDetail } },
    handler: async ({ db, ctx, params, body }) => detail(db, ctx, await ownerEscalateCase({ db, ctx, caseId: params.id, input: body })),
  }),
  route({
    method: 'POST', url: '/my/cases/:id/confirm', permission: 'my.units', tags,
    summary: 'Owner or follower: confirm a resolved case and rate it 1–5 (closes it)',
    schema: { params: idParam, body: confirmCaseBody, response: { 200: caseDetail } },
    handler: async ({ db, ctx, params, body }) => detail(db, ctx, await confirmCase({ db, ctx, caseId: params.id, input: body })),
  }),
  route({
    method: 'POST', url: '/my/cases/:id/reopen', permission: 'my.units', tags,
    summary: 'Owner or follower: not satisfied with a resolved case — back to the same rung with a new deadline (counted)',
    schema: { params: idParam, body: reopenCaseBody, response: { 200: caseDetail } },
    handler: async ({ db, ctx, params, body }) => detail(db, ctx, await reopenCase({ db, ctx, caseId: params.id, input: body })),
  }),
  route({
    method: 'POST', url: '/cases/:id/call-departments', permission: 'case.dispatch', tags,
    summary: 'Street office (吹哨): call departments in on a case held at the street; each must report within its deadline',
    schema: { params: idParam, body: callDepartmentsBody, response: { 200: caseDetail } },
    handler: async ({ db, ctx, params, body }) => detail(db, ctx, await callDepartments({ db, ctx, caseId: params.id, input: body })),
  }),
  route({
    method: 'POST', url: '/cases/:id/report', permission: 'case.handle', tags,
    summary: 'Department officer (报到): report on a case the department was called in on',
    schema: { params: idParam, body: reportCaseBody, response: { 200: caseDetail } },
    handler: async ({ db, ctx, params, body }) => detail(db, ctx, await reportCase({ db, ctx, caseId: params.id, input: body })),
  }),
  route({
    method: 'GET', url: '/cases/:id/duplicates', permission: 'case.handle', tags,
    summary: 'Likely duplicates of a case (same estate, category and place, within 24 h, both running) for the staff holding it',
    schema: { params: idParam, response: { 200: z.array(caseListItem) } },
    handler: ({ db, ctx, params }) => findDuplicates({ db, ctx, caseId: params.id }),
  }),
  route({
    method: 'POST', url: '/cases/:id/merge', permission: 'case.handle', tags,
    summary: 'Merge the case into another running case of the same estate; its owner and followers follow the survivor',
    schema: { params: idParam, body: mergeCaseBody, response: { 200: caseDetail } },
    handler: async ({ db, ctx, params, body }) => detail(db, ctx, await mergeCase({ db, ctx, caseId: params.id, intoCaseId: body.intoCaseId })),
  }),
  route({
    method: 'POST', url: '/cases/:id/verify', permission: 'case.verify', tags,
    summary: 'Committee or officer: find a complaint against the property company true (once; emits an event for evaluation)',
    schema: { params: idParam, body: verifyCaseBody, response: { 200: caseDetail } },
    handler: async ({ db, ctx, params, body }) => detail(db, ctx, await verifyCase({ db, ctx, caseId: params.id, note: body.note })),
  }),
];
