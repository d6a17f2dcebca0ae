import { demoAccountsView } from '@gongzhi/contracts';
import { notFound } from '../../platform/errors.ts';
import { route } from '../../platform/route.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts.ts';

export const demoRoutes = [
  route({
    method: 'GET',
    url: '/demo/accounts',
    permission: 'public',
    summary: 'Demo accounts for the login page (demo mode only)',
    tags: ['demo'],
    schema: { response: { 200: demoAccountsView } },
    // outside demo mode the list does not exist: a production login page shows nothing
    handler: async ({ deps }) => {
      if (!deps.config.demo) throw notFound('演示账号');
      return { password: DEMO_PASSWORD, accounts: DEMO_ACCOUNTS };
    },
  }),
];
