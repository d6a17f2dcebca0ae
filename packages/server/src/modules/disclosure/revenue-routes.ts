import {
  idParam, myRevenueStatementList, myRevenueStatementView, revenueEntryBody, revenueEntryPage, revenueEntryQuery, revenueEntryView,
  revenueEstateParams, revenuePeriodQuery, revenuePreview, revenueReverseBody, revenueSharePage, revenueShareQuery, revenueStatementBody,
  revenueStatementList, revenueStatementView,
} from '@gongzhi/contracts';
import { contentDisposition, xlsxReply } from '../../platform/download.ts';
import { route, type RouteDef } from '../../platform/route.ts';
import { localDate } from '../meetings/index.ts';
import { listEntries } from './revenue-entries.ts';
import { createEntry, reverseEntry } from './revenue-entry-write.ts';
import { previewPeriod } from './revenue-period.ts';
import { revenueStatementPdf, statementTitle } from './revenue-pdf.ts';
import { listShares, statementShares } from './revenue-shares.ts';
import { publishRevenueStatement } from './revenue-statement-publish.ts';
import { getRevenueStatement, listRevenueStatements, myRevenueStatement, myRevenueStatements } from './revenue-statement-read.ts';
import { exportEntries, exportRevenueStatement } from './revenue-xlsx.ts';

// Disclosure (issue 5), part D2: common revenue (公共收益). The ledger (entries, reversals, list,
// Excel), the period preview, statements (publish, list, read, unit shares, PDF, Excel) and the
// owner's statements with their own units' shares. A published statement, its PDF and its Excel
// are readable by anyone whose scope holds the estate, owners of the estate included.

const tags = ['disclosure'];

export const revenueRoutes: RouteDef[] = [
  route({
    method: 'POST', url: '/estates/:id/revenue/entries', permission: 'revenue.ledger', tags,
    summary: 'Book a common-revenue income or expense (refused in a period whose statement is published)',
    schema: { params: revenueEstateParams, body: revenueEntryBody, response: { 200: revenueEntryView } },
    handler: ({ db, ctx, params, body }) => createEntry({ db, ctx, estateId: params.id, input: body }),
  }),
  route({
    method: 'POST', url: '/revenue/entries/:id/reverse', permission: 'revenue.ledger', tags,
    summary: 'Reverse an entry (冲正): a new entry with the opposite effect, booked into an open period',
    schema: { params: idParam, body: revenueReverseBody, response: { 200: revenueEntryView } },
    handler: ({ db, ctx, params, body }) => reverseEntry({ db, ctx, entryId: params.id, input: body }),
  }),
  route({
    method: 'GET', url: '/estates/:id/revenue/entries', permission: 'disclosure.read', tags,
    summary: 'The common-revenue ledger, filtered and paged, with the totals of the whole filter',
    schema: { params: revenueEstateParams, querystring: revenueEntryQuery, response: { 200: revenueEntryPage } },
    handler: ({ db, ctx, params, query }) => listEntries({ db, ctx, estateId: params.id, query }),
  }),
  route({
    method: 'GET', url: '/estates/:id/revenue/entries.xlsx', permission: 'disclosure.read', tags,
    summary: 'The ledger of the same filter as an Excel workbook',
    schema: { params: revenueEstateParams, querystring: revenueEntryQuery },
    handler: async ({ db, ctx, params, query, reply }) => {
      const { buffer, estateName } = await exportEntries({ db, ctx, estateId: params.id, query });
      return xlsxReply(reply, buffer, `${estateName}-公共收益明细-${localDate(new Date()).replaceAll('-', '')}.xlsx`, `revenue-entries-${params.id}.xlsx`);
    },
  }),
  route({
    method: 'GET', url: '/estates/:id/revenue/preview', permission: 'disclosure.read', tags,
    summary: "A period's statement as it would be published now: opening, totals, closing to declare, and what blocks it",
    schema: { params: revenueEstateParams, querystring: revenuePeriodQuery, response: { 200: revenuePreview } },
    handler: ({ db, ctx, params, query }) => previewPeriod({ db, ctx, estateId: params.id, ...query }),
  }),
  route({
    method: 'POST', url: '/estates/:id/revenue/statements', permission: 'revenue.ledger', tags,
    summary: 'Publish the statement of a month or quarter (declared closing must balance); shares per unit; announced to owners',
    schema: { params: revenueEstateParams, body: revenueStatementBody, response: { 200: revenueStatementView } },
    handler: ({ db, ctx, params, body }) => publishRevenueStatement({ db, ctx, estateId: params.id, input: body }),
  }),
  route({
    method: 'GET', url: '/estates/:id/revenue/statements', permission: 'disclosure.read', tags,
    summary: "The estate's published common-revenue statements, newest first",
    schema: { params: revenueEstateParams, response: { 200: revenueStatementList } },
    handler: ({ db, ctx, params }) => listRevenueStatements({ db, ctx, estateId: params.id }),
  }),
  route({
    method: 'GET', url: '/revenue/statements/:id', permission: 'authenticated', tags,
    summary: 'One published statement as published (owners of the estate too)',
    schema: { params: idParam, response: { 200: revenueStatementView } },
    handler: ({ db, ctx, params }) => getRevenueStatement({ db, ctx, statementId: params.id }),
  }),
  route({
    method: 'GET', url: '/revenue/statements/:id/shares', permission: 'disclosure.read', tags,
    summary: "Each unit's share of the statement's net by area, filtered by building or unit, paged, with the buildings' sums",
    schema: { params: idParam, querystring: revenueShareQuery, response: { 200: revenueSharePage } },
    handler: ({ db, ctx, params, query }) => listShares({ db, ctx, statementId: params.id, query }),
  }),
  route({
    method: 'GET', url: '/revenue/statements/:id.pdf', permission: 'authenticated', tags,
    summary: 'The printable statement as a PDF with Chinese text (owners of the estate too)',
    schema: { params: idParam },
    handler: async ({ db, ctx, params, reply }) => {
      const s = await getRevenueStatement({ db, ctx, statementId: params.id });
      const pdf = await revenueStatementPdf(s, async () => (await statementShares(db, s.id))!.rows);
      reply.type('application/pdf').header('content-disposition',
        contentDisposition(`${statementTitle(s)}.pdf`, `revenue-statement-${s.id}.pdf`, 'inline'));
      return pdf;
    },
  }),
  route({
    method: 'GET', url: '/revenue/statements/:id.xlsx', permission: 'authenticated', tags,
    summary: 'One published statement as an Excel workbook: summary, entries, every unit\'s share (owners of the estate too)',
    schema: { params: idParam },
    handler: async ({ db, ctx, params, reply }) => {
      const { buffer, filename } = await exportRevenueStatement({ db, ctx, statementId: params.id });
      return xlsxReply(reply, buffer, filename, `revenue-statement-${params.id}.xlsx`);
    },
  }),
  route({
    method: 'GET', url: '/my/revenue/statements', permission: 'my.units', tags,
    summary: "Common-revenue statements of the owner's estates, each with the owner's own units' shares",
    schema: { response: { 200: myRevenueStatementList } },
    handler: ({ db, ctx }) => myRevenueStatements({ db, ctx }),
  }),
  route({
    method: 'GET', url: '/my/revenue/statements/:id', permission: 'my.units', tags,
    summary: "One statement of an owner's estate with the owner's own units' shares",
    schema: { params: idParam, response: { 200: myRevenueStatementView } },
    handler: ({ db, ctx, params }) => myRevenueStatement({ db, ctx, statementId: params.id }),
  }),
] as RouteDef[];
