import { beforeAll, describe, expect, it } from 'vitest';
import { createRegionTree, createTestAccount, loginAs, sessionCookie, uniquePhone, type TestAccount } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// a fresh client address per call unless given: the per-address limiter is tested on its own
const randomIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const login = (t: TestApp, body: unknown, ip = randomIp()) =>
  t.request({ method: 'POST', url: '/api/v1/auth/login', body, headers: { 'x-forwarded-for': ip } });

async function auditCount(t: TestApp, action: string, targetId: number | null): Promise<number> {
  const r = await t.pool.query(
    'SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND target_id IS NOT DISTINCT FROM $2',
    [action, targetId == null ? null : String(targetId)],
  );
  return r.rows[0].n;
}

describe('identity: password sign-in and sessions', () => {
  let t: TestApp;
  let officer: TestAccount;
  let regionId: number;
  beforeAll(async () => {
    t = await createTestApp();
    regionId = (await createRegionTree(t.pool)).streetId;
    officer = await createTestAccount(t.pool, { phone: uniquePhone(), grants: [{ role: 'street_officer', scopeId: regionId }] });
  });

  it('official: login sets an httpOnly SameSite cookie and a new session id each time', async () => {
    const a = await login(t, { login: officer.username, password: officer.password });
    expect(a.statusCode).toBe(200);
    const c = a.cookies.find((x) => x.name === 'gz_sid')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
    expect(c.path).toBe('/');
    const me = a.json();
    expect(me.accountId).toBe(officer.id);
    expect(me.grants).toHaveLength(1);
    expect(me.grants[0]).toMatchObject({ role: 'street_officer', scopeKind: 'region', scopeId: regionId, scopeName: '测试街道' });
    expect(me.activeGrantId).toBe(officer.grantIds[0]);
    expect(me.permissions).toContain('binding.review');
    expect(me.mfaPassed).toBe(true);
    const b = await login(t, { login: officer.username, password: officer.password });
    expect(sessionCookie(b)).not.toBe(sessionCookie(a));
    // the table keeps only a hash of the token
    const rows = await t.pool.query('SELECT id_hash FROM sessions WHERE account_id = $1', [officer.id]);
    expect(rows.rows).toHaveLength(2);
    expect(rows.rows.map((r) => r.id_hash)).not.toContain(c.value);
    expect(await auditCount(t, 'auth.login', officer.id)).toBeGreaterThanOrEqual(2);
  });

  it('official: can also sign in with the phone number', async () => {
    const res = await login(t, { login: officer.phone, password: officer.password });
    expect(res.statusCode).toBe(200);
    expect(res.json().accountId).toBe(officer.id);
  });

  it('anyone: a wrong password and an unknown account get the same 401', async () => {
    const acc = await createTestAccount(t.pool);
    const wrong = await login(t, { login: acc.username, password: 'not-the-password' });
    const unknown = await login(t, { login: 'nobody-here', password: 'whatever-123' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().code).toBe('BAD_CREDENTIALS');
    expect(wrong.cookies.find((c) => c.name === 'gz_sid')).toBeUndefined();
    // failures are audited although the request failed
    expect(await auditCount(t, 'auth.login_failed', acc.id)).toBe(1);
    expect(await auditCount(t, 'auth.login_failed', null)).toBeGreaterThanOrEqual(1);
  });

  it('anyone: five failures lock the account (423) even for the right password, and it is audited', async () => {
    const acc = await createTestAccount(t.pool);
    for (let i = 0; i < 4; i++) expect((await login(t, { login: acc.username, password: `bad-${i}` })).statusCode).toBe(401);
    const fifth = await login(t, { login: acc.username, password: 'bad-5' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('ACCOUNT_LOCKED');
    const right = await login(t, { login: acc.username, password: acc.password });
    expect(right.statusCode).toBe(423);
    expect(await auditCount(t, 'auth.locked', acc.id)).toBe(1);
    // when the lock has run out, the right password works and the count starts again
    await t.pool.query(`UPDATE accounts SET locked_until = now() - interval '1 second' WHERE id = $1`, [acc.id]);
    expect((await login(t, { login: acc.username, password: acc.password })).statusCode).toBe(200);
    const row = await t.pool.query('SELECT failed_logins, locked_until FROM accounts WHERE id = $1', [acc.id]);
    expect(row.rows[0]).toEqual({ failed_logins: 0, locked_until: null });
  });

  it('anyone: a success resets the failure count', async () => {
    const acc = await createTestAccount(t.pool);
    for (let i = 0; i < 4; i++) await login(t, { login: acc.username, password: 'bad' });
    expect((await login(t, { login: acc.username, password: acc.password })).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(t, { login: acc.username, password: 'bad' })).statusCode).toBe(401);
  });

  it('anyone: more than 20 attempts a minute from one address are refused with 429', async () => {
    const ip = '10.9.9.9';
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) codes.push((await login(t, { login: `ghost${i}`, password: 'x' }, ip)).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
    expect(codes[20]).toBe(429);
    // another address is not affected
    expect((await login(t, { login: officer.username, password: officer.password }, '10.9.9.10')).statusCode).toBe(200);
  });

  it('signed-in user: logout revokes the session on the server; the old cookie is then refused', async () => {
    const cookie = await loginAs(t, officer);
    expect((await t.request({ method: 'GET', url: '/api/v1/auth/me', cookie })).statusCode).toBe(200);
    const out = await t.request({ method: 'POST', url: '/api/v1/auth/logout', cookie });
    expect(out.statusCode).toBe(200);
    expect(out.cookies.find((c) => c.name === 'gz_sid')?.value).toBe('');
    const after = await t.request({ method: 'GET', url: '/api/v1/auth/me', cookie });
    expect(after.statusCode).toBe(401);
    expect(await auditCount(t, 'auth.logout', officer.id)).toBe(1);
  });

  it('signed-in user: 31 idle minutes end the session (SESSION_EXPIRED)', async () => {
    const cookie = await loginAs(t, officer);
    await t.pool.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE account_id = $1 AND revoked_at IS NULL`, [officer.id]);
    const res = await t.request({ method: 'GET', url: '/api/v1/auth/me', cookie });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('SESSION_EXPIRED');
    // the dead cookie is cleared so the browser stops sending it
    expect(res.cookies.find((c) => c.name === 'gz_sid')?.value).toBe('');
  });

  it('signed-in user: a session older than 12 hours ends although it was active', async () => {
    const cookie = await loginAs(t, officer);
    await t.pool.query(`UPDATE sessions SET created_at = now() - interval '13 hours' WHERE account_id = $1 AND revoked_at IS NULL`, [officer.id]);
    const res = await t.request({ method: 'GET', url: '/api/v1/auth/me', cookie });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('SESSION_EXPIRED');
  });

  it('signed-in user: an expired cookie does not stand in the way of signing in again', async () => {
    const cookie = await loginAs(t, officer);
    await t.pool.query(`UPDATE sessions SET created_at = now() - interval '13 hours' WHERE account_id = $1 AND revoked_at IS NULL`, [officer.id]);
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', cookie, body: { login: officer.username, password: officer.password } });
    expect(res.statusCode).toBe(200);
    expect(sessionCookie(res)).not.toBe(cookie);
  });

  it('anyone: /auth/me without a session is 401; a bad body is a 400 naming the field', async () => {
    expect((await t.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    const res = await login(t, { login: officer.username });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.password');
  });
});
