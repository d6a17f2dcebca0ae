import { beforeAll, describe, expect, it } from 'vitest';
import { meetingBody } from '../meetings/support.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, appRow, auditCount, createDraft, fundEstate, upload, type FundEstate } from './applications-support.ts';

// The ordinary path (F3): the committee puts a submitted application to the owners as a matter-5
// item limited to its scope, in a draft meeting of the estate (new, or one it convenes already);
// and the owner's view of the applications that charge their units.

let t: TestApp;
let e: FundEstate;
const DAY = 86_400_000;
const window = (over: Record<string, unknown> = {}) => ({
  newMeeting: {
    title: '2026年第二次业主大会会议', votingOpensAt: new Date(Date.now() + 20 * DAY).toISOString(),
    votingClosesAt: new Date(Date.now() + 27 * DAY).toISOString(), ...over,
  },
});

beforeAll(async () => {
  t = await createTestApp();
  e = await fundEstate(t);
});

async function submitted(over: Record<string, unknown> = {}, who = e.convener): Promise<number> {
  const id = await createDraft(t, e, who, over);
  const res = await api(t, 'POST', `/fund/applications/${id}/submit`, who);
  if (res.statusCode !== 200) throw new Error(res.body);
  return id;
}
const items = async (meetingId: number) =>
  (await t.pool.query(`SELECT id, position, matter, title, scope FROM meeting_items WHERE meeting_id = $1 ORDER BY position`, [meetingId])).rows;
const putToVote = (id: number, body: unknown, who = e.convener) => api(t, 'POST', `/fund/applications/${id}/put-to-vote`, who, body);

