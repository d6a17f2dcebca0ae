import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { accountWithPhone, api, auditActions, counts, currentBallots, upload } from './proxies-paper-fixture.ts';
import { closeMeeting, openMeeting, type OpenedMeeting, type Signed } from './support.ts';

// Proxies (委托投票): an owner (or the convener) registers a holder with a written authorisation;
// the convener approves; then — and only then — the holder votes for the owner.

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });

async function ownerRegisters(m: OpenedMeeting, ownerName: string, holder: { phone: string }, over: Record<string, unknown> = {}) {
  const owner = m.owner(ownerName);
  const attachmentId = await upload(t, owner, m.estateId, m.meetingId);
  return api(t, 'POST', `/my/meetings/${m.meetingId}/proxies`, owner, { holderPhone: holder.phone, attachmentId, ...over });
}

async function approve(m: OpenedMeeting, proxyId: number) {
  const res = await api(t, 'POST', `/meetings/${m.meetingId}/proxies/${proxyId}/approve`, m.convener);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const cast = (m: OpenedMeeting, who: Signed, body: unknown) =>
  api(t, 'POST', `/meetings/${m.meetingId}/ballots`, who, body, { 'idempotency-key': `k-${Math.random()}` });

describe('proxies', () => {
  it('owner: names a registered holder by phone with the written authorisation; pending until the convener approves', async () => {
    const m = await openMeeting(t);
    const holder = await accountWithPhone(t);
    const res = await ownerRegisters(m, 'A', holder, { holderName: '张代理' });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({
      status: 'pending', voterKey: m.owner('A').voterKey, ownerId: m.owner('A').ownerId, holderAccountId: holder.accountId,
      holderName: '张代理', requestedBy: m.owner('A').accountId, units: ['1栋-101'],
    });
    expect(p.holderPhone).toBe(`${holder.phone.slice(0, 3)}****${holder.phone.slice(-4)}`);

    const list = await api(t, 'GET', `/meetings/${m.meetingId}/proxies?status=pending`, m.street);
    expect(list.json().items.map((x: { id: number }) => x.id)).toEqual([p.id]);
    const mine = await api(t, 'GET', '/my/proxies', holder);
    expect(mine.json().held).toMatchObject([{ id: p.id, status: 'pending', meetingId: m.meetingId, estateId: m.estateId }]);
    const granted = await api(t, 'GET', '/my/proxies', m.owner('A'));
    expect(granted.json().granted.map((x: { id: number }) => x.id)).toEqual([p.id]);

    const approved = await approve(m, p.id);
    expect(approved).toMatchObject({ status: 'approved', reviewedBy: m.convener.accountId });
    expect(await auditActions(t, 'meeting_proxy', p.id)).toEqual(['meeting.proxy.register', 'meeting.proxy.approve']);
    const inbox = await api(t, 'GET', '/notifications', holder);
    expect(inbox.body).toContain('投票代理人');
    expect((await api(t, 'GET', `/meetings/${m.meetingId}/proxies?status=approved`, m.convener)).json().items).toHaveLength(1);
  });

  it('proxy holder: with an approved proxy votes for the owner; the ballot carries the proxy and counts', async () => {
    const m = await openMeeting(t);
    const holder = await accountWithPhone(t);
    const a = m.owner('A');
    const p = (await ownerRegisters(m, 'A', holder)).json();
    await approve(m, p.id);
    const res = await cast(m, holder, { voterKey: a.voterKey, votes: [{ itemId: m.itemIds[0], choice: 'yes' }] });
    expect(res.statusCode, res.body).toBe(200);
    const cur = await currentBallots(t, m.meetingId, a.voterKey);
    expect(cur).toMatchObject([{ item_id: m.itemIds[0], channel: 'online', choice: 'yes', proxy_id: p.id }]);
    expect(Number(cur[0]!.cast_by_account_id)).toBe(holder.accountId);
    // counted: the tally at close reads the current ballot of the owner's head
    expect(await closeMeeting(t, m.meetingId)).toBe('tallied');
    const r = await t.pool.query('SELECT ballot_count FROM meeting_item_results WHERE item_id = $1', [m.itemIds[0]]);
    expect(Number(r.rows[0].ballot_count)).toBe(1);
  });

  it('proxy holder: a pending or rejected proxy does not let them vote', async () => {
    const m = await openMeeting(t);
    const holder = await accountWithPhone(t);
    const a = m.owner('A');
    const p = (await ownerRegisters(m, 'A', holder)).json();
    const body = { voterKey: a.voterKey, votes: [{ itemId: m.itemIds[0], choice: 'yes' }] };
    // the holder has no unit in this estate: without an approved proxy the meeting does not exist for them
    const pending = await cast(m, holder, body);
    expect(pending.statusCode).toBe(404);
    const rej = await api(t, 'POST', `/meetings/${m.meetingId}/proxies/${p.id}/reject`, m.convener, { reason: '委托书未签名' });
    expect(rej.statusCode, rej.body).toBe(200);
    expect(rej.json()).toMatchObject({ status: 'rejected', reviewNote: '委托书未签名' });
    const rejected = await cast(m, holder, body);
    expect(rejected.statusCode).toBe(404);
    // an owner of the same estate holding only a pending proxy is told they have no vote for that head
    const e = m.owner('E');
    await t.pool.query('UPDATE accounts SET phone = $2 WHERE id = $1', [e.accountId, '13822223333']);
    const ep = (await ownerRegisters(m, 'G', { phone: '13822223333' })).json();
    expect(ep.status).toBe('pending');
    const byE = await cast(m, e, { voterKey: m.owner('G').voterKey, votes: [{ itemId: m.itemIds[0], choice: 'no' }] });
    expect(byE.statusCode).toBe(403);
    expect(await currentBallots(t, m.meetingId, m.owner('G').voterKey)).toEqual([]);
    expect(await currentBallots(t, m.meetingId, a.voterKey)).toEqual([]);
    // the owner hears about the rejection
    expect((await api(t, 'GET', '/notifications', a)).body).toContain('委托书未签名');
  });

  it('owner: the holder must be a registered account; nothing is written otherwise', async () => {
    const m = await openMeeting(t);
    const before = await counts(t, m.meetingId);
    const res = await ownerRegisters(m, 'A', { phone: '13700000001' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.holderPhone');
    expect(res.json().message).toContain('还没有注册');
    const after = await counts(t, m.meetingId);
    // the upload itself is audited; the refused registration adds nothing
    expect({ ...after, audit: after.audit - 1 }).toEqual(before);
  });

  it('owner: bad input names the field and changes nothing', async () => {
    const m = await openMeeting(t);
    const other = await openMeeting(t);
    const a = m.owner('A');
    const holder = await accountWithPhone(t);
    const own = await upload(t, a, m.estateId, m.meetingId);
    const byOtherOwner = await upload(t, m.owner('B'), m.estateId, m.meetingId);
    const foreign = await upload(t, other.convener, other.estateId, other.meetingId);
    const selfPhone = '13811112222';
    await t.pool.query('UPDATE accounts SET phone = $2 WHERE id = $1', [a.accountId, selfPhone]);
    const before = await counts(t, m.meetingId);
    const cases: [Record<string, unknown>, string][] = [
      [{ holderPhone: '12345' }, 'body.holderPhone'],
      [{ holderPhone: selfPhone }, 'body.holderPhone'],
      [{ attachmentId: undefined }, 'body.attachmentId'],
      [{ attachmentId: byOtherOwner }, 'body.attachmentId'],
      [{ attachmentId: foreign }, 'body.attachmentId'],
      [{ attachmentId: 99_999_999 }, 'body.attachmentId'],
      [{ voterKey: m.owner('B').voterKey }, 'body.voterKey'],
      [{ voterKey: 'B' }, 'body.voterKey'],
    ];
    for (const [over, field] of cases) {
      const res = await api(t, 'POST', `/my/meetings/${m.meetingId}/proxies`, a, { holderPhone: holder.phone, attachmentId: own, ...over });
      expect(res.statusCode, `${JSON.stringify(over)} → ${res.body}`).toBe(400);
      expect(res.json().details.issues[0].field, JSON.stringify(over)).toBe(field);
    }
    expect(await counts(t, m.meetingId)).toEqual(before);
    // naming a bound owner of the same head (co-owner D for C's head) is refused: D votes already
    const d = await accountWithPhone(t);
    await t.pool.query('UPDATE accounts SET phone = NULL WHERE id = $1', [d.accountId]);
    await t.pool.query('UPDATE accounts SET phone = $2 WHERE id = $1', [m.owner('D').accountId, d.phone]);
    const cAtt = await upload(t, m.owner('C'), m.estateId, m.meetingId);
    const co = await api(t, 'POST', `/my/meetings/${m.meetingId}/proxies`, m.owner('C'), { holderPhone: d.phone, attachmentId: cAtt });
    expect(co.statusCode).toBe(400);
    expect(co.json().message).toContain('无需委托');
    expect((await counts(t, m.meetingId)).proxies).toBe(0);
  });

  it('owner of another estate: cannot register a proxy in this meeting (404) nor see its proxies', async () => {
    const m = await openMeeting(t);
    const other = await openMeeting(t);
    const stranger = other.owner('A');
    const holder = await accountWithPhone(t);
    const att = await upload(t, stranger, other.estateId, other.meetingId);
    const before = await counts(t, m.meetingId);
    const res = await api(t, 'POST', `/my/meetings/${m.meetingId}/proxies`, stranger, { holderPhone: holder.phone, attachmentId: att });
    expect(res.statusCode).toBe(404);
    expect((await api(t, 'POST', `/meetings/${m.meetingId}/proxies`, other.convener, { voterKey: m.owner('A').voterKey, holderPhone: holder.phone, attachmentId: att })).statusCode).toBe(404);
    expect((await api(t, 'GET', `/meetings/${m.meetingId}/proxies`, other.convener)).statusCode).toBe(404);
    expect(await counts(t, m.meetingId)).toEqual(before);
  });

  it('owner: one live proxy per head; after a rejection a new one may be registered', async () => {
    const m = await openMeeting(t);
    const h1 = await accountWithPhone(t);
    const h2 = await accountWithPhone(t);
    const first = (await ownerRegisters(m, 'B', h1)).json();
    const dup = await ownerRegisters(m, 'B', h2);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toContain(`编号 ${first.id}`);
    await api(t, 'POST', `/meetings/${m.meetingId}/proxies/${first.id}/reject`, m.convener, { reason: '改派他人' });
    const second = await ownerRegisters(m, 'B', h2);
    expect(second.statusCode, second.body).toBe(200);
    // co-owner C registers for the co-owned head; D (same head) then cannot add another
    const c = (await ownerRegisters(m, 'C', h1)).json();
    expect(c.voterKey).toBe(m.owner('C').voterKey);
    expect((await ownerRegisters(m, 'D', h2)).statusCode).toBe(409);
  });

  it('owner + convener at the same moment: ten registrations for one head leave exactly one live proxy', async () => {
    const m = await openMeeting(t);
    const b = m.owner('B');
    const holders = await Promise.all(Array.from({ length: 10 }, () => accountWithPhone(t)));
    const ownAtt = await upload(t, b, m.estateId, m.meetingId);
    const convAtt = await upload(t, m.convener, m.estateId, m.meetingId);
    const res = await Promise.all(holders.map((h, i) => (i % 2
      ? api(t, 'POST', `/my/meetings/${m.meetingId}/proxies`, b, { holderPhone: h.phone, attachmentId: ownAtt })
      : api(t, 'POST', `/meetings/${m.meetingId}/proxies`, m.convener, { voterKey: b.voterKey, holderPhone: h.phone, attachmentId: convAtt }))));
    expect(res.map((r) => r.statusCode).sort()).toEqual([200, ...Array(9).fill(409)]);
    const live = await t.pool.query(`SELECT count(*)::int AS n FROM meeting_proxies WHERE meeting_id = $1 AND status IN ('pending', 'approved')`, [m.meetingId]);
    expect(live.rows[0].n).toBe(1);
  });

  it('convener: registers a proxy for an unbound owner by unit; reviews once; the holder then votes', async () => {
    const m = await openMeeting(t);
    const f = m.unboundOwners[0]!;
    const holder = await accountWithPhone(t);
    const att = await upload(t, m.convener, m.estateId, m.meetingId);
    const res = await api(t, 'POST', `/meetings/${m.meetingId}/proxies`, m.convener, { unitId: f.unitIds[0], holderPhone: holder.phone, attachmentId: att });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ voterKey: f.voterKey, ownerId: f.ownerId, status: 'pending', requestedBy: m.convener.accountId });
    await approve(m, p.id);
    const twice = await api(t, 'POST', `/meetings/${m.meetingId}/proxies/${p.id}/reject`, m.convener, { reason: '重复' });
    expect(twice.statusCode).toBe(409);
    const mine = (await api(t, 'GET', '/my/proxies', holder)).json();
    expect(mine.held).toMatchObject([{ id: p.id, status: 'approved', voterKey: f.voterKey }]);
    const voted = await cast(m, holder, { voterKey: f.voterKey, votes: [{ itemId: m.itemIds[1], approvals: [m.candidateIds[1]] }] });
    expect(voted.statusCode, voted.body).toBe(200);
    expect((await currentBallots(t, m.meetingId, f.voterKey))[0]).toMatchObject({ proxy_id: p.id });
  });

  it('convener: bad input names the field (no head, unit outside the roster, owner not of the head)', async () => {
    const m = await openMeeting(t);
    const other = await openMeeting(t);
    const holder = await accountWithPhone(t);
    const att = await upload(t, m.convener, m.estateId, m.meetingId);
    const before = await counts(t, m.meetingId);
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'body.voterKey'],
      [{ unitId: other.units[0]!.id }, 'body.unitId'],
      [{ voterKey: 'o123456789' }, 'body.voterKey'],
      [{ voterKey: m.owner('A').voterKey, ownerId: m.owner('B').ownerId }, 'body.ownerId'],
      [{ unitId: m.owner('A').unitIds[0], voterKey: m.owner('B').voterKey }, 'body.voterKey'],
    ];
    for (const [over, field] of cases) {
      const res = await api(t, 'POST', `/meetings/${m.meetingId}/proxies`, m.convener, { holderPhone: holder.phone, attachmentId: att, ...over });
      expect(res.statusCode, `${JSON.stringify(over)} → ${res.body}`).toBe(400);
      expect(res.json().details.issues[0].field, JSON.stringify(over)).toBe(field);
    }
    const noReason = await api(t, 'POST', `/meetings/${m.meetingId}/proxies/1/reject`, m.convener, {});
    expect(noReason.statusCode).toBe(400);
    expect(await counts(t, m.meetingId)).toEqual(before);
  });

  it('owner: withdraws an approved proxy; the holder can no longer vote, and the ballot already cast stays', async () => {
    const m = await openMeeting(t);
    const holder = await accountWithPhone(t);
    const a = m.owner('A');
    const p = (await ownerRegisters(m, 'A', holder)).json();
    await approve(m, p.id);
    const first = await cast(m, holder, { voterKey: a.voterKey, votes: [{ itemId: m.itemIds[0], choice: 'no' }] });
    expect(first.statusCode, first.body).toBe(200);
    // another owner of the estate does not reach this head's proxy
    const other = await api(t, 'POST', `/my/meetings/${m.meetingId}/proxies/${p.id}/revoke`, m.owner('B'), {});
    expect(other.statusCode).toBe(404);
    const res = await api(t, 'POST', `/my/meetings/${m.meetingId}/proxies/${p.id}/revoke`, a, { reason: '本人亲自投票' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'revoked', reviewNote: '撤销：本人亲自投票' });
    const again = await cast(m, holder, { voterKey: a.voterKey, votes: [{ itemId: m.itemIds[0], choice: 'yes' }] });
    expect(again.statusCode).toBe(404);
    expect((await currentBallots(t, m.meetingId, a.voterKey)).map((b) => [b.choice, b.proxy_id])).toEqual([['no', p.id]]);
    expect(await auditActions(t, 'meeting_proxy', p.id)).toEqual(['meeting.proxy.register', 'meeting.proxy.approve', 'meeting.proxy.revoke']);
    expect((await api(t, 'GET', '/notifications', holder)).body).toContain('委托已撤销');
    // revoked: a new proxy may be registered; revoking twice is refused
    expect((await api(t, 'POST', `/my/meetings/${m.meetingId}/proxies/${p.id}/revoke`, a, {})).statusCode).toBe(409);
    expect((await ownerRegisters(m, 'A', holder)).statusCode).toBe(200);
  });

  it('convener: withdraws a proxy with a reason (required)', async () => {
    const m = await openMeeting(t);
    const holder = await accountWithPhone(t);
    const p = (await ownerRegisters(m, 'E', holder)).json();
    await approve(m, p.id);
    const noReason = await api(t, 'POST', `/meetings/${m.meetingId}/proxies/${p.id}/revoke`, m.convener, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.issues[0].field).toBe('body.reason');
    const res = await api(t, 'POST', `/meetings/${m.meetingId}/proxies/${p.id}/revoke`, m.convener, { reason: '业主到场书面撤销' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('revoked');
    expect((await api(t, 'GET', `/meetings/${m.meetingId}/proxies?status=revoked`, m.street)).json().items).toHaveLength(1);
  });

  it('owner + convener: proxies are registered and reviewed only from the notice until voting closes', async () => {
    const noticed = await openMeeting(t, { stopAt: 'notice_published' });
    const holder = await accountWithPhone(t);
    const early = await ownerRegisters(noticed, 'E', holder);
    expect(early.statusCode, early.body).toBe(200);

    const draft = await openMeeting(t, { stopAt: 'approved' });
    const tooEarly = await ownerRegisters(draft, 'E', holder);
    expect(tooEarly.statusCode).toBe(409);

    const m = await openMeeting(t);
    const p = (await ownerRegisters(m, 'E', holder)).json();
    await closeMeeting(t, m.meetingId);
    const late = await ownerRegisters(m, 'G', holder);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('INVALID_TRANSITION');
    const review = await api(t, 'POST', `/meetings/${m.meetingId}/proxies/${p.id}/approve`, m.convener);
    expect(review.statusCode).toBe(409);
  });
});
