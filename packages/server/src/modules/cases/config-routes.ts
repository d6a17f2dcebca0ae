import {
  caseFigures as caseFiguresView, caseFiguresQuery, caseRulesParams, caseRulesUpdateBody, caseRulesView, departmentCreateBody, departmentList,
  departmentListQuery, departmentParams, departmentUpdateBody, departmentView,
} from '@gongzhi/contracts';
import { xlsxReply } from '../../platform/download.ts';
import { route, type RouteDef } from '../../platform/route.ts';
import { localDate } from '../meetings/index.ts';
import { caseFigures } from './case-figures.ts';
import { exportCaseFigures } from './case-figures-xlsx.ts';
import { readCaseRules } from './case-rules-view.ts';
import { updateCaseRules } from './case-rules-update.ts';
import { createDepartment, listDepartments, updateDepartment } from './departments.ts';

// Cases (issue 6), part config: departments, an estate's case rules, the figures.

const tags = ['cases'];

export const configRoutes: RouteDef[] = [
  route({
    method: 'GET', url: '/departments', permission: 'case.read', tags,
    summary: 'Departments the caller sees (nearest first); regionId / estateId: those callable from that region / that estate\'s street',
    schema: { querystring: departmentListQuery, response: { 200: departmentList } },
    handler: ({ ctx, db, query }) => listDepartments(db, { ctx, query }),
  }),
  route({
    method: 'POST', url: '/departments', permission: 'department.manage', tags,
    summary: 'Create a department of a city, district or street inside the caller\'s region',
    schema: { body: departmentCreateBody, response: { 200: departmentView } },
    handler: ({ ctx, db, body }) => createDepartment(db, { ctx, body }),
  }),
  route({
    method: 'PATCH', url: '/departments/:id', permission: 'department.manage', tags,
    summary: 'Rename a department inside the caller\'s region',
    schema: { params: departmentParams, body: departmentUpdateBody, response: { 200: departmentView } },
    handler: ({ ctx, db, params, body }) => updateDepartment(db, { ctx, id: params.id, body }),
  }),
  route({
    method: 'GET', url: '/estates/:id/case-rules', permission: 'case.read', tags,
    summary: 'An estate\'s case rules: first rung per category, deadlines per category and priority, auto-close days (defaults marked)',
    schema: { params: caseRulesParams, response: { 200: caseRulesView } },
    handler: ({ ctx, db, params }) => readCaseRules(db, { ctx, estateId: params.id }),
  }),
  route({
    method: 'PUT', url: '/estates/:id/case-rules', permission: 'case.configure', tags,
    summary: 'Set or reset an estate\'s routing, deadlines and auto-close days (a department must be callable from the estate\'s street)',
    schema: { params: caseRulesParams, body: caseRulesUpdateBody, response: { 200: caseRulesView } },
    handler: ({ ctx, db, params, body }) => updateCaseRules(db, { ctx, estateId: params.id, body }),
  }),
  route({
    method: 'GET', url: '/cases/figures', permission: 'case.read', tags,
    summary: 'Case figures per estate, company, street or department: volumes by category, in-time share, reopen rate, average rating',
    schema: { querystring: caseFiguresQuery, response: { 200: caseFiguresView } },
    handler: ({ ctx, db, query }) => caseFigures(db, { ctx, query }),
  }),
  route({
    method: 'GET', url: '/cases/figures.xlsx', permission: 'case.read', tags,
    summary: 'The case figures as an Excel workbook (same filters)',
    schema: { querystring: caseFiguresQuery },
    handler: async ({ ctx, db, query, reply }) => {
      const buffer = await exportCaseFigures(db, { ctx, query });
      const day = localDate(Date.now());
      return xlsxReply(reply, buffer, `案件统计-${day}.xlsx`, `case-figures-${day}.xlsx`);
    },
  }),
];