describe('put to vote', () => {
  it('committee chair: puts a 1栋 application to a new draft meeting as a matter-5 item limited to 1栋', async () => {
    const id = await submitted();
    const res = await putToVote(id, window());
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out).toMatchObject({ id, state: 'in_vote', stateLabel: '业主表决中' });
    const m = (await t.pool.query(`SELECT * FROM meetings WHERE id = $1`, [out.meetingId])).rows[0];
    expect(m).toMatchObject({ estate_id: e.estateId, state: 'draft', convener_kind: 'committee', title: '2026年第二次业主大会会议' });
    const it = await items(out.meetingId);
    expect(it).toHaveLength(1);
    expect(it[0]).toMatchObject({ id: out.itemId, matter: 5, scope: { buildings: ['1栋'] } });
    expect(it[0].title).toBe('使用专项维修资金：1栋电梯主板更换');
    expect(await appRow(t, id)).toMatchObject({ meeting_id: out.meetingId, meeting_item_id: out.itemId });
    expect(await auditCount(t, id, 'fund.application.put_to_vote')).toBe(1);
    const d = (await api(t, 'GET', `/fund/applications/${id}`, e.convener)).json();
    expect(d.meeting).toMatchObject({ meetingId: out.meetingId, itemId: out.itemId, state: 'draft' });
    expect(d.availableActions).toEqual([]);
    // the meetings module shows the item with its scope, as it would any other
    const md = (await api(t, 'GET', `/meetings/${out.meetingId}`, e.convener)).json();
    expect(md.items[0]).toMatchObject({ matter: 5, scope: { buildings: ['1栋'] } });
  });

  it('committee chair: appends to a draft meeting it convenes, after its items; two applications, two items', async () => {
    const mres = await api(t, 'POST', '/meetings', e.convener, meetingBody(e.estateId));
    expect(mres.statusCode, mres.body).toBe(200);
    const meetingId = mres.json().id;
    const before = await items(meetingId);
    const a1 = await submitted({ scopeKind: 'units', buildingIds: [], unitIds: [e.unit('2栋-104'), e.unit('1栋-102'), e.unit('2栋-101')], budgetFen: 9_000 });
    const r1 = await putToVote(a1, { meetingId });
    expect(r1.statusCode, r1.body).toBe(200);
    const a2 = await submitted({ scopeKind: 'facility', facilityName: '2栋水泵', buildingIds: [], unitIds: [e.unit('2栋-102')], budgetFen: 1_000 });
    const r2 = await putToVote(a2, { meetingId });
    expect(r2.statusCode, r2.body).toBe(200);
    const after = await items(meetingId);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((x) => [x.id, x.position, x.matter, x.scope])).toEqual([
      [r1.json().itemId, 3, 5, { units: ['1栋-102', '2栋-101', '2栋-104'] }],
      [r2.json().itemId, 4, 5, { units: ['2栋-102'] }],
    ]);
  });

  it('committee chair: a draft meeting holding a fund item cannot be replaced wholesale (409, not a database error)', async () => {
    const meetingId = (await api(t, 'POST', '/meetings', e.convener, meetingBody(e.estateId))).json().id;
    const id = await submitted();
    expect((await putToVote(id, { meetingId })).statusCode).toBe(200);
    const before = await items(meetingId);
    const { estateId: _omit, ...body } = meetingBody(e.estateId);
    const res = await api(t, 'PUT', `/meetings/${meetingId}`, e.convener, body);
    expect(res.statusCode).toBe(409);
    expect(res.json().details.fundApplicationIds).toEqual([id]);
    expect(await items(meetingId)).toEqual(before);
  });

  it('committee chair: a meeting past draft, or of another estate, is refused naming body.meetingId; nothing changes', async () => {
    const other = await fundEstate(t);
    const foreign = (await api(t, 'POST', '/meetings', other.convener, meetingBody(other.estateId))).json().id;
    const mine = (await api(t, 'POST', '/meetings', e.convener, meetingBody(e.estateId))).json().id;
    expect((await api(t, 'POST', `/meetings/${mine}/submit`, e.convener, {})).statusCode).toBe(200);
    const id = await submitted();
    for (const meetingId of [mine, foreign, 999_999]) {
      const res = await putToVote(id, { meetingId });
      expect(res.statusCode).toBe(400);
      expect(res.json().details.issues[0].field).toBe('body.meetingId');
    }
    expect(await appRow(t, id)).toMatchObject({ state: 'submitted', meeting_id: null });
    expect((await items(mine))).toHaveLength(2);
    expect((await items(foreign))).toHaveLength(2);
  });

  it('committee chair: a new meeting whose voting window is wrong is refused naming body.newMeeting; no meeting is made', async () => {
    const id = await submitted();
    const count = async () => (await t.pool.query(`SELECT count(*)::int AS n FROM meetings WHERE estate_id = $1`, [e.estateId])).rows[0].n;
    const n = await count();
    const res = await putToVote(id, window({ votingOpensAt: new Date(Date.now() - DAY).toISOString() }));
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues.map((i: { field: string }) => i.field)).toContain('body.newMeeting.votingOpensAt');
    expect(await count()).toBe(n);
    expect((await appRow(t, id)).state).toBe('submitted');
  });

  it('property staff: may not put an application to the vote (403); a draft or an emergency cannot be put to the vote (409)', async () => {
    const company = await submitted({ applicantKind: 'company' }, e.staff);
    expect((await putToVote(company, window(), e.staff)).statusCode).toBe(403);
    expect((await putToVote(company, window())).statusCode).toBe(200); // the committee may
    const draft = await createDraft(t, e, e.convener);
    expect((await putToVote(draft, window())).statusCode).toBe(409);
    const em = await createDraft(t, e, e.convener, { path: 'emergency', emergencyCategory: 'elevator' });
    await upload(t, e.convener, e.estateId, em, 'evidence');
    expect((await api(t, 'POST', `/fund/applications/${em}/submit`, e.convener)).statusCode).toBe(200);
    const res = await putToVote(em, window());
    expect(res.statusCode).toBe(409);
    expect(await appRow(t, em)).toMatchObject({ state: 'submitted', meeting_id: null });
  });
});

