import { demoAccountsView } from '@gongzhi/contracts';
import { maskPhone } from '@gongzhi/domain';
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
      // the login page shows names and roles; a phone number only masked, like everywhere else
      return { password: DEMO_PASSWORD, accounts: DEMO_ACCOUNTS.map((a) => ({ ...a, phone: maskPhone(a.phone) })) };
    },
  }),
];
