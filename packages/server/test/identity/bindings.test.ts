import { beforeAll, describe, expect, it } from 'vitest';
import {
  createBuilding, createEstate, createEstateWithOwner, createOwner, createOwnership, createRegionTree, createTestAccount,
  createUnit, loginAs, sessionCookie, uniquePhone,
} from '../support/factories.ts';
import { verifyAuditChain } from '../../src/platform/audit.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let ipSeq = 0;
const call = (t: TestApp, method: string, url: string, cookie?: string, body?: unknown) =>
  t.request({ method, url: `/api/v1${url}`, body, cookie, headers: { 'x-forwarded-for': `10.2.${Math.floor(++ipSeq / 200)}.${ipSeq % 200}` } });

/** A new owner account, signed in by SMS code (no role but 'owner', no units). */
async function newOwnerSession(t: TestApp): Promise<{ cookie: string; accountId: number; phone: string }> {
  const phone = uniquePhone();
  await call(t, 'POST', '/auth/otp/request', undefined, { phone, purpose: 'login' });
  const code = /(\d{6})/.exec(t.sender.lastTo(phone)!.body)![1];
  const res = await call(t, 'POST', '/auth/otp/login', undefined, { phone, code });
  return { cookie: sessionCookie(res), accountId: res.json().accountId, phone };
}

/** Asks for a binding code for the signed-in caller and reads it from the console sender. Earlier
 *  codes of that phone are aged past the one-minute resend interval first, so a test may ask again. */
async function bindingCode(t: TestApp, who: { cookie: string; phone: string }): Promise<string> {
  await t.pool.query(`UPDATE one_time_codes SET created_at = created_at - interval '2 minutes' WHERE target = $1`, [who.phone]);
  const res = await call(t, 'POST', '/auth/otp/request', who.cookie, { purpose: 'binding' });
  expect(res.statusCode, res.body).toBe(200);
  const m = /(\d{6})/.exec(t.sender.lastTo(who.phone)?.body ?? '');
  if (!m) throw new Error(`no code sent to ${who.phone}`);
  return m[1];
}

