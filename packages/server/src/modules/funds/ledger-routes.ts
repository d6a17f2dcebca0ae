import {
  fundBuildingParams, fundDepositBody, fundEstateParams, fundInterestBody, fundMovementPage, fundMovementQuery,
  fundOverview, fundPostedView, fundRefundBody, fundReplenishmentItemBody, fundReplenishmentItemView, fundStatementBody,
  fundStatementList, fundStatementPeriod, fundStatementView, fundUnitLedger, fundUnitListQuery, fundUnitPage, fundUnitParams,
  idParam, myFundView,
} from '@gongzhi/contracts';
import { xlsxReply } from '../../platform/download.ts';
import { route, type RouteDef } from '../../platform/route.ts';
import { getFundOverview, listFundUnits } from './balance-overview.ts';
import { bookDeposit } from './ledger-deposit.ts';
import { exportMovements } from './ledger-export.ts';
import { bookInterest } from './ledger-interest.ts';
import { listMovements } from './ledger-movements.ts';
import { bookRefund } from './ledger-refund.ts';
import { getUnitLedger } from './ledger-unit.ts';
import { myFund, myStatements } from './my-fund.ts';
import { addReplenishmentItem } from './replenishment-item.ts';
import { buildEstateStatement } from './statement-build.ts';
import { exportStatement } from './statement-export.ts';
import { getStatement, listStatements, publishStatement } from './statement-publish.ts';
import { localDate } from '../meetings/index.ts';

// The fund's books (issue 4, part F2): balances per estate / building / unit with the 30% line,
// the unit ledger, movements and their export, bookings (deposits, interest, refunds),
// statements, the replenishment item, and the owner's own view.

const tags = ['funds'];

