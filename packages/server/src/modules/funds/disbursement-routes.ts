import {
  fundAcceptBody, fundAcceptResult, fundDisburseBody, fundPublishBody, fundPublishResult, fundSettleBody, fundSettleResult,
  fundStageParams, fundStageResult, fundStagesParams, fundStagesResponse,
} from '@gongzhi/contracts';
import { route, type RouteDef } from '../../platform/route.ts';
import { acceptApplication } from './accept-application.ts';
import { disburseStage } from './disburse-stage.ts';
import { publishApplication } from './publish-application.ts';
import { settleApplication } from './settle-application.ts';
import { listStages } from './stages-view.ts';

// Issue 4, part F5: stages, disbursement, acceptance, settlement, publication of a use.

export const disbursementRoutes: RouteDef[] = [
  route({
    method: 'GET',
    url: '/fund/applications/:id/stages',
    permission: 'fund.read',
    summary: '使用申请的分期拨付：各期比例、计划金额、已拨付（尾款在结算时按实际费用拨付或退回）',
    tags: ['funds'],
    schema: { params: fundStagesParams, response: { 200: fundStagesResponse } },
    handler: ({ ctx, db, params }) => listStages(db, { ctx, applicationId: params.id }),
  }),
  route({
    method: 'POST',
    url: '/fund/applications/:id/stages/:stageNo/disburse',
    permission: 'fund.disburse',
    summary: '区住建部门拨付尾款之前的一期：按冻结的面积分摊到各户，一期只能拨付一次',
    tags: ['funds'],
    schema: { params: fundStageParams, body: fundDisburseBody.optional(), response: { 200: fundStageResult } },
    handler: ({ ctx, db, params, body }) =>
      disburseStage(db, { ctx, applicationId: params.id, stageNo: params.stageNo, ...(body ?? {}) }),
  }),
  route({
    method: 'POST',
    url: '/fund/applications/:id/accept',
    permission: 'fund.confirm',
    summary: '业委会会同业主代表竣工验收（至少一名业主代表；验收材料先作为附件上传）',
    tags: ['funds'],
    schema: { params: fundStagesParams, body: fundAcceptBody, response: { 200: fundAcceptResult } },
    handler: ({ ctx, db, params, body }) => acceptApplication(db, { ctx, applicationId: params.id, ...body }),
  }),
  route({
    method: 'POST',
    url: '/fund/applications/:id/settle',
    permission: 'fund.disburse',
    summary: '结算：按实际费用分摊到各户，尾款 = 实际分摊 − 已拨付（多拨的退回各户）；范围内余额不足时拒绝并给出缺口',
    tags: ['funds'],
    schema: { params: fundStagesParams, body: fundSettleBody, response: { 200: fundSettleResult } },
    handler: ({ ctx, db, params, body }) => settleApplication(db, { ctx, applicationId: params.id, ...body }),
  }),
  route({
    method: 'POST',
    url: '/fund/applications/:id/publish',
    permission: 'fund.apply',
    summary: '向列支范围内的业主公布实际费用和各户分摊（站内通知；业委会或申请人）',
    tags: ['funds'],
    schema: { params: fundStagesParams, body: fundPublishBody, response: { 200: fundPublishResult } },
    handler: ({ ctx, db, params, body }) => publishApplication(db, { ctx, applicationId: params.id, note: body?.note }),
  }),
];
