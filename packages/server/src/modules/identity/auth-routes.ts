import {
  loginBody, loginResponse, meView, mfaVerifyBody, otpLoginBody, otpRequestBody, switchRoleBody,
} from '@gongzhi/contracts';
import { z } from 'zod';
import { SESSION_COOKIE, sessionCookieOptions } from '../../platform/auth/session.ts';
import { AppError } from '../../platform/errors.ts';
import { route } from '../../platform/route.ts';
import { loadMe } from './load-me.ts';
import { logout } from './logout.ts';
import { otpLogin } from './otp-login.ts';
import { passwordLogin } from './password-login.ts';
import { requestOtp } from './request-otp.ts';
import { switchRole } from './switch-role.ts';
import { verifyMfa } from './verify-mfa.ts';
import { requireFullSignIn } from './mfa-policy.ts';

const ok = z.object({ ok: z.boolean() });
const tags = ['identity'];
const userAgent = (h: unknown) => (typeof h === 'string' ? h.slice(0, 300) : undefined);

export const authRoutes = [
  route({
    method: 'POST',
    url: '/auth/login',
    permission: 'public',
    summary: 'Sign in with username or phone and password; may ask for an SMS code next',
    tags,
    // failures are audited in their own committed transaction; the handler manages both
    transaction: false,
    schema: { body: loginBody, response: { 200: loginResponse } },
    handler: async ({ deps, body, req, reply }) => {
      const r = await passwordLogin({ deps, login: body.login, password: body.password, ip: req.ip, userAgent: userAgent(req.headers['user-agent']) });
      reply.setCookie(SESSION_COOKIE, r.token, sessionCookieOptions(deps.config));
      return r.body;
    },
  }),
  route({
    method: 'POST',
    url: '/auth/mfa/verify',
    permission: 'authenticated',
    beforeSecondFactor: true,
    summary: 'Second factor: the SMS code sent after the password',
    tags,
    transaction: false,
    schema: { body: mfaVerifyBody, response: { 200: meView } },
    handler: async ({ deps, ctx, body, req, reply }) => {
      if (ctx.mfaPassed) throw new AppError('INVALID_TRANSITION', { message: '已完成验证，无需重复验证' });
      const r = await verifyMfa({ deps, ctx, code: body.code, userAgent: userAgent(req.headers['user-agent']) });
      reply.setCookie(SESSION_COOKIE, r.token, sessionCookieOptions(deps.config));
      return r.me;
    },
  }),
  route({
    method: 'POST',
    url: '/auth/otp/request',
    permission: 'public',
    summary: 'Send a one-time code by SMS: owner sign-in (to the phone given) or binding (signed in; to the account\'s own phone)',
    tags,
    schema: { body: otpRequestBody, response: { 200: ok } },
    handler: async ({ db, deps, ctx, body }) => {
      await requestOtp({ db, deps, ctx, phone: body.phone, purpose: body.purpose });
      return { ok: true };
    },
  }),
  route({
    method: 'POST',
    url: '/auth/otp/login',
    permission: 'public',
    summary: 'Owner sign-in with an SMS code; creates the owner account on first use',
    tags,
    transaction: false,
    schema: { body: otpLoginBody, response: { 200: meView } },
    handler: async ({ deps, ctx, body, req, reply }) => {
      const r = await otpLogin({ deps, ctx, phone: body.phone, code: body.code, userAgent: userAgent(req.headers['user-agent']) });
      reply.setCookie(SESSION_COOKIE, r.token, sessionCookieOptions(deps.config));
      return r.body;
    },
  }),
  route({
    method: 'POST',
    url: '/auth/logout',
    permission: 'authenticated',
    beforeSecondFactor: true,
    summary: 'Sign out: the session is revoked on the server',
    tags,
    schema: { response: { 200: ok } },
    handler: async ({ db, ctx, reply }) => {
      await logout({ db, ctx });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  }),
  route({
    method: 'GET',
    url: '/auth/me',
    permission: 'authenticated',
    beforeSecondFactor: true,
    summary: 'The caller: role grants, active role and its permissions',
    tags,
    schema: { response: { 200: meView } },
    handler: async ({ db, ctx }) => loadMe(db, { accountId: ctx.accountId!, sessionIdHash: ctx.sessionIdHash! }),
  }),
  route({
    method: 'POST',
    url: '/auth/switch-role',
    permission: 'authenticated',
    summary: 'Make another of the caller\'s role grants the active one',
    tags,
    schema: { body: switchRoleBody, response: { 200: meView } },
    handler: async ({ db, ctx, body }) => {
      requireFullSignIn(ctx);
      return switchRole({ db, ctx, grantId: body.grantId });
    },
  }),
];
