import { beforeAll, describe, expect, it } from 'vitest';
import {
  createBuilding, createEstateWithOwner, createOwnership, createTestAccount, createUnit, loginAs, sessionCookie, uniquePhone,
} from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Roster-match binding needs a one-time 'binding' code sent to the caller's own phone: the reviewer
// then knows the phone on the request belongs to the person asking.

let ipSeq = 0;
const call = (t: TestApp, method: string, url: string, cookie?: string, body?: unknown) =>
  t.request({ method, url: `/api/v1${url}`, body, cookie, headers: { 'x-forwarded-for': `10.3.${Math.floor(++ipSeq / 200)}.${ipSeq % 200}` } });
const codeIn = (t: TestApp, phone: string) => {
  const m = /(\d{6})/.exec(t.sender.lastTo(phone)?.body ?? '');
  if (!m) throw new Error(`no code sent to ${phone}`);
  return m[1];
};
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

interface Owner { cookie: string; accountId: number; phone: string }

async function newOwnerSession(t: TestApp): Promise<Owner> {
  const phone = uniquePhone();
  await call(t, 'POST', '/auth/otp/request', undefined, { phone, purpose: 'login' });
  const res = await call(t, 'POST', '/auth/otp/login', undefined, { phone, code: codeIn(t, phone) });
  expect(res.statusCode, res.body).toBe(200);
  return { cookie: sessionCookie(res), accountId: res.json().accountId, phone };
}

/** Earlier codes of the phone are aged past the one-minute resend interval, so a test may ask again. */
async function ageCodes(t: TestApp, phone: string) {
  await t.pool.query(`UPDATE one_time_codes SET created_at = created_at - interval '2 minutes' WHERE target = $1`, [phone]);
}

async function bindingCode(t: TestApp, o: Owner): Promise<string> {
  await ageCodes(t, o.phone);
  const res = await call(t, 'POST', '/auth/otp/request', o.cookie, { purpose: 'binding' });
  expect(res.statusCode, res.body).toBe(200);
  return codeIn(t, o.phone);
}

const bindingRows = async (t: TestApp, accountId: number) =>
  (await t.pool.query('SELECT count(*)::int AS n FROM bindings WHERE account_id = $1', [accountId])).rows[0].n as number;