export const ledgerRoutes: RouteDef[] = [
  route({
    method: 'GET', url: '/estates/:id/fund', permission: 'fund.read', tags,
    summary: 'The estate fund: totals, buildings with their balance, initial deposits and the 30% replenishment flag',
    schema: { params: fundEstateParams, response: { 200: fundOverview } },
    handler: ({ db, ctx, params }) => getFundOverview({ db, ctx, estateId: params.id }),
  }),
  route({
    method: 'GET', url: '/estates/:id/fund/units', permission: 'fund.read', tags,
    summary: "Units' balances (分户账), by building, searchable, paged",
    schema: { params: fundEstateParams, querystring: fundUnitListQuery, response: { 200: fundUnitPage } },
    handler: ({ db, ctx, params, query }) => listFundUnits({ db, ctx, estateId: params.id, query }),
  }),
  route({
    method: 'GET', url: '/fund/units/:unitId/movements', permission: 'fund.read', tags,
    summary: "A unit's ledger, newest first, with the balance after each line",
    schema: { params: fundUnitParams, response: { 200: fundUnitLedger } },
    handler: ({ db, ctx, params }) => getUnitLedger({ db, ctx, unitId: params.unitId }),
  }),
  route({
    method: 'GET', url: '/estates/:id/fund/movements', permission: 'fund.read', tags,
    summary: "The estate's movements, filtered by kind, dates and building, paged",
    schema: { params: fundEstateParams, querystring: fundMovementQuery, response: { 200: fundMovementPage } },
    handler: ({ db, ctx, params, query }) => listMovements({ db, ctx, estateId: params.id, query }),
  }),
  route({
    method: 'GET', url: '/estates/:id/fund/movements.xlsx', permission: 'fund.read', tags,
    summary: 'The movements of the same filter as an Excel workbook',
    schema: { params: fundEstateParams, querystring: fundMovementQuery },
    handler: async ({ db, ctx, params, query, reply }) => {
      const { buffer, estateName } = await exportMovements({ db, ctx, estateId: params.id, query });
      return xlsxReply(reply, buffer, `${estateName}-维修资金明细-${localDate(new Date()).replaceAll('-', '')}.xlsx`, `fund-movements-${params.id}.xlsx`);
    },
  }),
  route({
    method: 'POST', url: '/estates/:id/fund/deposits', permission: 'fund.ledger', tags,
    summary: 'Book initial deposits or a replenishment: lines per unit, or buildings × rate per m² (rounded per unit)',
    schema: { params: fundEstateParams, body: fundDepositBody, response: { 200: fundPostedView } },
    handler: ({ db, ctx, params, body }) => bookDeposit({ db, ctx, estateId: params.id, input: body }),
  }),
  route({
    method: 'POST', url: '/estates/:id/fund/interest', permission: 'fund.ledger', tags,
    summary: "Allocate interest to the units in proportion to their balances (largest remainder, to the fen)",
    schema: { params: fundEstateParams, body: fundInterestBody, response: { 200: fundPostedView } },
    handler: ({ db, ctx, params, body }) => bookInterest({ db, ctx, estateId: params.id, input: body }),
  }),
  route({
    method: 'POST', url: '/fund/units/:unitId/refunds', permission: 'fund.ledger', tags,
    summary: "Refund money from a unit's account to its owner; refused with the shortfall if the balance is short",
    schema: { params: fundUnitParams, body: fundRefundBody, response: { 200: fundPostedView } },
    handler: ({ db, ctx, params, body }) => bookRefund({ db, ctx, unitId: params.unitId, input: body }),
  }),
  route({
    method: 'GET', url: '/estates/:id/fund/statement-preview', permission: 'fund.read', tags,
    summary: 'The statement of a period as it would be published now (not stored)',
    schema: { params: fundEstateParams, querystring: fundStatementPeriod, response: { 200: fundStatementBody } },
    handler: ({ db, ctx, params, query }) => {
      ctx.assertEstate(params.id, '小区');
      return buildEstateStatement(db, { estateId: params.id, ...query });
    },
  }),
  route({
    method: 'GET', url: '/estates/:id/fund/statements', permission: 'fund.read', tags,
    summary: "The estate's published statements, newest first",
    schema: { params: fundEstateParams, response: { 200: fundStatementList } },
    handler: ({ db, ctx, params }) => listStatements({ db, ctx, estateId: params.id }),
  }),
  route({
    method: 'POST', url: '/estates/:id/fund/statements', permission: 'fund.ledger', tags,
    summary: 'Publish the statement of a period (per building and estate); owners of the estate see it',
    schema: { params: fundEstateParams, body: fundStatementPeriod, response: { 200: fundStatementView } },
    handler: ({ db, ctx, params, body, deps }) => publishStatement({ db, deps, ctx, estateId: params.id, ...body }),
  }),
  route({
    method: 'GET', url: '/fund/statements/:id', permission: 'fund.read', tags,
    summary: 'One published statement, as published',
    schema: { params: idParam, response: { 200: fundStatementView } },
    handler: ({ db, ctx, params }) => getStatement({ db, ctx, statementId: params.id }),
  }),
  route({
    method: 'GET', url: '/fund/statements/:id.xlsx', permission: 'fund.read', tags,
    summary: 'One published statement as an Excel workbook',
    schema: { params: idParam },
    handler: async ({ db, ctx, params, reply }) => {
      const { buffer, filename } = await exportStatement({ db, ctx, statementId: params.id });
      return xlsxReply(reply, buffer, filename, `fund-statement-${params.id}.xlsx`);
    },
  }),
  route({
    method: 'POST', url: '/estates/:id/fund/buildings/:buildingId/replenishment-item', permission: 'meeting.convene', tags,
    summary: 'Put a replenishment item (matter 6, scoped to the building) on a draft meeting, or on a new draft',
    schema: { params: fundBuildingParams, body: fundReplenishmentItemBody, response: { 200: fundReplenishmentItemView } },
    handler: ({ db, ctx, params, body }) => addReplenishmentItem({ db, ctx, estateId: params.id, buildingId: params.buildingId, input: body }),
  }),
  route({
    method: 'GET', url: '/my/fund', permission: 'my.units', tags,
    summary: "The owner's units: balance, initial deposits and the 30% flag",
    schema: { response: { 200: myFundView } },
    handler: ({ db, ctx }) => myFund({ db, ctx }),
  }),
  route({
    method: 'GET', url: '/my/fund/units/:unitId/movements', permission: 'my.units', tags,
    summary: "The owner's unit ledger, newest first, with the balance after each line",
    schema: { params: fundUnitParams, response: { 200: fundUnitLedger } },
    handler: ({ db, ctx, params }) => getUnitLedger({ db, ctx, unitId: params.unitId }),
  }),
  route({
    method: 'GET', url: '/my/fund/statements', permission: 'my.units', tags,
    summary: "Published statements of the owner's estates, newest first",
    schema: { response: { 200: fundStatementList } },
    handler: ({ db, ctx }) => myStatements({ db, ctx }),
  }),
  route({
    method: 'GET', url: '/my/fund/statements/:id', permission: 'my.units', tags,
    summary: "One published statement of an owner's estate, by building (the owner's phone shows their building's figures)",
    schema: { params: idParam, response: { 200: fundStatementView } },
    handler: ({ db, ctx, params }) => getStatement({ db, ctx, statementId: params.id }),
  }),
] as RouteDef[];
