import { COMPANY_COMPLAINT_VERIFIED_TOPIC } from '@gongzhi/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, auditOf, caseRow, escalationWorld, eventsOf, insertCase, type CaseSeed, type EscalationWorld } from './escalation-fixture.ts';

// Duplicates, merging and verified complaints (C3): likely duplicates are suggested to the staff
// holding a case; merging moves the duplicate's owner and followers to the survivor; a complaint
// against the company found true is verified once and leaves an outbox event in the same
// transaction.

let t: TestApp;
let w: EscalationWorld;
const H = 3_600_000;

beforeAll(async () => {
  t = await createTestApp();
  w = await escalationWorld(t);
});

const at = (place: string, o: Partial<CaseSeed> = {}) =>
  insertCase(t, { estateId: w.estateId, category: 'cleaning', locationKind: 'common_area', locationText: place, ...o });

describe('likely duplicates', () => {
  it('property staff: sees cases of the same place and category within 24 hours, running; not other places, categories, times or states', async () => {
    const now = Date.now();
    const id = await at('2号垃圾站', { ownerAccountId: w.owner3.accountId, createdAt: new Date(now) });
    const same = await at(' 2号垃圾站 ', { ownerAccountId: w.owner5.accountId, createdAt: new Date(now - 23 * H) });
    const edge = await at('2号垃圾站', { createdAt: new Date(now + 24 * H) });
    await at('2号垃圾站', { createdAt: new Date(now - 25 * H) });
    await at('3号垃圾站', { createdAt: new Date(now - H) });
    await at('2号垃圾站', { category: 'noise', createdAt: new Date(now - H) });
    await at('2号垃圾站', { state: 'resolved', createdAt: new Date(now - H) });
    const res = await api(t, w.staff).get(`/cases/${id}/duplicates`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().map((c: { id: number }) => c.id).sort()).toEqual([same, edge].sort());
    expect(res.json()[0]).toMatchObject({ estateName: '翠竹苑', category: 'cleaning' });
  });

  it('committee member: a case held by the company is not theirs to merge (403); another estate’s street officer: 404', async () => {
    const id = await at('东门岗亭');
    expect((await api(t, w.committee).get(`/cases/${id}/duplicates`)).statusCode).toBe(403);
    expect((await api(t, w.foreign.street).get(`/cases/${id}/duplicates`)).statusCode).toBe(404);
  });
});