describe('identity: one-time codes for roster-match binding', () => {
  let t: TestApp;
  let estate: Awaited<ReturnType<typeof createEstateWithOwner>>;
  let unit2: number;
  beforeAll(async () => {
    t = await createTestApp();
    estate = await createEstateWithOwner(t.pool, { ownerName: '孙八', idNumber: '110105194912310021', secrets: t.secrets });
    // the same owner also holds 2栋 201
    unit2 = await createUnit(t.pool, { estateId: estate.estateId, buildingId: await createBuilding(t.pool, { estateId: estate.estateId, name: '2栋' }), number: '201' });
    await createOwnership(t.pool, { unitId: unit2, ownerId: estate.ownerId });
  });

  const match = (over: Record<string, unknown> = {}) => ({
    estateId: estate.estateId, building: '1栋', unit: '101', name: '孙八', idLast4: '0021', ...over,
  });

  it('owner: without a code the request is a 400 naming body.code, and nothing is written', async () => {
    const o = await newOwnerSession(t);
    const res = await call(t, 'POST', '/bindings/roster-match', o.cookie, match());
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().details.issues.map((i: { field: string }) => i.field)).toEqual(['body.code']);
    expect(await bindingRows(t, o.accountId)).toBe(0);
  });

  it('owner: a wrong code is BAD_CODE, writes no binding, and the attempt is counted', async () => {
    const o = await newOwnerSession(t);
    const code = await bindingCode(t, o);
    const res = await call(t, 'POST', '/bindings/roster-match', o.cookie, match({ code: wrongCode(code) }));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('BAD_CODE');
    expect(res.json().message).toBe('验证码错误或已过期');
    expect(await bindingRows(t, o.accountId)).toBe(0);
    const row = await t.pool.query(`SELECT attempts, used_at FROM one_time_codes WHERE target = $1 AND purpose = 'binding'`, [o.phone]);
    expect(row.rows).toEqual([{ attempts: 1, used_at: null }]);
    const audit = await t.pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'binding.code_failed' AND target_id = $1`, [masked(o.phone)]);
    expect(audit.rows[0].n).toBe(1);
    // the right code still works afterwards
    expect((await call(t, 'POST', '/bindings/roster-match', o.cookie, match({ code }))).statusCode).toBe(200);
  });

  it('owner: after five wrong attempts even the right code is refused', async () => {
    const o = await newOwnerSession(t);
    const code = await bindingCode(t, o);
    for (let i = 0; i < 5; i++) {
      expect((await call(t, 'POST', '/bindings/roster-match', o.cookie, match({ code: wrongCode(code) }))).json().code).toBe('BAD_CODE');
    }
    expect((await call(t, 'POST', '/bindings/roster-match', o.cookie, match({ code }))).json().code).toBe('BAD_CODE');
    expect(await bindingRows(t, o.accountId)).toBe(0);
  });

  it('owner: an expired code is BAD_CODE', async () => {
    const o = await newOwnerSession(t);
    const code = await bindingCode(t, o);
    await t.pool.query(`UPDATE one_time_codes SET expires_at = now() - interval '1 second' WHERE target = $1 AND purpose = 'binding'`, [o.phone]);
    expect((await call(t, 'POST', '/bindings/roster-match', o.cookie, match({ code }))).json().code).toBe('BAD_CODE');
    expect(await bindingRows(t, o.accountId)).toBe(0);
  });

  it('owner: a used code cannot be used again for another unit', async () => {
    const o = await newOwnerSession(t);
    const code = await bindingCode(t, o);
    const first = await call(t, 'POST', '/bindings/roster-match', o.cookie, match({ code }));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ phoneVerified: true, accountPhone: masked(o.phone) });
    const again = await call(t, 'POST', '/bindings/roster-match', o.cookie, match({ building: '2栋', unit: '201', code }));
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('BAD_CODE');
    expect(await bindingRows(t, o.accountId)).toBe(1);
    // with a fresh code the second unit goes through
    expect((await call(t, 'POST', '/bindings/roster-match', o.cookie, match({ building: '2栋', unit: '201', code: await bindingCode(t, o) }))).statusCode).toBe(200);
  });

  it('owner: a binding code does not sign in, and a sign-in code does not bind', async () => {
    const o = await newOwnerSession(t);
    const bCode = await bindingCode(t, o);
    const login = await call(t, 'POST', '/auth/otp/login', undefined, { phone: o.phone, code: bCode });
    expect(login.statusCode).toBe(400);
    expect(login.json().code).toBe('BAD_CODE');
    expect(login.cookies.find((c) => c.name === 'gz_sid')).toBeUndefined();

    await ageCodes(t, o.phone);
    await call(t, 'POST', '/auth/otp/request', undefined, { phone: o.phone, purpose: 'login' });
    const lCode = codeIn(t, o.phone);
    expect(lCode).not.toBe(bCode); // otherwise the check below proves nothing (one in a million)
    const bind = await call(t, 'POST', '/bindings/roster-match', o.cookie, match({ code: lCode }));
    expect(bind.statusCode).toBe(400);
    expect(bind.json().code).toBe('BAD_CODE');
    expect(await bindingRows(t, o.accountId)).toBe(0);
    // each code still does its own job
    expect((await call(t, 'POST', '/bindings/roster-match', o.cookie, match({ code: bCode }))).statusCode).toBe(200);
    expect((await call(t, 'POST', '/auth/otp/login', undefined, { phone: o.phone, code: lCode })).statusCode).toBe(200);
  });

  it('anonymous: cannot ask for a binding code (401), and nothing is sent', async () => {
    const phone = uniquePhone();
    const res = await call(t, 'POST', '/auth/otp/request', undefined, { phone, purpose: 'binding' });
    expect(res.statusCode).toBe(401);
    expect(t.sender.lastTo(phone)).toBeUndefined();
  });

  it('owner: a binding code goes to the account\'s own phone, never to a phone named in the body', async () => {
    const o = await newOwnerSession(t);
    const victim = uniquePhone();
    await ageCodes(t, o.phone);
    const res = await call(t, 'POST', '/auth/otp/request', o.cookie, { phone: victim, purpose: 'binding' });
    expect(res.statusCode).toBe(200);
    expect(t.sender.lastTo(victim)).toBeUndefined();
    expect(t.sender.lastTo(o.phone)?.subject).toBe('绑定房屋验证码');
    // asking again within the minute is refused, as for sign-in codes
    const soon = await call(t, 'POST', '/auth/otp/request', o.cookie, { purpose: 'binding' });
    expect(soon.statusCode).toBe(429);
  });

  it('owner: /auth/me tells where the code will go, masked', async () => {
    const o = await newOwnerSession(t);
    const me = (await call(t, 'GET', '/auth/me', o.cookie)).json();
    expect(me.phoneMasked).toBe(masked(o.phone));
    expect(JSON.stringify(me)).not.toContain(o.phone);
  });

  it('account without a phone: cannot get a binding code, and roster match says to sign in with a phone', async () => {
    const acc = await createTestAccount(t.pool, {});
    const cookie = await loginAs(t, acc);
    expect((await call(t, 'GET', '/auth/me', cookie)).json().phoneMasked).toBeNull();
    const req = await call(t, 'POST', '/auth/otp/request', cookie, { purpose: 'binding' });
    expect(req.statusCode).toBe(400);
    expect(req.json().message).toContain('手机号');
    const res = await call(t, 'POST', '/bindings/roster-match', cookie, match({ code: '123456' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.code');
    expect(res.json().message).toContain('手机号');
    expect(await bindingRows(t, acc.id)).toBe(0);
  });

  it('owner: a login code request still needs a phone', async () => {
    const res = await call(t, 'POST', '/auth/otp/request', undefined, { purpose: 'login' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.phone');
  });
});
