import { beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../src/platform/audit.ts';
import { withTx } from '../../src/platform/db.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createWorld, signIn, type Actor, type World } from './factories.ts';

let t: TestApp;
let w: World;
let admin: Actor;
let cityOfficer: Actor;
let streetOfficer: Actor;
let communityB: Actor;
let chairA: Actor;
let memberB: Actor;
let owner: Actor;

type Ev = { seq: number; action: string; estateId: number | null; actorAccountId: number | null; actorName: string | null };
const get = async (a: Actor, q = '') => {
  const res = await t.request({ method: 'GET', url: `/api/v1/audit-events${q}`, cookie: a.cookie });
  return res;
};
const items = async (a: Actor, q = '') => (await get(a, q)).json().items as Ev[];

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.pool);
  admin = await signIn(t.pool, { role: 'admin', scopeId: w.cityId });
  cityOfficer = await signIn(t.pool, { role: 'city_officer', scopeId: w.cityId });
  const street = (await t.pool.query(`SELECT parent_id FROM regions WHERE id = $1`, [w.communityA])).rows[0].parent_id;
  streetOfficer = await signIn(t.pool, { role: 'street_officer', scopeId: street });
  communityB = await signIn(t.pool, { role: 'community_officer', scopeId: w.communityB });
  chairA = await signIn(t.pool, { role: 'committee_chair', scopeId: w.estateA, name: '甲主任' });
  memberB = await signIn(t.pool, { role: 'committee_member', scopeId: w.estateB });
  owner = await signIn(t.pool, { role: 'owner', units: [{ unitId: w.unitA1, estateId: w.estateA }] });
  // events: two in estate A by the chair, one in estate B, one platform-wide (no estate), one old
  const actor = (id: number | null, role: string | null) => ({ accountId: id, role, ip: '10.0.0.1' });
  await withTx(t.pool, async (db) => {
    await appendAudit(db, actor(chairA.accountId, 'committee_chair'), { action: 'unit.update', targetType: 'unit', targetId: w.unitA1, estateId: w.estateA, summary: { areaCenti: [8850, 8900] } });
    await appendAudit(db, actor(chairA.accountId, 'committee_chair'), { action: 'invitation.issue', targetType: 'unit', targetId: w.unitA2, estateId: w.estateA });
    await appendAudit(db, actor(memberB.accountId, 'committee_member'), { action: 'unit.update', targetType: 'unit', targetId: w.unitB1, estateId: w.estateB });
    await appendAudit(db, actor(admin.accountId, 'admin'), { action: 'account.create', targetType: 'account', targetId: 99 });
  });
  // and one with no actor (a failed sign-in, say) in estate A
  await withTx(t.pool, async (db) => {
    const seq = await appendAudit(db, actor(null, null), { action: 'auth.login', targetType: 'account', estateId: w.estateA });
    expect(seq).toBe(5);
  });
});

describe('audit events', () => {
  it('admin: sees every event, platform-wide ones too, newest first, with actor names', async () => {
    const res = await get(admin);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(5);
    expect(body.items.map((e: Ev) => e.seq)).toEqual([5, 4, 3, 2, 1]);
    expect(body.items.find((e: Ev) => e.seq === 1)).toMatchObject({ actorName: '甲主任', actorRole: 'committee_chair', summary: { areaCenti: [8850, 8900] }, clientIp: '10.0.0.1' });
  });

  it('city officer: region at the root, sees platform-wide events', async () => {
    expect((await items(cityOfficer)).map((e) => e.seq)).toContain(4);
  });

  it('street officer: sees both estates of the street but not platform-wide events', async () => {
    expect((await items(streetOfficer)).map((e) => e.seq)).toEqual([5, 3, 2, 1]);
  });

  it("committee chair: sees only the own estate's events", async () => {
    expect((await items(chairA)).map((e) => e.seq)).toEqual([5, 2, 1]);
  });

  it('community officer and committee member of estate B: see only estate B', async () => {
    expect((await items(communityB)).map((e) => e.seq)).toEqual([3]);
    expect((await items(memberB)).map((e) => e.seq)).toEqual([3]);
  });

  it('owner: may not read the audit log (403)', async () => {
    expect((await get(owner)).statusCode).toBe(403);
  });

  it('admin: filters by action, target type, actor and estate, and pages', async () => {
    expect((await items(admin, '?action=unit.update')).map((e) => e.seq)).toEqual([3, 1]);
    expect((await items(admin, '?targetType=account')).map((e) => e.seq)).toEqual([5, 4]);
    expect((await items(admin, `?actorAccountId=${chairA.accountId}`)).map((e) => e.seq)).toEqual([2, 1]);
    expect((await items(admin, `?estateId=${w.estateB}`)).map((e) => e.seq)).toEqual([3]);
    const p2 = (await get(admin, '?pageSize=2&page=2')).json();
    expect(p2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(p2.items.map((e: Ev) => e.seq)).toEqual([3, 2]);
  });

  it('committee chair: a filter cannot widen the scope', async () => {
    expect(await items(chairA, `?estateId=${w.estateB}`)).toEqual([]);
  });

  it('admin: from / to are days in China time, both inclusive', async () => {
    // move two events' timestamps (allowed here only by bypassing the trigger; hashes are
    // irrelevant to the filter)
    await withTx(t.pool, async (db) => {
      await db.query('SET LOCAL session_replication_role = replica');
      await db.query(`UPDATE audit_events SET at = '2024-03-01T16:30:00Z' WHERE seq = 1`); // 2024-03-02 00:30 in China
      await db.query(`UPDATE audit_events SET at = '2024-03-01T15:30:00Z' WHERE seq = 2`); // 2024-03-01 23:30 in China
    });
    expect((await items(admin, '?from=2024-03-02&to=2024-03-02')).map((e) => e.seq)).toEqual([1]);
    expect((await items(admin, '?from=2024-03-01&to=2024-03-01')).map((e) => e.seq)).toEqual([2]);
    expect((await items(admin, '?to=2024-03-31')).map((e) => e.seq)).toEqual([2, 1]);
    const bad = await get(admin, '?from=2024-03-05&to=2024-03-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('query.to');
    const badDate = await get(admin, '?from=yesterday');
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().details.issues[0].field).toBe('querystring.from');
  });
});