describe("the owner's view", () => {
  it('owner: sees an application charging their unit from submission on, with their own share and the meeting; not while a draft', async () => {
    const id = await createDraft(t, e, e.convener, { title: '1栋外墙修缮', category: 'exterior_wall', budgetFen: 49_875 });
    const A = e.owners.find((o) => o.name === 'A')!;
    const B = e.owners.find((o) => o.name === 'B')!;
    const mine = async (who: typeof A) => (await api(t, 'GET', '/my/fund/applications', who)).json().items.filter((x: { id: number }) => x.id === id);
    expect(await mine(A)).toEqual([]);
    expect((await api(t, 'GET', `/my/fund/applications/${id}`, A)).statusCode).toBe(404);
    expect((await api(t, 'POST', `/fund/applications/${id}/submit`, e.convener)).statusCode).toBe(200);
    const [a] = await mine(A);
    // 49,875 fen over 498.75 m²: one fen per 0.01 m², exact
    expect(a).toMatchObject({ title: '1栋外墙修缮', state: 'submitted', budgetFen: 49_875, actualCostFen: null, meeting: null });
    expect(a.myShares).toEqual([{ unitId: e.unit('1栋-101'), unit: '1栋-101', areaCenti: 8000, shareFen: 8000, actualFen: null, payer: 'owner' }]);
    const [b] = await mine(B);
    expect(b.myShares.map((s: { unit: string; shareFen: number }) => [s.unit, s.shareFen])).toEqual([['1栋-102', 8125], ['1栋-103', 8250]]);
    const v = await putToVote(id, window());
    const one = (await api(t, 'GET', `/my/fund/applications/${id}`, A)).json();
    expect(one.meeting).toMatchObject({ meetingId: v.json().meetingId, itemId: v.json().itemId });
  });

  it('owner: outside the scope (2栋) or in another estate sees nothing of it', async () => {
    const id = await submitted({ title: '1栋屋面' });
    const G = e.owners.find((o) => o.name === 'G')!;
    expect((await api(t, 'GET', '/my/fund/applications', G)).json().items.map((x: { id: number }) => x.id)).not.toContain(id);
    expect((await api(t, 'GET', `/my/fund/applications/${id}`, G)).statusCode).toBe(404);
    const other = await fundEstate(t);
    const stranger = other.owners[0]!;
    expect((await api(t, 'GET', '/my/fund/applications', stranger)).json().items).toEqual([]);
    expect((await api(t, 'GET', `/my/fund/applications/${id}`, stranger)).statusCode).toBe(404);
    // and officials use their own routes
    expect((await api(t, 'GET', '/my/fund/applications', e.convener)).statusCode).toBe(403);
  });

  it('owner: after settlement sees the actual cost and their actual share beside the share voted on', async () => {
    const id = await submitted({ budgetFen: 49_875 });
    const A = e.owners.find((o) => o.name === 'A')!;
    // what the settlement (F5) leaves behind: the actual cost and each unit's actual share
    await t.pool.query(`UPDATE fund_application_shares SET actual_fen = share_fen - 800 WHERE application_id = $1`, [id]);
    await t.pool.query(`UPDATE fund_applications SET actual_cost_fen = 45_075 WHERE id = $1`, [id]);
    expect((await api(t, 'GET', `/my/fund/applications/${id}`, A)).json().myShares[0].actualFen).toBeNull();
    await t.pool.query(`UPDATE fund_applications SET state = 'settled', settled_at = now() WHERE id = $1`, [id]);
    const v = (await api(t, 'GET', `/my/fund/applications/${id}`, A)).json();
    expect(v).toMatchObject({ state: 'settled', actualCostFen: 45_075 });
    expect(v.myShares[0]).toMatchObject({ unit: '1栋-101', shareFen: 8000, actualFen: 7200 });
  });
});
