import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createBuilding, createEstate, createOwner, createOwnership, createRegionTree, createUnit, signedInAs } from '../support/factories.ts';
import { multipart } from '../support/multipart.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { openMeeting, type Signed } from './support.ts';

// The owner's side: meetings from the notice on, in estates where the account has an approved
// binding or holds an approved proxy; the heads (voter keys) it may vote for; attachments.

const call = (t: TestApp, url: string, who: Signed) => t.request({ method: 'GET', url: `/api/v1${url}`, cookie: who.cookie });
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(64)]);

async function upload(t: TestApp, who: Signed, fields: Record<string, string>, name: string): Promise<number> {
  const m = multipart(fields, { name, type: 'image/png', data: PNG });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/attachments', payload: m.payload, headers: { ...m.headers, cookie: who.cookie } });
  if (res.statusCode !== 200) throw new Error(`upload failed ${res.statusCode}: ${res.body}`);
  return res.json().id;
}

describe('meetings: the owner sees meetings from the notice on', () => {
  it('owner: sees nothing of an approved meeting before its notice; after the notice, the notice with items, candidates and attachments', async () => {
    const t = await createTestApp();
    const m = await openMeeting(t, { stopAt: 'approved' });
    const a = m.owner('A');
    expect((await call(t, '/my/meetings', a)).json()).toMatchObject({ items: [], total: 0 });
    expect((await call(t, `/my/meetings/${m.meetingId}`, a)).statusCode).toBe(404);

    const fileId = await upload(t, m.convener, { recordType: 'meeting', recordId: String(m.meetingId), estateId: String(m.estateId) }, '会议公告.png');
    const itemFileId = await upload(t, m.convener, { recordType: 'meeting_item', recordId: String(m.itemIds[0]), estateId: String(m.estateId) }, '议事规则草案.png');
    expect((await t.request({ method: 'POST', url: `/api/v1/meetings/${m.meetingId}/publish-notice`, cookie: m.convener.cookie })).statusCode).toBe(200);

    const list = (await call(t, '/my/meetings', a)).json();
    expect(list.items.map((x: { id: number }) => x.id)).toEqual([m.meetingId]);
    expect(list.items[0]).toMatchObject({ state: 'notice_published', stateLabel: '已公告', estateId: m.estateId });
    const res = await call(t, `/my/meetings/${m.meetingId}`, a);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.items.map((i: { kind: string }) => i.kind)).toEqual(['matter', 'election']);
    expect(view.items[1].candidates.map((c: { id: number }) => c.id)).toEqual(m.candidateIds);
    expect(view.attachments.map((x: { id: number; recordType: string }) => [x.id, x.recordType])).toEqual([[fileId, 'meeting'], [itemFileId, 'meeting_item']]);
    expect(view.voterKeys).toEqual([{ voterKey: a.voterKey, via: 'owner', units: [expect.objectContaining({ building: '1栋', number: '101', areaCenti: 8000 })] }]);
    expect(view.myBallots).toEqual([]);
    expect(res.body).not.toContain('pseudonym');
    // the official view lists the same attachments
    const official = (await call(t, `/meetings/${m.meetingId}`, m.street)).json();
    expect(official.attachments.map((x: { id: number }) => x.id)).toEqual([fileId, itemFileId]);
  });

  it('owner with two units: one head covering both; co-owners: each sees the one shared head', async () => {
    const t = await createTestApp();
    const m = await openMeeting(t);
    const b = (await call(t, `/my/meetings/${m.meetingId}`, m.owner('B'))).json();
    expect(b.voterKeys).toHaveLength(1);
    expect(b.voterKeys[0].voterKey).toBe(m.owner('B').voterKey);
    expect(b.voterKeys[0].units.map((u: { number: string }) => u.number)).toEqual(['102', '103']);
    const c = (await call(t, `/my/meetings/${m.meetingId}`, m.owner('C'))).json();
    const d = (await call(t, `/my/meetings/${m.meetingId}`, m.owner('D'))).json();
    expect(c.voterKeys.map((k: { voterKey: string }) => k.voterKey)).toEqual([m.owner('C').voterKey]);
    expect(d.voterKeys).toEqual(c.voterKeys);
    expect(m.owner('C').voterKey).toMatch(/^o\d+&o\d+$/);
  });

  it('owner: sees their current ballot with its receipt, not anyone else\'s', async () => {
    const t = await createTestApp();
    const m = await openMeeting(t);
    const a = m.owner('A');
    const g = m.owner('G');
    for (const [who, choice] of [[a, 'yes'], [g, 'no']] as const) {
      await t.pool.query(
        `INSERT INTO ballots (meeting_id, item_id, voter_key, cast_by_account_id, channel, choice, status, chain_seq, receipt)
         VALUES ($1, $2, $3, $4, 'online', $5, 'current', $6, $7)`,
        [m.meetingId, m.itemIds[0], who.voterKey, who.accountId, choice, who === a ? 1 : 2, crypto.randomBytes(32).toString('hex')],
      );
    }
    const view = (await call(t, `/my/meetings/${m.meetingId}`, a)).json();
    expect(view.myBallots).toHaveLength(1);
    expect(view.myBallots[0]).toMatchObject({ itemId: m.itemIds[0], voterKey: a.voterKey, choice: 'yes', channel: 'online', approvals: null });
    expect(view.myBallots[0].receipt).toMatch(/^[0-9a-f]{64}$/);
  });

  it('owner of another estate: the meeting is absent (404) and not listed; an official without a binding: an empty list and no meeting (404)', async () => {
    const t = await createTestApp();
    const m = await openMeeting(t, { stopAt: 'notice_published' });
    const region = await createRegionTree(t.pool);
    const otherEstate = await createEstate(t.pool, { communityId: region.communityId });
    // bound (approved) to a unit of their own estate, not of this one
    const buildingId = await createBuilding(t.pool, { estateId: otherEstate, name: '9栋' });
    const unitId = await createUnit(t.pool, { estateId: otherEstate, buildingId, number: '901' });
    const ownerId = await createOwner(t.pool, { name: '他小区业主' });
    await createOwnership(t.pool, { unitId, ownerId });
    const other = await signedInAs(t, { role: 'owner' }, { ownerId });
    await t.pool.query(
      `INSERT INTO bindings (account_id, unit_id, owner_id, estate_id, method, status) VALUES ($1, $2, $3, $4, 'invitation', 'approved')`,
      [other.accountId, unitId, ownerId, otherEstate],
    );
    expect((await call(t, `/my/meetings/${m.meetingId}`, other)).statusCode).toBe(404);
    expect((await call(t, '/my/meetings', other)).json().total).toBe(0);
    const officialList = await call(t, '/my/meetings', m.street);
    expect(officialList.statusCode).toBe(200);
    expect(officialList.json().items).toEqual([]);
    expect((await call(t, `/my/meetings/${m.meetingId}`, m.street)).statusCode).toBe(404);
    expect((await call(t, `/my/meetings/${m.meetingId}/roster`, m.street)).statusCode).toBe(404);
  });

  it('owner whose binding was revoked: no longer sees the meeting', async () => {
    const t = await createTestApp();
    const m = await openMeeting(t, { stopAt: 'notice_published' });
    const e = m.owner('E');
    expect((await call(t, `/my/meetings/${m.meetingId}`, e)).statusCode).toBe(200);
    await t.pool.query(`UPDATE bindings SET status = 'revoked' WHERE account_id = $1`, [e.accountId]);
    expect((await call(t, `/my/meetings/${m.meetingId}`, e)).statusCode).toBe(404);
    expect((await call(t, '/my/meetings', e)).json().total).toBe(0);
  });

  it('proxy holder: an approved proxy shows the meeting and the head held for; a pending one does not', async () => {
    const t = await createTestApp();
    const m = await openMeeting(t);
    const holder = await signedInAs(t, { role: 'owner' });
    const f = m.unboundOwners.find((o) => o.name === 'F')!;
    const ins = await t.pool.query(
      `INSERT INTO meeting_proxies (meeting_id, voter_key, owner_id, holder_account_id, holder_name, status, requested_by)
       VALUES ($1, $2, $3, $4, '代理人', 'pending', $5) RETURNING id`,
      [m.meetingId, f.voterKey, f.ownerId, holder.accountId, m.convener.accountId],
    );
    expect((await call(t, `/my/meetings/${m.meetingId}`, holder)).statusCode).toBe(404);
    await t.pool.query(`UPDATE meeting_proxies SET status = 'approved' WHERE id = $1`, [ins.rows[0].id]);
    const res = await call(t, `/my/meetings/${m.meetingId}`, holder);
    expect(res.statusCode).toBe(200);
    expect(res.json().voterKeys).toEqual([{ voterKey: f.voterKey, via: 'proxy', units: [expect.objectContaining({ building: '1栋', number: '106' })] }]);
    expect((await call(t, '/my/meetings', holder)).json().items.map((x: { id: number }) => x.id)).toEqual([m.meetingId]);
  });
});
