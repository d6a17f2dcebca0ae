import { accountPage, accountView, createAccountBody, grantBody, listAccountsQuery } from '@gongzhi/contracts';
import { z } from 'zod';
import { route } from '../../platform/route.ts';
import { createOfficialAccount } from './create-official-account.ts';
import { grantRole } from './grant-role.ts';
import { listAccounts } from './list-accounts.ts';
import { revokeGrant } from './revoke-grant.ts';
import { setAccountDisabled } from './set-account-disabled.ts';

// Account management for administrators: every account reached here holds a live grant inside the
// administrator's scope; any other account answers 404.

const tags = ['identity'];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const grantParams = idParams.extend({ grantId: z.coerce.number().int().positive() });
const permission = 'account.manage' as const;

export const accountsRoutes = [
  route({
    method: 'GET', url: '/accounts', permission, tags,
    summary: 'Accounts holding a role inside the caller\'s scope, with those roles',
    schema: { querystring: listAccountsQuery, response: { 200: accountPage } },
    handler: ({ db, ctx, query }) => listAccounts({ db, ctx, ...query }),
  }),
  route({
    method: 'POST', url: '/accounts', permission, tags,
    summary: 'Create an official\'s account with roles inside the caller\'s scope',
    schema: { body: createAccountBody, response: { 200: accountView } },
    handler: ({ db, ctx, body }) => createOfficialAccount({ db, ctx, body }),
  }),
  route({
    method: 'POST', url: '/accounts/:id/grants', permission, tags,
    summary: 'Grant a role inside the caller\'s scope',
    schema: { params: idParams, body: grantBody, response: { 200: accountView } },
    handler: ({ db, ctx, params, body }) => grantRole({ db, ctx, accountId: params.id, grant: body }),
  }),
  route({
    method: 'POST', url: '/accounts/:id/grants/:grantId/revoke', permission, tags,
    summary: 'Revoke a role; a session using it loses it on the next request',
    schema: { params: grantParams, response: { 200: accountView } },
    handler: ({ db, ctx, params }) => revokeGrant({ db, ctx, accountId: params.id, grantId: params.grantId }),
  }),
  route({
    method: 'POST', url: '/accounts/:id/disable', permission, tags,
    summary: 'Disable an account and end its sessions',
    schema: { params: idParams, response: { 200: accountView } },
    handler: ({ db, ctx, params }) => setAccountDisabled({ db, ctx, accountId: params.id, disabled: true }),
  }),
  route({
    method: 'POST', url: '/accounts/:id/enable', permission, tags,
    summary: 'Enable a disabled account (clears a sign-in lock too)',
    schema: { params: idParams, response: { 200: accountView } },
    handler: ({ db, ctx, params }) => setAccountDisabled({ db, ctx, accountId: params.id, disabled: false }),
  }),
];
