import { z } from 'zod';
import { ROLES } from './permissions.ts';

// Demo mode: the login page lists one account per role so a visitor can try every view.

export const demoAccount = z.object({
  username: z.string(),
  /** who this account is, in Chinese, e.g. '市住建局管理员' */
  label: z.string(),
  role: z.enum(ROLES),
  /** for sign-in with a one-time code (owners) or a second factor (officials) */
  phone: z.string(),
});
export type DemoAccount = z.infer<typeof demoAccount>;

export const demoAccountsView = z.object({
  /** every demo account shares this password */
  password: z.string(),
  accounts: z.array(demoAccount),
});
export type DemoAccountsView = z.infer<typeof demoAccountsView>;
