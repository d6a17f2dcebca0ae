import {
  cityRulesOfCityView, cityRulesParams, cityRulesQuery, cityRulesUpdateBody, disclosureCityRulesView, estateFilingParams, filingAcknowledgeBody, filingCreateBody, filingDetail, filingListQuery,
  filingPage, filingParams, filingReturnBody, filingStatusQuery, filingStatusView, filingStepResult, filingUpdateBody, myFilingDetail,
  myFilingList,
} from '@gongzhi/contracts';
import { xlsxReply } from '../../platform/download.ts';
import { route, type RouteDef } from '../../platform/route.ts';
import { localDate } from '../meetings/index.ts';
import { readCityRules } from './filing-city-rules.ts';
import { readCityRulesForEdit, updateCityRules } from './filing-city-rules-update.ts';
import { createFiling } from './filing-create.ts';
import { readFilingDetail, readMyFiling } from './filing-detail.ts';
import { fileFiling } from './filing-file.ts';
import { listFilings, listMyFilings } from './filing-list.ts';
import { acknowledgeFiling, returnFiling } from './filing-review.ts';
import { filingStatusTable } from './filing-status.ts';
import { exportFilingStatus } from './filing-status-xlsx.ts';
import { updateFiling } from './filing-update.ts';

// Disclosure (issue 5): periodic disclosure packages and their filing (公示备案) — compiled by the
// company or the committee, published to owners, filed with the street office or district
// bureau, acknowledged or returned; the officers' status by estate; the owners' pages.

const tags = ['disclosure'];
const step = { 200: filingStepResult };

export const filingRoutes: RouteDef[] = [
  route({
    method: 'GET', url: '/disclosure/city-rules', permission: 'authenticated', tags,
    summary: 'The disclosure rule of an estate\'s city (period, due days, filed with, answer days; defaults when none) and the current period',
    schema: { querystring: cityRulesQuery, response: { 200: disclosureCityRulesView } },
    handler: ({ ctx, db, query }) => readCityRules(db, { ctx, estateId: query.estateId }),
  }),
  route({
    method: 'GET', url: '/disclosure/city-rules/:cityRegionId', permission: 'registry.write', tags,
    summary: 'City officer or admin: a city\'s disclosure rule as the editing form shows it (defaults when none)',
    schema: { params: cityRulesParams, response: { 200: cityRulesOfCityView } },
    handler: ({ ctx, db, params }) => readCityRulesForEdit(db, { ctx, cityRegionId: params.cityRegionId }),
  }),
  route({
    method: 'PUT', url: '/disclosure/city-rules/:cityRegionId', permission: 'registry.write', tags,
    summary: 'City officer or admin: set a city\'s disclosure rule (period, due days, filed with, answer days); existing filings and questions keep their due dates',
    schema: { params: cityRulesParams, body: cityRulesUpdateBody, response: { 200: cityRulesOfCityView } },
    handler: ({ ctx, db, params, body }) => updateCityRules(db, { ctx, cityRegionId: params.cityRegionId, body }),
  }),
  route({
    method: 'POST', url: '/estates/:id/filings', permission: 'disclosure.file', tags,
    summary: 'Begin a period\'s disclosure package as a draft (v1, or a new version copying the latest filed one)',
    schema: { params: estateFilingParams, body: filingCreateBody, response: { 200: filingDetail } },
    handler: ({ ctx, db, params, body }) => createFiling(db, { ctx, estateId: params.id, periodKey: body.periodKey }),
  }),
  route({
    method: 'PATCH', url: '/filings/:id', permission: 'disclosure.file', tags,
    summary: 'Edit a draft package (content, linked statements); a filed one is FILING_LOCKED',
    schema: { params: filingParams, body: filingUpdateBody, response: { 200: filingDetail } },
    handler: ({ ctx, db, params, body }) => updateFiling(db, { ctx, id: params.id, body }),
  }),
  route({
    method: 'POST', url: '/filings/:id/file', permission: 'disclosure.file', tags,
    summary: 'File a complete draft: published to owners (30-day publicity) and sent to the street office or district bureau',
    schema: { params: filingParams, response: step },
    handler: ({ ctx, db, params }) => fileFiling(db, { ctx, id: params.id }),
  }),
  route({
    method: 'POST', url: '/filings/:id/acknowledge', permission: 'disclosure.review', tags,
    summary: 'The body it was filed with acknowledges a filed package (备案)',
    schema: { params: filingParams, body: filingAcknowledgeBody, response: step },
    handler: ({ ctx, db, params, body }) => acknowledgeFiling(db, { ctx, id: params.id, note: body.note }),
  }),
  route({
    method: 'POST', url: '/filings/:id/return', permission: 'disclosure.review', tags,
    summary: 'The body it was filed with returns a filed package with reasons (a new version follows)',
    schema: { params: filingParams, body: filingReturnBody, response: step },
    handler: ({ ctx, db, params, body }) => returnFiling(db, { ctx, id: params.id, reason: body.reason }),
  }),
  route({
    method: 'GET', url: '/filings', permission: 'disclosure.read', tags,
    summary: 'Filings in scope by estate, period, party and state (drafts only of the caller\'s own party)',
    schema: { querystring: filingListQuery, response: { 200: filingPage } },
    handler: ({ ctx, db, query }) => listFilings(db, { ctx, query }),
  }),
  route({
    method: 'GET', url: '/filings/:id', permission: 'disclosure.read', tags,
    summary: 'One filing: content, linked statements, attachments, versions and the caller\'s actions',
    schema: { params: filingParams, response: { 200: filingDetail } },
    handler: ({ ctx, db, params }) => readFilingDetail(db, { ctx, id: params.id }),
  }),
  route({
    method: 'GET', url: '/disclosure/filing-status', permission: 'disclosure.read', tags,
    summary: 'Per estate in scope and party owing a package: on time, late, missing, returned or pending for a period',
    schema: { querystring: filingStatusQuery, response: { 200: filingStatusView } },
    handler: ({ ctx, db, query }) => filingStatusTable(db, { ctx, query }),
  }),
  route({
    method: 'GET', url: '/disclosure/filing-status.xlsx', permission: 'disclosure.read', tags,
    summary: 'The filing status table as an Excel workbook',
    schema: { querystring: filingStatusQuery },
    handler: async ({ ctx, db, query, reply }) => {
      const buffer = await exportFilingStatus(db, { ctx, query });
      const day = localDate(new Date()).replaceAll('-', '');
      return xlsxReply(reply, buffer, `公示备案报送情况-${query.periodKey ?? day}.xlsx`, `filing-status-${day}.xlsx`);
    },
  }),
  route({
    method: 'GET', url: '/my/filings', permission: 'my.units', tags,
    summary: 'Owner: the disclosure packages published to my estates (latest filed version per party and period)',
    schema: { response: { 200: myFilingList } },
    handler: ({ ctx, db }) => listMyFilings(db, { ctx }),
  }),
  route({
    method: 'GET', url: '/my/filings/:id', permission: 'my.units', tags,
    summary: 'Owner: one published disclosure package of my estate',
    schema: { params: filingParams, response: { 200: myFilingDetail } },
    handler: ({ ctx, db, params }) => readMyFiling(db, { ctx, id: params.id }),
  }),
] as RouteDef[];