describe('identity: binding with an invitation code', () => {
  let t: TestApp;
  let estate: Awaited<ReturnType<typeof createEstateWithOwner>>;
  let committeeCookie: string;
  beforeAll(async () => {
    t = await createTestApp();
    estate = await createEstateWithOwner(t.pool, { ownerName: '李四' });
    const member = await createTestAccount(t.pool, { grants: [{ role: 'committee_member', scopeId: estate.estateId }] });
    committeeCookie = await loginAs(t, member);
  });

  it('owner: binds with an invitation code from the committee and sees the unit in my units', async () => {
    const co = await createOwner(t.pool, { name: '王五' });
    await createOwnership(t.pool, { unitId: estate.unitId, ownerId: co });
    const issued = await call(t, 'POST', '/invitations', committeeCookie, { unitId: estate.unitId, ownerId: estate.ownerId });
    expect(issued.statusCode).toBe(200);
    const inv = issued.json();
    expect(inv.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);
    expect(inv).toMatchObject({ unitLabel: '1栋 101', ownerName: '李四', usedAt: null });
    expect(new Date(inv.expiresAt).getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const listed = await call(t, 'GET', `/invitations?estateId=${estate.estateId}`, committeeCookie);
    expect(listed.json().items.map((i: { id: number }) => i.id)).toContain(inv.id);

    const owner = await newOwnerSession(t);
    // lower case and a dash are accepted, as people type them
    const code = `${inv.code.slice(0, 4).toLowerCase()}-${inv.code.slice(4)}`;
    const bound = await call(t, 'POST', '/bindings/invitation', owner.cookie, { code });
    expect(bound.statusCode).toBe(200);
    expect(bound.json()).toMatchObject({ status: 'approved', method: 'invitation', unitId: estate.unitId, ownerId: estate.ownerId });
    const mine = await call(t, 'GET', '/my/units', owner.cookie);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().units).toEqual([
      expect.objectContaining({ unitId: estate.unitId, building: '1栋', number: '101', areaCenti: 8950, area: '89.50', kind: 'residential', status: 'sold', coOwners: 2 }),
    ]);
    const acc = await t.pool.query('SELECT owner_id FROM accounts WHERE id = $1', [owner.accountId]);
    expect(Number(acc.rows[0].owner_id)).toBe(estate.ownerId);
    const audits = await t.pool.query(
      `SELECT action FROM audit_events WHERE action IN ('invitation.issue', 'binding.redeem_invitation') AND estate_id = $1 ORDER BY seq`,
      [estate.estateId],
    );
    expect(audits.rows.map((r) => r.action)).toEqual(['invitation.issue', 'binding.redeem_invitation']);
    // the code is a credential: not in the audit log
    const leaked = await t.pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE summary::text LIKE '%' || $1 || '%'`, [inv.code]);
    expect(leaked.rows[0].n).toBe(0);
  });

  it('another owner: a used invitation cannot be reused', async () => {
    const issued = (await call(t, 'POST', '/invitations', committeeCookie, { unitId: estate.unitId, ownerId: estate.ownerId })).json();
    const a = await newOwnerSession(t);
    expect((await call(t, 'POST', '/bindings/invitation', a.cookie, { code: issued.code })).statusCode).toBe(200);
    const b = await newOwnerSession(t);
    const again = await call(t, 'POST', '/bindings/invitation', b.cookie, { code: issued.code });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('INVITATION_INVALID');
    expect((await call(t, 'GET', '/my/units', b.cookie)).json().units).toEqual([]);
  });

  it('owner: an expired or unknown code is INVITATION_INVALID and binds nothing', async () => {
    const issued = (await call(t, 'POST', '/invitations', committeeCookie, { unitId: estate.unitId, ownerId: estate.ownerId })).json();
    await t.pool.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [issued.id]);
    const o = await newOwnerSession(t);
    expect((await call(t, 'POST', '/bindings/invitation', o.cookie, { code: issued.code })).json().code).toBe('INVITATION_INVALID');
    expect((await call(t, 'POST', '/bindings/invitation', o.cookie, { code: 'ZZZZZZZZ' })).json().code).toBe('INVITATION_INVALID');
    const n = await t.pool.query('SELECT count(*)::int AS n FROM bindings WHERE account_id = $1', [o.accountId]);
    expect(n.rows[0].n).toBe(0);
  });

  it('committee member: cannot issue a code for someone who is not a current owner of the unit', async () => {
    const stranger = await createOwner(t.pool, { name: '路人' });
    const res = await call(t, 'POST', '/invitations', committeeCookie, { unitId: estate.unitId, ownerId: stranger });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.ownerId');
  });

  it('committee member of another estate: a unit outside the scope is 404; the list does not show foreign codes', async () => {
    const other = await createEstateWithOwner(t.pool);
    const res = await call(t, 'POST', '/invitations', committeeCookie, { unitId: other.unitId, ownerId: other.ownerId });
    expect(res.statusCode).toBe(404);
    expect((await call(t, 'GET', `/invitations?estateId=${other.estateId}`, committeeCookie)).statusCode).toBe(404);
  });

  it('owner: cannot issue invitations (403)', async () => {
    const o = await newOwnerSession(t);
    expect((await call(t, 'POST', '/invitations', o.cookie, { unitId: estate.unitId, ownerId: estate.ownerId })).statusCode).toBe(403);
  });
});

describe('identity: binding by roster match, reviewed by the committee', () => {
  let t: TestApp;
  let estate: Awaited<ReturnType<typeof createEstateWithOwner>>;
  let memberA: { cookie: string; id: number };
  let memberB: { cookie: string; id: number };
  beforeAll(async () => {
    t = await createTestApp();
    estate = await createEstateWithOwner(t.pool, { ownerName: '赵六', idNumber: '11010519491231002X', secrets: t.secrets });
    const otherEstate = await createEstate(t.pool, { communityId: estate.communityId });
    const a = await createTestAccount(t.pool, { grants: [{ role: 'committee_member', scopeId: estate.estateId }] });
    const b = await createTestAccount(t.pool, { grants: [{ role: 'committee_chair', scopeId: otherEstate }] });
    memberA = { cookie: await loginAs(t, a), id: a.id };
    memberB = { cookie: await loginAs(t, b), id: b.id };
  });

  const match = (over: Record<string, unknown> = {}) => ({
    estateId: estate.estateId, building: '1栋', unit: '101', name: '赵六', idLast4: '002x', ...over,
  });

  it('owner: a wrong name, ID digits or unit all answer the same ROSTER_NO_MATCH; the right code survives a miss', async () => {
    const o = await newOwnerSession(t);
    const code = await bindingCode(t, o);
    const answers = await Promise.all([
      call(t, 'POST', '/bindings/roster-match', o.cookie, match({ name: '赵七', code })),
      call(t, 'POST', '/bindings/roster-match', o.cookie, match({ idLast4: '1234', code })),
      call(t, 'POST', '/bindings/roster-match', o.cookie, match({ unit: '102', code })),
    ]);
    for (const a of answers) {
      expect(a.statusCode).toBe(400);
      expect(a.json()).toEqual(answers[0].json());
      expect(a.json().code).toBe('ROSTER_NO_MATCH');
    }
    // a typo in the unit does not cost the owner the code: it is spent only by a request made
    const row = await t.pool.query(`SELECT attempts, used_at FROM one_time_codes WHERE target = $1 AND purpose = 'binding'`, [o.phone]);
    expect(row.rows).toEqual([{ attempts: 0, used_at: null }]);
  });

  it('owner: the estate directory lists estates with district and street, names only', async () => {
    const o = await newOwnerSession(t);
    const res = await call(t, 'GET', '/my/estates-for-binding', o.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toContainEqual(expect.objectContaining({ id: estate.estateId, district: '测试区', street: '测试街道' }));
    expect(Object.keys(res.json().items[0]).sort()).toEqual(['district', 'id', 'name', 'street']);
  });

  it('owner → committee member of THAT estate approves; a member of another estate gets 404', async () => {
    const o = await newOwnerSession(t);
    const req = await call(t, 'POST', '/bindings/roster-match', o.cookie, match({ code: await bindingCode(t, o) }));
    expect(req.statusCode).toBe(200);
    const binding = req.json();
    expect(binding).toMatchObject({ status: 'pending', method: 'roster_match', ownerName: '赵六', phoneVerified: true });
    // pending: not yet among my units, listed as a request
    const before = (await call(t, 'GET', '/my/units', o.cookie)).json();
    expect(before.units).toEqual([]);
    expect(before.requests.map((r: { id: number }) => r.id)).toEqual([binding.id]);
    // the committee of that estate was told; the other estate's was not
    const inboxA = await t.pool.query(`SELECT subject FROM notifications WHERE channel = 'inbox' AND account_id = $1`, [memberA.id]);
    expect(inboxA.rows).toHaveLength(1);
    const notice = await t.pool.query(`SELECT body FROM notifications WHERE channel = 'inbox' AND account_id = $1`, [memberA.id]);
    expect(notice.rows[0].body).toContain(`已验证手机 ${o.phone.slice(0, 3)}****${o.phone.slice(-4)}`);
    const inboxB = await t.pool.query(`SELECT 1 FROM notifications WHERE account_id = $1`, [memberB.id]);
    expect(inboxB.rows).toHaveLength(0);

    const listA = await call(t, 'GET', `/bindings?status=pending&estateId=${estate.estateId}`, memberA.cookie);
    expect(listA.json().items.map((b: { id: number }) => b.id)).toContain(binding.id);
    // the reviewer sees the phone the code went to, masked, and that it was verified
    const shown = listA.json().items.find((b: { id: number }) => b.id === binding.id);
    expect(shown).toMatchObject({ accountPhone: `${o.phone.slice(0, 3)}****${o.phone.slice(-4)}`, phoneVerified: true });
    expect(listA.body).not.toContain(o.phone);
    const listB = await call(t, 'GET', '/bindings?status=pending', memberB.cookie);
    expect(listB.json().items).toEqual([]);
    const foreign = await call(t, 'POST', `/bindings/${binding.id}/approve`, memberB.cookie);
    expect(foreign.statusCode).toBe(404);
    expect((await call(t, 'POST', `/bindings/${binding.id}/reject`, memberB.cookie, { note: '不符' })).statusCode).toBe(404);

    const ok = await call(t, 'POST', `/bindings/${binding.id}/approve`, memberA.cookie);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('approved');
    const after = (await call(t, 'GET', '/my/units', o.cookie)).json();
    expect(after.units.map((u: { unitId: number }) => u.unitId)).toEqual([estate.unitId]);
    expect(after.requests).toEqual([]);
    const told = await t.pool.query(`SELECT subject FROM notifications WHERE channel = 'inbox' AND account_id = $1`, [o.accountId]);
    expect(told.rows.map((r) => r.subject)).toEqual(['房屋绑定已通过']);
    const audit = await t.pool.query(`SELECT actor_account_id FROM audit_events WHERE action = 'binding.approve' AND target_id = $1`, [String(binding.id)]);
    expect(audit.rows.map((r) => Number(r.actor_account_id))).toEqual([memberA.id]);
    // only pending requests can be reviewed
    expect((await call(t, 'POST', `/bindings/${binding.id}/reject`, memberA.cookie, { note: '重复' })).statusCode).toBe(409);
  });

  it('committee member: rejects with a reason the owner sees; the owner may ask again', async () => {
    const o = await newOwnerSession(t);
    const binding = (await call(t, 'POST', '/bindings/roster-match', o.cookie, match({ code: await bindingCode(t, o) }))).json();
    expect((await call(t, 'POST', '/bindings/roster-match', o.cookie, match({ code: await bindingCode(t, o) }))).statusCode).toBe(409);
    expect((await call(t, 'POST', `/bindings/${binding.id}/reject`, memberA.cookie, {})).statusCode).toBe(400);
    const res = await call(t, 'POST', `/bindings/${binding.id}/reject`, memberA.cookie, { note: '请携带房产证到业委会办公室核实' });
    expect(res.statusCode).toBe(200);
    const mine = (await call(t, 'GET', '/my/units', o.cookie)).json();
    expect(mine.requests).toEqual([expect.objectContaining({ id: binding.id, status: 'rejected', reviewNote: '请携带房产证到业委会办公室核实' })]);
    expect((await call(t, 'POST', '/bindings/roster-match', o.cookie, match({ code: await bindingCode(t, o) }))).statusCode).toBe(200);
  });

  it('community officer: reviews requests in estates of the community', async () => {
    const officer = await createTestAccount(t.pool, { grants: [{ role: 'community_officer', scopeId: estate.communityId }] });
    const cookie = await loginAs(t, officer);
    const o = await newOwnerSession(t);
    const unit = await createUnit(t.pool, { estateId: estate.estateId, buildingId: await createBuilding(t.pool, { estateId: estate.estateId, name: '2栋' }), number: '201' });
    const owner = await createOwner(t.pool, { name: '钱七', idNumber: '110105194912310021' });
    await createOwnership(t.pool, { unitId: unit, ownerId: owner });
    const code = await bindingCode(t, o);
    const binding = (await call(t, 'POST', '/bindings/roster-match', o.cookie, match({ building: '2栋', unit: '201', name: '钱七', idLast4: '0021', code }))).json();
    expect((await call(t, 'POST', `/bindings/${binding.id}/approve`, cookie)).statusCode).toBe(200);
  });

  it('owner: cannot review bindings (403)', async () => {
    const o = await newOwnerSession(t);
    expect((await call(t, 'GET', '/bindings', o.cookie)).statusCode).toBe(403);
  });

  it('account without roles: binding gives it the owner role', async () => {
    const phone = uniquePhone();
    const bare = await createTestAccount(t.pool, { phone });
    const cookie = await loginAs(t, bare);
    expect((await call(t, 'GET', '/my/units', cookie)).statusCode).toBe(403);
    const res = await call(t, 'POST', '/bindings/roster-match', cookie, match({ code: await bindingCode(t, { cookie, phone }) }));
    expect(res.statusCode).toBe(200);
    const me = (await call(t, 'GET', '/auth/me', cookie)).json();
    expect(me.grants.map((g: { role: string }) => g.role)).toEqual(['owner']);
    expect(me.permissions).toContain('my.units');
  });

  it('auditor of the chain: every sign-in and binding event above forms an intact hash chain', async () => {
    const r = await verifyAuditChain(t.pool);
    expect(r.ok).toBe(true);
    expect(r.checked).toBeGreaterThan(10);
  });
});