describe('merging', () => {
  it('property staff: merges a duplicate; its owner and followers follow the survivor and see it; both timelines say so; audited', async () => {
    const survivor = await at('北门消防通道', { ownerAccountId: w.owner3.accountId });
    const dup = await at('北门消防通道', { ownerAccountId: w.owner5.accountId, locationKind: 'unit', unitId: w.units.u5 });
    const follower = w.owner3; // owner3 also follows the duplicate: no second row on the survivor (they own it)
    await t.pool.query('INSERT INTO case_followers (case_id, account_id) VALUES ($1, $2)', [dup, follower.accountId]);
    const res = await api(t, w.staff).post(`/cases/${dup}/merge`, { intoCaseId: survivor });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: dup, state: 'merged', mergedIntoId: survivor, nextDueAt: null });
    expect(res.json().mergedInto.id).toBe(survivor);
    const f = (await t.pool.query('SELECT account_id, via_case_id FROM case_followers WHERE case_id = $1 ORDER BY account_id', [survivor])).rows;
    expect(f.map((x) => [Number(x.account_id), Number(x.via_case_id)])).toEqual([[w.owner5.accountId, dup]]);
    // a merged case is out of the running: no second merge
    expect((await api(t, w.staff).post(`/cases/${dup}/merge`, { intoCaseId: survivor })).statusCode).toBe(409);
    // the duplicate's owner now follows the survivor: sees it, and may act on it as a follower
    const seen = await api(t, w.owner5).get(`/my/cases/${survivor}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect((await api(t, w.owner5).post(`/my/cases/${survivor}/escalate`, { toLevel: 'committee', reason: '同一问题久拖未决' })).statusCode).toBe(200);
    expect((await eventsOf(t, dup)).filter((e) => e.kind === 'merged')).toHaveLength(1);
    expect((await eventsOf(t, survivor)).filter((e) => e.kind === 'merged_in')[0].data).toMatchObject({ fromCaseId: dup, followersAdded: 1 });
    const audit = await auditOf(t, 'case.merge', dup);
    expect(audit).toHaveLength(1);
    expect(Number(audit[0].actor_account_id)).toBe(w.staff.accountId);
    // nor an escalation of the merged case itself
    expect((await api(t, w.owner5).post(`/my/cases/${dup}/escalate`, { toLevel: 'committee', reason: '再升级' })).statusCode).toBe(409);
  });

  it('property staff: refused — into itself, into another estate’s case, into a closed case; nothing changes', async () => {
    const id = await at('南门');
    const self = await api(t, w.staff).post(`/cases/${id}/merge`, { intoCaseId: id });
    expect(self.statusCode).toBe(400);
    expect(self.json().details.issues[0].field).toBe('body.intoCaseId');
    const foreign = await insertCase(t, { estateId: w.foreign.estateId });
    const r2 = await api(t, w.staff).post(`/cases/${id}/merge`, { intoCaseId: foreign });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().details.issues[0].field).toBe('body.intoCaseId');
    const closed = await at('南门', { state: 'closed' });
    expect((await api(t, w.staff).post(`/cases/${id}/merge`, { intoCaseId: closed })).statusCode).toBe(409);
    expect((await caseRow(t, id)).state).toBe('open');
    expect(await auditOf(t, 'case.merge', id)).toEqual([]);
  });

  it('property staff: cannot merge away a case escalated above the company into one it holds (403); nothing changes', async () => {
    const mine = await at('东门');
    const escalated = await at('东门', { level: 'community' });
    const res = await api(t, w.staff).post(`/cases/${escalated}/merge`, { intoCaseId: mine });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('社区居委会');
    expect(await caseRow(t, escalated)).toMatchObject({ state: 'open', level: 'community', merged_into_id: null });
    expect(await auditOf(t, 'case.merge', escalated)).toEqual([]);
  });

  it('committee member: cannot merge into a case the company holds (403)', async () => {
    const a = await at('西门');
    const b = await at('西门');
    const res = await api(t, w.committee).post(`/cases/${a}/merge`, { intoCaseId: b });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('物业服务企业');
  });
});

describe('verifying a complaint against the company', () => {
  const outbox = async (caseId: number) =>
    (await t.pool.query(`SELECT topic, payload FROM domain_events WHERE payload->>'caseId' = $1`, [String(caseId)])).rows;

  it('committee member: verifies a company-conduct complaint once; the outbox carries the fact for evaluation', async () => {
    const id = await insertCase(t, { estateId: w.estateId, category: 'company_conduct', companyId: w.companyId, ownerAccountId: w.owner3.accountId });
    const res = await api(t, w.committee).post(`/cases/${id}/verify`, { note: '经查物业未按合同配置保安' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().verifiedAt).not.toBeNull();
    const c = await caseRow(t, id);
    const ev = await outbox(id);
    expect(ev).toEqual([{
      topic: COMPANY_COMPLAINT_VERIFIED_TOPIC,
      payload: {
        caseId: id, caseNo: c.no, estateId: w.estateId, companyId: w.companyId, category: 'company_conduct',
        verifiedBy: w.committee.accountId, verifiedAt: new Date(c.verified_at).toISOString(),
      },
    }]);
    expect((await eventsOf(t, id)).filter((e) => e.kind === 'verified').map((e) => e.text)).toEqual(['经查物业未按合同配置保安']);
    expect(await auditOf(t, 'case.verify', id)).toHaveLength(1);
    const again = await api(t, w.district).post(`/cases/${id}/verify`, { note: '再核实' });
    expect(again.statusCode).toBe(409);
    expect(await outbox(id)).toHaveLength(1);
  });

  it('officers: a case naming no company cannot be verified (409, no event); property staff may not verify (403)', async () => {
    const none = await insertCase(t, { estateId: w.estateId, category: 'company_conduct', companyId: null });
    const r = await api(t, w.street).post(`/cases/${none}/verify`, { note: '核实' });
    expect(r.statusCode).toBe(409);
    expect(await outbox(none)).toEqual([]);
    const id = await insertCase(t, { estateId: w.estateId, category: 'company_conduct', companyId: w.companyId });
    expect((await api(t, w.staff).post(`/cases/${id}/verify`, { note: '核实' })).statusCode).toBe(403);
    expect((await api(t, w.community).post(`/cases/${id}/verify`, { note: '' })).statusCode).toBe(400);
    expect(await outbox(id)).toEqual([]);
  });
});

describe('who did it, as the owner reads the timeline', () => {
  it('owner: a complaint verified by the district reads 区住建局, and an event stored with a raw role name still reads as an office', async () => {
    const id = await insertCase(t, { estateId: w.estateId, category: 'company_conduct', companyId: w.companyId, ownerAccountId: w.owner3.accountId });
    expect((await api(t, w.district).post(`/cases/${id}/verify`, { note: '区住建局核实属实' })).statusCode).toBe(200);
    // written before every role had a party: the raw role was stored
    await t.pool.query(`INSERT INTO case_events (case_id, kind, actor_role, actor_party, text) VALUES ($1, 'note', 'city_officer', 'city_officer', '市里关注')`, [id]);
    const res = await api(t, w.owner3).get(`/my/cases/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    const labels = Object.fromEntries(res.json().timeline.map((e: { text: string; actorLabel: string }) => [e.text, e.actorLabel]));
    expect(labels['区住建局核实属实']).toBe('区住建局');
    expect(labels['市里关注']).toBe('市住建局');
    expect(res.json().timeline.map((e: { actorLabel: string }) => e.actorLabel).join()).not.toMatch(/[a-z_]/);
  });
});
