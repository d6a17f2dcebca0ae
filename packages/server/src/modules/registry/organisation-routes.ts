import {
  committeeDetailView, committeeListQuery, committeeMemberView, committeeView, companyDetailView, companyListQuery,
  companyView, createCommitteeBody, createCommitteeMemberBody, createCompanyBody, createServiceContractBody, idParam,
  pageOf, serviceContractListQuery, serviceContractView,
} from '@gongzhi/contracts';
import { route } from '../../platform/route.ts';
import { addCommitteeMember } from './add-committee-member.ts';
import { listCommittees } from './committees-repository.ts';
import { listCompanies, listContracts } from './companies-repository.ts';
import { createCommittee } from './create-committee.ts';
import { createCompany } from './create-company.ts';
import { createServiceContract } from './create-service-contract.ts';
import { getCommittee } from './get-committee.ts';
import { getCompany } from './get-company.ts';

// Property companies, service contracts and committees: the bodies around an estate.
const tags = ['registry'];

export const organisationRoutes = [
  route({
    method: 'GET', url: '/companies', permission: 'registry.read', tags,
    summary: 'Property companies serving estates in scope',
    schema: { querystring: companyListQuery, response: { 200: pageOf(companyView) } },
    handler: ({ db, ctx, query }) => listCompanies(db, { ...query, estateIds: ctx.scope.estateIds }),
  }),
  route({
    method: 'GET', url: '/companies/:id', permission: 'registry.read', tags,
    summary: 'One property company with its contracts in scope',
    schema: { params: idParam, response: { 200: companyDetailView } },
    handler: ({ db, ctx, params }) => getCompany({ db, ctx, companyId: params.id }),
  }),
  route({
    method: 'POST', url: '/companies', permission: 'registry.write', tags,
    summary: 'Register a property company',
    schema: { body: createCompanyBody, response: { 200: companyView } },
    handler: ({ db, ctx, body }) => createCompany({ db, ctx, input: body }),
  }),
  route({
    method: 'GET', url: '/service-contracts', permission: 'registry.read', tags,
    summary: 'Service contracts of estates in scope',
    schema: { querystring: serviceContractListQuery, response: { 200: pageOf(serviceContractView) } },
    handler: ({ db, ctx, query }) => listContracts(db, { ...query, estateIds: ctx.scope.estateIds }),
  }),
  route({
    method: 'POST', url: '/service-contracts', permission: 'registry.write', tags,
    summary: 'Record a service contract between a company and an estate',
    schema: { body: createServiceContractBody, response: { 200: serviceContractView } },
    handler: ({ db, ctx, body }) => createServiceContract({ db, ctx, input: body }),
  }),
  route({
    method: 'GET', url: '/committees', permission: 'registry.read', tags,
    summary: 'Committees and acting bodies of estates in scope',
    schema: { querystring: committeeListQuery, response: { 200: pageOf(committeeView) } },
    handler: ({ db, ctx, query }) => listCommittees(db, { ...query, estateIds: ctx.scope.estateIds }),
  }),
  route({
    method: 'GET', url: '/committees/:id', permission: 'registry.read', tags,
    summary: 'One committee with its members',
    schema: { params: idParam, response: { 200: committeeDetailView } },
    handler: ({ db, ctx, params }) => getCommittee({ db, ctx, committeeId: params.id }),
  }),
  route({
    method: 'POST', url: '/committees', permission: 'registry.write', tags,
    summary: 'Create a committee or acting body for an estate',
    schema: { body: createCommitteeBody, response: { 200: committeeView } },
    handler: ({ db, ctx, body }) => createCommittee({ db, ctx, input: body }),
  }),
  route({
    method: 'POST', url: '/committees/:id/members', permission: 'registry.write', tags,
    summary: 'Add a member to a committee',
    schema: { params: idParam, body: createCommitteeMemberBody, response: { 200: committeeMemberView } },
    handler: ({ db, ctx, params, body }) => addCommitteeMember({ db, ctx, committeeId: params.id, input: body }),
  }),
];
