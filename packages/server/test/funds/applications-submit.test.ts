import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, appRow, auditCount, createDraft, fundEstate, sharesOf, signed, upload, type FundEstate } from './applications-support.ts';

// Submitting a use application (F3): every check of the submission, each refusal changing
// nothing, the apportionment frozen, and the applicant's withdrawal.

let t: TestApp;
let e: FundEstate;

beforeAll(async () => {
  t = await createTestApp();
  e = await fundEstate(t); // 12 units × 1,000.00 元
});

const submit = (id: number, who = e.convener) => api(t, 'POST', `/fund/applications/${id}/submit`, who);
const unchanged = async (id: number) => {
  expect((await appRow(t, id)).state).toBe('draft');
  expect(await sharesOf(t, id)).toEqual([]);
  expect(await auditCount(t, id, 'fund.application.submit')).toBe(0);
};

describe('submit', () => {
  it('committee chair: submits an ordinary application; the shares are frozen in the fund order and sum to the budget', async () => {
    const id = await createDraft(t, e, e.convener, { budgetFen: 120_001 });
    const res = await submit(id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id, state: 'submitted', stateLabel: '已提交' });
    const row = await appRow(t, id);
    expect(row.submitted_at).not.toBeNull();
    expect(row.emergency_list).toBeNull();
    const shares = await sharesOf(t, id);
    expect(shares.map((s) => s.unit_id)).toEqual(['101', '102', '103', '104', '105', '106'].map((n) => e.unit(`1栋-${n}`)));
    expect(shares.map((s) => s.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(shares.reduce((a, s) => a + s.share_fen, 0)).toBe(120_001);
    expect(await auditCount(t, id, 'fund.application.submit')).toBe(1);
    // frozen: a later change of a unit's area does not move what owners were shown
    await t.pool.query(`UPDATE units SET area_centi = 20000 WHERE id = $1`, [e.unit('1栋-101')]);
    const s = (await api(t, 'GET', `/fund/applications/${id}/shares`, e.convener)).json();
    expect(s.frozen).toBe(true);
    expect(s.shares.map((x: { shareFen: number }) => x.shareFen)).toEqual(shares.map((x) => x.share_fen));
    await t.pool.query(`UPDATE units SET area_centi = 8000 WHERE id = $1`, [e.unit('1栋-101')]);
    const d = (await api(t, 'GET', `/fund/applications/${id}`, e.convener)).json();
    expect([...d.availableActions].sort()).toEqual(['cancel', 'put_to_vote']);
    expect(d.timeline.map((x: { action: string }) => x.action)).toEqual(['fund.application.create', 'fund.application.submit']);
    expect(d.timeline[1]).toMatchObject({ label: '提交申请', from: 'draft', to: 'submitted', actorRole: 'committee_chair' });
  });

  it('committee chair and secretary: submitting at the same moment has one effect (one 200, one 409, shares frozen once)', async () => {
    const id = await createDraft(t, e, e.convener);
    const secretary = await signed(t, 'committee_secretary', e.estateId);
    const [r1, r2] = await Promise.all([submit(id), submit(id, secretary)]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);
    expect(await sharesOf(t, id)).toHaveLength(6);
    expect(await auditCount(t, id, 'fund.application.submit')).toBe(1);
  });

  it('committee chair: cannot edit after submitting (409) nor submit twice; nothing changes', async () => {
    const id = await createDraft(t, e, e.convener);
    expect((await submit(id)).statusCode).toBe(200);
    const before = await sharesOf(t, id);
    const res = await api(t, 'PATCH', `/fund/applications/${id}`, e.convener, { budgetFen: 1, title: '改了' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('INVALID_TRANSITION');
    expect((await submit(id)).statusCode).toBe(409);
    expect(await appRow(t, id)).toMatchObject({ budget_fen: 120_000, title: '1栋电梯主板更换', state: 'submitted' });
    expect(await sharesOf(t, id)).toEqual(before);
  });

  it('committee chair: a missing exclusion declaration is refused naming each undeclared one', async () => {
    const id = await createDraft(t, e, e.convener, { exclusions: { warranty: true, utility: false } });
    const res = await submit(id);
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues.map((i: { field: string }) => i.field)).toEqual(['body.exclusions.utility', 'body.exclusions.personDamage', 'body.exclusions.companyUpkeep']);
    expect(res.json().details.issues[2].message).toContain('物业服务企业承担');
    await unchanged(id);
    // declaring them on the draft lets it through
    expect((await api(t, 'PATCH', `/fund/applications/${id}`, e.convener, { exclusions: { utility: true, personDamage: true, companyUpkeep: true } })).statusCode).toBe(200);
    expect((await submit(id)).statusCode).toBe(200);
  });

  it('committee chair: a budget above the scope balance is refused with the shortfall; exactly the balance is accepted', async () => {
    const id = await createDraft(t, e, e.convener, { scopeKind: 'units', unitIds: [e.unit('2栋-101'), e.unit('2栋-102')], buildingIds: [], budgetFen: 200_001 });
    const res = await submit(id);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'FUND_INSUFFICIENT_BALANCE', details: { shortfallFen: 1, scopeBalanceFen: 200_000, budgetFen: 200_001 } });
    expect(res.json().message).toContain('缺口 0.01 元');
    await unchanged(id);
    expect((await api(t, 'PATCH', `/fund/applications/${id}`, e.convener, { budgetFen: 200_000 })).statusCode).toBe(200);
    expect((await submit(id)).statusCode).toBe(200);
  });

  it('property staff: submits their company\'s application; the committee may not submit it for them (403)', async () => {
    const id = await createDraft(t, e, e.staff, { applicantKind: 'company', budgetFen: 10_000 });
    expect((await submit(id, e.convener)).statusCode).toBe(403);
    await unchanged(id);
    const res = await submit(id, e.staff);
    expect(res.statusCode, res.body).toBe(200);
    const d = (await api(t, 'GET', `/fund/applications/${id}`, e.staff)).json();
    expect(d.availableActions).toEqual(['cancel']);
    expect(d.applicantName).toBe(`物业公司${e.estateId}`);
    // the committee sees the step that is theirs
    expect((await api(t, 'GET', `/fund/applications/${id}`, e.convener)).json().availableActions).toEqual(['put_to_vote']);
  });

  it('committee chair: an emergency needs evidence attached (a quote is not evidence); with a photo it is submitted on the national list', async () => {
    const id = await createDraft(t, e, e.convener, { path: 'emergency', emergencyCategory: 'roof_leak', category: 'roof' });
    await upload(t, e.convener, e.estateId, id, 'quote');
    const res = await submit(id);
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('attachments.evidence');
    await unchanged(id);
    await upload(t, e.convener, e.estateId, id, 'photo');
    expect((await submit(id)).statusCode).toBe(200);
    expect(await appRow(t, id)).toMatchObject({ state: 'submitted', emergency_list: 'national', emergency_category: 'roof_leak' });
    const d = (await api(t, 'GET', `/fund/applications/${id}`, e.convener)).json();
    expect(d.attachments.photo).toHaveLength(1);
    expect(d.attachments.quote).toHaveLength(1);
    expect(d.emergencyCategoryLabel).toBe('屋面防水损坏造成渗漏');
    expect([...d.availableActions].sort()).toEqual(['cancel', 'committee_confirm', 'refuse_emergency']);
  });

  it('committee chair: cancels with a reason (required); a submitted application can be withdrawn, not twice', async () => {
    const id = await createDraft(t, e, e.convener, { budgetFen: 5_000 });
    expect((await submit(id)).statusCode).toBe(200);
    const noReason = await api(t, 'POST', `/fund/applications/${id}/cancel`, e.convener, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.issues[0].field).toBe('body.reason');
    expect((await appRow(t, id)).state).toBe('submitted');
    const res = await api(t, 'POST', `/fund/applications/${id}/cancel`, e.convener, { reason: '业主自行协商解决' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await appRow(t, id)).toMatchObject({ state: 'cancelled' });
    expect((await appRow(t, id)).cancelled_at).not.toBeNull();
    expect((await api(t, 'POST', `/fund/applications/${id}/cancel`, e.convener, { reason: '再撤一次' })).statusCode).toBe(409);
    const d = (await api(t, 'GET', `/fund/applications/${id}`, e.convener)).json();
    expect(d.timeline.at(-1)).toMatchObject({ action: 'fund.application.cancel', reason: '业主自行协商解决', to: 'cancelled' });
  });

  // last: it changes the city's rules for the rest of the file
  it('committee chair: in a Shanghai-rules city, a category only the national list has is refused FUND_NOT_EMERGENCY naming body.emergencyCategory', async () => {
    const city = (await t.pool.query(
      `SELECT split_part(r.path, '/', 2)::bigint AS c FROM estates e JOIN regions r ON r.id = e.community_id WHERE e.id = $1`, [e.estateId])).rows[0].c;
    await t.pool.query(`INSERT INTO fund_city_rules (city_region_id, emergency_list) VALUES ($1, 'shanghai')`, [city]);
    const id = await createDraft(t, e, e.convener, { path: 'emergency', emergencyCategory: 'roof_leak', category: 'roof' });
    await upload(t, e.convener, e.estateId, id, 'inspection');
    const res = await submit(id);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('FUND_NOT_EMERGENCY');
    expect(body.details.field).toBe('body.emergencyCategory');
    expect(body.details.issues[0].field).toBe('body.emergencyCategory');
    expect(body.details.emergencyList).toBe('shanghai');
    expect(body.message).toContain('上海');
    await unchanged(id);
    expect((await api(t, 'PATCH', `/fund/applications/${id}`, e.convener, { emergencyCategory: 'elevator', category: 'elevator' })).statusCode).toBe(200);
    expect((await submit(id)).statusCode).toBe(200);
    expect(await appRow(t, id)).toMatchObject({ emergency_list: 'shanghai', emergency_category: 'elevator' });
  });
});
