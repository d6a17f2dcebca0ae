import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INVITATION_CODE, DEMO_PASSWORD } from '../../src/modules/demo/accounts.ts';
import { seedIfEmpty } from '../../src/modules/demo/index.ts';
import { sessionCookie } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// The demo accounts do what the login page promises: the member can switch to the owner role,
// owner1 sees two units, and owner3 can bind with the printed invitation code.

describe('demo journeys', () => {
  let t: TestApp;
  const signIn = async (login: string) => {
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { login, password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    return sessionCookie(res);
  };
  beforeAll(async () => {
    t = await createTestApp();
    await seedIfEmpty(t.pool, t.secrets);
  }, 120_000);

  it('committee member: holds two roles, committee member and owner', async () => {
    const me = await t.request({ method: 'GET', url: '/api/v1/auth/me', cookie: await signIn('member') });
    expect(me.statusCode).toBe(200);
    expect(me.json().grants.map((g: { role: string }) => g.role).sort()).toEqual(['committee_member', 'owner']);
  });

  it('owner1: sees both of its units', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/my/units', cookie: await signIn('owner1') });
    expect(res.statusCode).toBe(200);
    expect(res.json().units).toHaveLength(2);
  });

  it('owner3: binds to its unit with the demo invitation code, once', async () => {
    const cookie = await signIn('owner3');
    const redeem = await t.request({ method: 'POST', url: '/api/v1/bindings/invitation', cookie, body: { code: DEMO_INVITATION_CODE } });
    expect(redeem.statusCode).toBe(200);
    expect(redeem.json().status).toBe('approved');
    const again = await t.request({ method: 'POST', url: '/api/v1/bindings/invitation', cookie, body: { code: DEMO_INVITATION_CODE } });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('INVITATION_INVALID');
  });
});
