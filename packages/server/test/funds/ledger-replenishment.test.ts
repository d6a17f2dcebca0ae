import { beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, ledgerWorld, type LedgerWorld } from './ledger-fixture.ts';

// The replenishment offer (part F2): a building below 30% → a matter-6 item limited to that
// building on a draft meeting of the estate (new or existing), through the meetings use cases.

let t: TestApp;
let w: LedgerWorld;
const DAY = 86_400_000;
const window = () => ({ votingOpensAt: new Date(Date.now() + 20 * DAY).toISOString(), votingClosesAt: new Date(Date.now() + 27 * DAY).toISOString() });
const url = () => `/estates/${w.a.estateId}/fund/buildings/${w.a.buildingIds[1]}/replenishment-item`;

beforeAll(async () => {
  t = await createTestApp();
  w = await ledgerWorld(t);
  const d = api(t, w.a.district);
  await d.post(`/estates/${w.a.estateId}/fund/deposits`, { kind: 'deposit', bookedOn: '2025-01-10', buildingIds: w.a.buildingIds, rateFenPerSqm: 10_000 });
  await d.post(`/fund/units/${w.a.unitIds[2]}/refunds`, { amountFen: 700_000, payee: '施工单位', reason: '历史维修' });
});

describe('replenishment item', () => {
  it('committee chair: creates a draft meeting with a matter-6 item scoped to the building below the line', async () => {
    const res = await api(t, w.a.committee).post(url(), { newMeeting: { title: '2栋续筹维修资金业主大会', ...window() } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: true });
    const m = await api(t, w.a.committee).get(`/meetings/${res.json().meetingId}`);
    expect(m.json()).toMatchObject({ state: 'draft', convenerKind: 'committee', estateId: w.a.estateId });
    expect(m.json().items).toEqual([expect.objectContaining({ matter: 6, title: '2栋续筹住宅专项维修资金', scope: { buildings: ['2栋'] } })]);
    expect(m.json().items[0].description).toContain('已低于 30%');
  });

  it('committee chair: appends the item to an existing draft after its items, once', async () => {
    const create = await api(t, w.a.committee).post('/meetings', {
      estateId: w.a.estateId, title: '年度业主大会', convenerKind: 'committee', convenerName: '第一届业主委员会', rules: 'civil-code-2021',
      householdCount: 3, ...window(), items: [{ kind: 'matter', matter: 1, title: '修订管理规约' }],
    });
    expect(create.statusCode, create.body).toBe(200);
    const meetingId = create.json().id;
    const first = await api(t, w.a.committee).post(url(), { meetingId });
    expect(first.statusCode, first.body).toBe(200);
    const again = await api(t, w.a.committee).post(url(), { meetingId });
    expect(again.json().itemId).toBe(first.json().itemId);
    const items = (await api(t, w.a.committee).get(`/meetings/${meetingId}`)).json().items;
    expect(items.map((i: { position: number; matter: number }) => [i.position, i.matter])).toEqual([[1, 1], [2, 6]]);
  });

  it('committee chair: a meeting past its draft is refused and keeps its items', async () => {
    const create = await api(t, w.a.committee).post('/meetings', {
      estateId: w.a.estateId, title: '已提交的会议', convenerKind: 'committee', convenerName: '业委会', rules: 'civil-code-2021',
      householdCount: 3, ...window(), items: [{ kind: 'matter', matter: 1, title: '事项' }],
    });
    const meetingId = create.json().id;
    expect((await api(t, w.a.committee).post(`/meetings/${meetingId}/submit`)).statusCode).toBe(200);
    const res = await api(t, w.a.committee).post(url(), { meetingId });
    expect(res.statusCode).toBe(409);
    const n = await t.pool.query(`SELECT count(*)::int AS n FROM meeting_items WHERE meeting_id = $1`, [meetingId]);
    expect(n.rows[0].n).toBe(1);
  });

  it("committee chair: another estate's building or meeting is not found", async () => {
    const foreign = await api(t, w.a.committee).post(`/estates/${w.a.estateId}/fund/buildings/${w.b.buildingIds[0]}/replenishment-item`, { newMeeting: { title: 'x', ...window() } });
    expect(foreign.statusCode).toBe(404);
    const other = await api(t, w.a.committee).post(`/estates/${w.b.estateId}/fund/buildings/${w.b.buildingIds[0]}/replenishment-item`, { newMeeting: { title: 'x', ...window() } });
    expect(other.statusCode).toBe(404);
  });

  it('property manager: may not put items on meetings (403); district officer neither', async () => {
    const pm = await signedInAs(t, { role: 'property_manager', scopeId: null });
    expect((await api(t, pm).post(url(), { newMeeting: { title: 'x', ...window() } })).statusCode).toBe(403);
    expect((await api(t, w.a.district).post(url(), { newMeeting: { title: 'x', ...window() } })).statusCode).toBe(403);
  });
});
