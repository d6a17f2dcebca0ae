import { beforeAll, describe, expect, it } from 'vitest';
import { createRegionTree, createTestAccount, createEstate, sessionCookie, uniquePhone } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const codeIn = (t: TestApp, phone: string) => {
  const m = /(\d{6})/.exec(t.sender.lastTo(phone)?.body ?? '');
  if (!m) throw new Error(`no code sent to ${phone}`);
  return m[1];
};
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
let ipSeq = 0;
const post = (t: TestApp, url: string, body?: unknown, cookie?: string) =>
  t.request({ method: 'POST', url: `/api/v1${url}`, body, cookie, headers: { 'x-forwarded-for': `10.1.${Math.floor(++ipSeq / 200)}.${ipSeq % 200}` } });

describe('identity: second factor for officials', () => {
  let t: TestApp;
  let regionId: number;
  let estateId: number;
  beforeAll(async () => {
    t = await createTestApp({ mfaFor: { officials: true, money: false } });
    const tree = await createRegionTree(t.pool);
    regionId = tree.districtId;
    estateId = await createEstate(t.pool, { communityId: tree.communityId });
  });

  it('district officer: the password alone gives no permissions until the SMS code is entered', async () => {
    const phone = uniquePhone();
    const acc = await createTestAccount(t.pool, { phone, grants: [{ role: 'district_officer', scopeId: regionId }] });
    const res = await post(t, '/auth/login', { login: acc.username, password: acc.password });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ mfaRequired: true });
    const cookie = sessionCookie(res);
    const me = await t.request({ method: 'GET', url: '/api/v1/auth/me', cookie });
    expect(me.json()).toMatchObject({ mfaPassed: false, permissions: [] });
    // a registry route needing a permission is refused meanwhile
    expect((await t.request({ method: 'GET', url: '/api/v1/bindings', cookie })).statusCode).toBe(403);
    const code = codeIn(t, phone);
    const bad = await post(t, '/auth/mfa/verify', { code: wrongCode(code) }, cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('BAD_CODE');
    const good = await post(t, '/auth/mfa/verify', { code }, cookie);
    expect(good.statusCode).toBe(200);
    expect(good.json()).toMatchObject({ mfaPassed: true, accountId: acc.id });
    expect(good.json().permissions).toContain('registry.read');
    // the sign-in is complete: a new session id replaces the half-signed-in one, which is revoked
    const signedIn = sessionCookie(good);
    expect(signedIn).not.toBe(cookie);
    expect((await t.request({ method: 'GET', url: '/api/v1/bindings', cookie: signedIn })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/v1/bindings', cookie })).json().code).toBe('SESSION_EXPIRED');
    // what was sent, to whom and when, is on record
    const sms = await t.pool.query(`SELECT status, sent_at, body FROM notifications WHERE channel = 'sms' AND recipient = $1`, [phone]);
    expect(sms.rows).toHaveLength(1);
    expect(sms.rows[0].status).toBe('sent');
    // ... but not the code itself: the record is no place to read a live code from
    expect(sms.rows[0].body).not.toContain(code);
    expect(sms.rows[0].body).toContain('******');
    const audits = await t.pool.query(`SELECT action FROM audit_events WHERE action IN ('auth.mfa', 'auth.mfa_failed') AND target_id = $1 ORDER BY seq`, [String(acc.id)]);
    expect(audits.rows.map((r) => r.action)).toEqual(['auth.mfa_failed', 'auth.mfa']);
  });

  it('district officer: the code is used once; a second verify on another session needs a new code', async () => {
    const phone = uniquePhone();
    const acc = await createTestAccount(t.pool, { phone, grants: [{ role: 'district_officer', scopeId: regionId }] });
    const c1 = sessionCookie(await post(t, '/auth/login', { login: acc.username, password: acc.password }));
    const code = codeIn(t, phone);
    expect((await post(t, '/auth/mfa/verify', { code }, c1)).statusCode).toBe(200);
    const c2 = sessionCookie(await post(t, '/auth/login', { login: acc.username, password: acc.password }));
    expect((await post(t, '/auth/mfa/verify', { code }, c2)).statusCode).toBe(400);
  });

  it('district officer: wrong codes count toward the lockout; signing in again does not reset the count', async () => {
    const phone = uniquePhone();
    const acc = await createTestAccount(t.pool, { phone, grants: [{ role: 'district_officer', scopeId: regionId }] });
    const c1 = sessionCookie(await post(t, '/auth/login', { login: acc.username, password: acc.password }));
    const code1 = codeIn(t, phone);
    for (let i = 0; i < 3; i++) expect((await post(t, '/auth/mfa/verify', { code: wrongCode(code1) }, c1)).statusCode).toBe(400);
    const c2 = sessionCookie(await post(t, '/auth/login', { login: acc.username, password: acc.password }));
    const code2 = codeIn(t, phone);
    expect((await post(t, '/auth/mfa/verify', { code: wrongCode(code2) }, c2)).statusCode).toBe(400);
    const fifth = await post(t, '/auth/mfa/verify', { code: wrongCode(code2) }, c2);
    expect(fifth.statusCode).toBe(423);
    // the half-signed-in session is gone, and the password no longer opens the account
    expect((await t.request({ method: 'GET', url: '/api/v1/auth/me', cookie: c2 })).statusCode).toBe(401);
    expect((await post(t, '/auth/login', { login: acc.username, password: acc.password })).statusCode).toBe(423);
  });

  it('committee member: no second factor when only officials need one', async () => {
    const acc = await createTestAccount(t.pool, { phone: uniquePhone(), grants: [{ role: 'committee_chair', scopeId: estateId }] });
    const res = await post(t, '/auth/login', { login: acc.username, password: acc.password });
    expect(res.json()).toMatchObject({ mfaPassed: true, accountId: acc.id });
  });

  it('committee chair: needs the second factor when money roles are configured', async () => {
    const t2 = await createTestApp({ mfaFor: { officials: false, money: true } });
    const tree = await createRegionTree(t2.pool);
    const e = await createEstate(t2.pool, { communityId: tree.communityId });
    const chair = await createTestAccount(t2.pool, { phone: uniquePhone(), grants: [{ role: 'committee_chair', scopeId: e }] });
    const member = await createTestAccount(t2.pool, { phone: uniquePhone(), grants: [{ role: 'committee_member', scopeId: e }] });
    expect((await post(t2, '/auth/login', { login: chair.username, password: chair.password })).json()).toEqual({ mfaRequired: true });
    expect((await post(t2, '/auth/login', { login: member.username, password: member.password })).json().mfaPassed).toBe(true);
  });
});

describe('identity: one-time codes and owner sign-in by code', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  it('new owner: signing in by code creates an account with the owner role', async () => {
    const phone = uniquePhone();
    expect((await post(t, '/auth/otp/request', { phone, purpose: 'login' })).statusCode).toBe(200);
    const res = await post(t, '/auth/otp/login', { phone, code: codeIn(t, phone) });
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me.displayName).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(me.grants).toEqual([{ id: me.activeGrantId, role: 'owner', scopeKind: 'owner', scopeId: null, scopeName: '我的房屋' }]);
    expect(me.permissions).toContain('my.units');
    const cookie = sessionCookie(res);
    expect((await t.request({ method: 'GET', url: '/api/v1/my/units', cookie })).json()).toEqual({ units: [], requests: [] });
    // the second time, the same account
    await t.pool.query(`UPDATE one_time_codes SET created_at = now() - interval '2 minutes' WHERE target = $1`, [phone]);
    await post(t, '/auth/otp/request', { phone, purpose: 'login' });
    const again = await post(t, '/auth/otp/login', { phone, code: codeIn(t, phone) });
    expect(again.json().accountId).toBe(me.accountId);
    const n = await t.pool.query('SELECT count(*)::int AS n FROM accounts WHERE phone = $1', [phone]);
    expect(n.rows[0].n).toBe(1);
  });

  it('anyone: a second code for the same phone within 60 s is refused (429)', async () => {
    const phone = uniquePhone();
    expect((await post(t, '/auth/otp/request', { phone, purpose: 'login' })).statusCode).toBe(200);
    const second = await post(t, '/auth/otp/request', { phone, purpose: 'login' });
    expect(second.statusCode).toBe(429);
    expect(second.json().code).toBe('RATE_LIMITED');
    expect(t.sender.sent.filter((m) => m.to === phone)).toHaveLength(1);
  });

  it('anyone: an expired code is refused', async () => {
    const phone = uniquePhone();
    await post(t, '/auth/otp/request', { phone, purpose: 'login' });
    const code = codeIn(t, phone);
    await t.pool.query(`UPDATE one_time_codes SET expires_at = now() - interval '1 second' WHERE target = $1`, [phone]);
    const res = await post(t, '/auth/otp/login', { phone, code });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('BAD_CODE');
    expect(res.cookies.find((c) => c.name === 'gz_sid')).toBeUndefined();
  });

  it('anyone: after five wrong attempts even the right code is refused', async () => {
    const phone = uniquePhone();
    await post(t, '/auth/otp/request', { phone, purpose: 'login' });
    const code = codeIn(t, phone);
    for (let i = 0; i < 5; i++) expect((await post(t, '/auth/otp/login', { phone, code: wrongCode(code) })).statusCode).toBe(400);
    expect((await post(t, '/auth/otp/login', { phone, code })).statusCode).toBe(400);
    const row = await t.pool.query('SELECT attempts, used_at, code_hash FROM one_time_codes WHERE target = $1', [phone]);
    expect(row.rows[0].attempts).toBe(5);
    expect(row.rows[0].used_at).toBeNull();
    expect(row.rows[0].code_hash).not.toContain(code); // stored hashed
  });

  it('anyone: a code works only once', async () => {
    const phone = uniquePhone();
    await post(t, '/auth/otp/request', { phone, purpose: 'login' });
    const code = codeIn(t, phone);
    expect((await post(t, '/auth/otp/login', { phone, code })).statusCode).toBe(200);
    expect((await post(t, '/auth/otp/login', { phone, code })).statusCode).toBe(400);
  });

  it('official: cannot sign in with a code alone, only with the password', async () => {
    const phone = uniquePhone();
    const tree = await createRegionTree(t.pool);
    await createTestAccount(t.pool, { phone, grants: [{ role: 'street_officer', scopeId: tree.streetId }] });
    await post(t, '/auth/otp/request', { phone, purpose: 'login' });
    const res = await post(t, '/auth/otp/login', { phone, code: codeIn(t, phone) });
    expect(res.statusCode).toBe(403);
    expect(res.cookies.find((c) => c.name === 'gz_sid')).toBeUndefined();
  });

  it('anyone: a malformed phone is a 400 naming the field', async () => {
    const res = await post(t, '/auth/otp/request', { phone: '12345', purpose: 'login' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.phone');
  });
});

describe('identity: switching roles', () => {
  it('person with two roles: switches to the other grant; a grant of someone else is 404', async () => {
    const t = await createTestApp();
    const tree = await createRegionTree(t.pool);
    const estateId = await createEstate(t.pool, { communityId: tree.communityId });
    const acc = await createTestAccount(t.pool, {
      grants: [{ role: 'owner' }, { role: 'committee_member', scopeId: estateId }],
    });
    const other = await createTestAccount(t.pool, { grants: [{ role: 'community_officer', scopeId: tree.communityId }] });
    const login = await post(t, '/auth/login', { login: acc.username, password: acc.password });
    const cookie = sessionCookie(login);
    expect(login.json().activeGrantId).toBe(acc.grantIds[0]);
    expect(login.json().permissions).toContain('my.units');
    const sw = await post(t, '/auth/switch-role', { grantId: acc.grantIds[1] }, cookie);
    expect(sw.statusCode).toBe(200);
    expect(sw.json().activeGrantId).toBe(acc.grantIds[1]);
    expect(sw.json().permissions).toContain('binding.review');
    expect(sw.json().permissions).not.toContain('my.units');
    const me = await t.request({ method: 'GET', url: '/api/v1/auth/me', cookie });
    expect(me.json().activeGrantId).toBe(acc.grantIds[1]);
    expect(me.json().grants[1].scopeName).toMatch(/^测试小区/);
    // the committee role now reaches the estate's binding list; the owner role no longer reaches my units
    expect((await t.request({ method: 'GET', url: '/api/v1/bindings', cookie })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/v1/my/units', cookie })).statusCode).toBe(403);
    const foreign = await post(t, '/auth/switch-role', { grantId: other.grantIds[0] }, cookie);
    expect(foreign.statusCode).toBe(404);
    const audit = await t.pool.query(`SELECT actor_role, summary FROM audit_events WHERE action = 'auth.switch_role' AND actor_account_id = $1`, [acc.id]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].actor_role).toBe('committee_member');
    expect(audit.rows[0].summary).toMatchObject({ from: 'owner', to: 'committee_member' });
  });
});
