import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/platform/audit.ts';
import { withTx } from '../../src/platform/db.ts';
import { notify, notifyMany } from '../../src/platform/notify/notify.ts';
import { EmailSender, type MailMessage } from '../../src/platform/notify/sender.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createWorld, signIn, type Actor, type World } from './factories.ts';

let t: TestApp;
let w: World;
let ownerA: Actor; // bound to a unit in estate A
let ownerA2: Actor;
let ownerB: Actor; // bound in estate B
let chairA: Actor;
let memberA: Actor;
let communityA: Actor; // community officer over estate A only

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.pool);
  ownerA = await signIn(t.pool, { role: 'owner', units: [{ unitId: w.unitA1, estateId: w.estateA }] });
  ownerA2 = await signIn(t.pool, { role: 'owner', units: [{ unitId: w.unitA2, estateId: w.estateA }] });
  ownerB = await signIn(t.pool, { role: 'owner', units: [{ unitId: w.unitB1, estateId: w.estateB }] });
  chairA = await signIn(t.pool, { role: 'committee_chair', scopeId: w.estateA });
  memberA = await signIn(t.pool, { role: 'committee_member', scopeId: w.estateA });
  communityA = await signIn(t.pool, { role: 'community_officer', scopeId: w.communityA });
});

const inbox = (a: Actor, q = '') => t.request({ method: 'GET', url: `/api/v1/notifications${q}`, cookie: a.cookie });
const send = (a: Actor, body: unknown) => t.request({ method: 'POST', url: '/api/v1/notifications/send', cookie: a.cookie, body });

describe('notifications', () => {
  it('committee chair: sends a notice to the owners of the estate, audited with the count', async () => {
    const res = await send(chairA, { estateId: w.estateA, subject: '停水通知', body: '明日 9:00-12:00 停水', audience: 'owners' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ count: 2 });
    for (const o of [ownerA, ownerA2]) {
      const box = (await inbox(o)).json();
      expect(box.unread).toBe(1);
      expect(box.items[0]).toMatchObject({ subject: '停水通知', body: '明日 9:00-12:00 停水', readAt: null });
    }
    expect((await inbox(ownerB)).json()).toMatchObject({ total: 0, unread: 0 });
    expect((await inbox(chairA)).json().total).toBe(0);
    const audit = await t.pool.query(`SELECT estate_id, summary, actor_account_id FROM audit_events WHERE action = 'notification.send'`);
    expect(audit.rows).toEqual([{ estate_id: w.estateA, actor_account_id: chairA.accountId, summary: { audience: 'owners', subject: '停水通知', count: 2 } }]);
  });

  it('community officer: sends to the committee of an estate in the community', async () => {
    const res = await send(communityA, { estateId: w.estateA, subject: '会议', body: '周五开会', audience: 'committee' });
    expect(res.json()).toEqual({ count: 2 });
    expect((await inbox(memberA)).json().items[0].subject).toBe('会议');
    expect((await inbox(chairA)).json().items[0].subject).toBe('会议');
    expect((await inbox(ownerA)).json().items.map((i: { subject: string }) => i.subject)).not.toContain('会议');
  });

  it("committee chair: cannot send to another estate (404), nothing is recorded", async () => {
    const before = await t.pool.query('SELECT count(*)::int AS n FROM notifications');
    const res = await send(chairA, { estateId: w.estateB, subject: 'x', body: 'y', audience: 'owners' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
    const after = await t.pool.query('SELECT count(*)::int AS n FROM notifications');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('owner: may not send notices (403); a bad audience is a 400 naming the field', async () => {
    const res = await send(ownerA, { estateId: w.estateA, subject: 'x', body: 'y', audience: 'owners' });
    expect(res.statusCode).toBe(403);
    const bad = await send(chairA, { estateId: w.estateA, subject: 'x', body: 'y', audience: 'everyone' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.audience');
  });

  it('anyone signed out: the inbox needs a session', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/notifications' });
    expect(res.statusCode).toBe(401);
  });

  it('owner: marks own message read; cannot mark another person\'s (404)', async () => {
    const mine = (await inbox(ownerA)).json().items[0];
    const theirs = (await inbox(ownerA2)).json().items[0];
    const other = await t.request({ method: 'POST', url: `/api/v1/notifications/${theirs.id}/read`, cookie: ownerA.cookie });
    expect(other.statusCode).toBe(404);
    expect((await inbox(ownerA2)).json().unread).toBe(1);
    const res = await t.request({ method: 'POST', url: `/api/v1/notifications/${mine.id}/read`, cookie: ownerA.cookie });
    expect(res.statusCode).toBe(200);
    const box = (await inbox(ownerA)).json();
    expect(box.unread).toBe(0);
    expect(box.items[0].readAt).not.toBeNull();
  });

  it('owner: read-all clears the unread count; pages and unreadOnly filter the list', async () => {
    await withTx(t.pool, (db) => notifyMany(db, { accountIds: [ownerA2.accountId, ownerA2.accountId], subject: '二', body: 'b' }));
    await withTx(t.pool, (db) => notifyMany(db, { accountIds: [ownerA2.accountId], subject: '三', body: 'c' }));
    const box = (await inbox(ownerA2, '?pageSize=2')).json();
    expect(box).toMatchObject({ total: 3, unread: 3, page: 1, pageSize: 2 });
    expect(box.items.map((i: { subject: string }) => i.subject)).toEqual(['三', '二']);
    const res = await t.request({ method: 'POST', url: '/api/v1/notifications/read-all', cookie: ownerA2.cookie });
    expect(res.json()).toEqual({ count: 3 });
    expect((await inbox(ownerA2)).json().unread).toBe(0);
    expect((await inbox(ownerA2, '?unreadOnly=true')).json().total).toBe(0);
    expect((await inbox(ownerA)).json().unread).toBe(0);
    expect(await verifyAuditChain(t.pool)).toMatchObject({ ok: true });
  });

  it('e-mail adapter: hands mail to the transport and records it sent; a failing transport is recorded failed', async () => {
    const outbox: MailMessage[] = [];
    const good = new EmailSender({ from: 'noreply@gongzhi.example', transport: async (m) => { outbox.push(m); } });
    const bad = new EmailSender({ from: 'noreply@gongzhi.example', transport: async () => { throw new Error('SMTP 421'); } });
    const [okId, failId] = await withTx(t.pool, async (db) => [
      await notify(db, good, { channel: 'email', accountId: ownerA.accountId, to: 'a@example.com', subject: '通知', body: '正文' }),
      await notify(db, bad, { channel: 'email', to: 'b@example.com', subject: '通知', body: '正文' }),
    ]);
    expect(outbox).toEqual([{ from: 'noreply@gongzhi.example', to: 'a@example.com', subject: '通知', text: '正文' }]);
    const rows = (await t.pool.query('SELECT id, status, error, sent_at IS NOT NULL AS sent FROM notifications WHERE id = ANY($1) ORDER BY id', [[okId, failId]])).rows;
    expect(rows[0]).toMatchObject({ status: 'sent', sent: true });
    expect(rows[1]).toMatchObject({ status: 'failed', sent: false });
    expect(rows[1].error).toContain('SMTP 421');
  });
});
