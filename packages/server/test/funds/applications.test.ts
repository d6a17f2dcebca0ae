import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBuilding, createEstate, createRegionTree, createUnit } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, appRow, auditCount, createDraft, draftBody, fundEstate, signed, type FundEstate } from './applications-support.ts';

// Use applications (F3): drafts, the scope and its apportionment, the list, the detail and the
// export, through the API on a real PostgreSQL.

let t: TestApp;
let e: FundEstate;

beforeAll(async () => {
  t = await createTestApp();
  e = await fundEstate(t);
});

describe('drafts', () => {
  it('committee chair: creates a draft for 1栋; the live shares follow the fund order and sum to the budget', async () => {
    const id = await createDraft(t, e, e.convener);
    const row = await appRow(t, id);
    expect(row).toMatchObject({ state: 'draft', applicant_kind: 'committee', company_id: null, scope_kind: 'buildings', path: 'ordinary' });
    expect(await auditCount(t, id, 'fund.application.create')).toBe(1);
    const res = await api(t, 'GET', `/fund/applications/${id}/shares`, e.convener);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.frozen).toBe(false);
    expect(s.shares.map((x: { unit: string }) => x.unit)).toEqual(['1栋-101', '1栋-102', '1栋-103', '1栋-104', '1栋-105', '1栋-106']);
    expect(s.shares.reduce((a: number, x: { shareFen: number }) => a + x.shareFen, 0)).toBe(120_000);
    expect(s.totalAreaCenti).toBe(8000 + 8125 + 8250 + 8375 + 8500 + 8625);
    for (const x of s.shares) expect(Math.abs(x.shareFen - (120_000 * x.areaCenti) / s.totalAreaCenti)).toBeLessThan(1);
    expect(s).toMatchObject({ scopeBalanceFen: 600_000, shortfallFen: 0, developerFen: 0, unitCount: 6 });
  });

  it('property staff: applies for their own company (the company comes from the grant, not the request)', async () => {
    const id = await createDraft(t, e, e.staff, { applicantKind: 'company' });
    expect(await appRow(t, id)).toMatchObject({ applicant_kind: 'company', company_id: e.companyId });
    const res = await api(t, 'POST', `/estates/${e.estateId}/fund/applications`, e.staff, draftBody({ applicantKind: 'committee', unitIds: [e.unit('1栋-101')] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.applicantKind');
  });

  it('committee chair: an empty scope is refused naming the field, and nothing is written', async () => {
    const before = (await t.pool.query('SELECT count(*)::int AS n FROM fund_applications')).rows[0].n;
    const r1 = await api(t, 'POST', `/estates/${e.estateId}/fund/applications`, e.convener, draftBody({ scopeKind: 'units', unitIds: [] }));
    expect(r1.statusCode).toBe(400);
    expect(r1.json().details.issues.map((i: { field: string }) => i.field)).toEqual(['body.unitIds']);
    const r2 = await api(t, 'POST', `/estates/${e.estateId}/fund/applications`, e.convener, draftBody({ scopeKind: 'buildings', buildingIds: [] }));
    expect(r2.json().details.issues.map((i: { field: string }) => i.field)).toEqual(['body.buildingIds']);
    const empty = await createBuilding(t.pool, { estateId: e.estateId, name: '9栋' });
    const r3 = await api(t, 'POST', `/estates/${e.estateId}/fund/applications`, e.convener, draftBody({ scopeKind: 'buildings', buildingIds: [empty] }));
    expect(r3.statusCode).toBe(400);
    expect(r3.json().details.issues[0]).toMatchObject({ field: 'body.buildingIds' });
    const r4 = await api(t, 'POST', `/estates/${e.estateId}/fund/applications`, e.convener, draftBody({ scopeKind: 'facility', unitIds: [] }));
    expect(r4.json().details.issues.map((i: { field: string }) => i.field).sort()).toEqual(['body.facilityName', 'body.unitIds']);
    expect((await t.pool.query('SELECT count(*)::int AS n FROM fund_applications')).rows[0].n).toBe(before);
  });

  it('committee chair: a budget that is not positive is refused naming body.budgetFen', async () => {
    for (const budgetFen of [0, -100, 12.5]) {
      const res = await api(t, 'POST', `/estates/${e.estateId}/fund/applications`, e.convener, draftBody({ unitIds: [e.unit('1栋-101')], budgetFen }));
      expect(res.statusCode).toBe(400);
      expect(res.json().details.issues[0].field).toBe('body.budgetFen');
    }
  });

  it('committee chair: a unit of another estate in the scope is refused naming its position', async () => {
    const tree = await createRegionTree(t.pool);
    const other = await createEstate(t.pool, { communityId: tree.communityId });
    const ob = await createBuilding(t.pool, { estateId: other });
    const ou = await createUnit(t.pool, { estateId: other, buildingId: ob });
    const res = await api(t, 'POST', `/estates/${e.estateId}/fund/applications`, e.convener, draftBody({ unitIds: [e.unit('1栋-101'), ou] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0]).toMatchObject({ field: 'body.unitIds.1', message: '房屋不在本小区' });
    const res2 = await api(t, 'POST', `/estates/${e.estateId}/fund/applications`, e.convener, draftBody({ scopeKind: 'buildings', buildingIds: [ob] }));
    expect(res2.json().details.issues[0].field).toBe('body.buildingIds.0');
  });

  it('committee chair: an unknown category, a bad stage plan and an emergency without its category are all named at once', async () => {
    const res = await api(t, 'POST', `/estates/${e.estateId}/fund/applications`, e.convener,
      draftBody({ unitIds: [e.unit('1栋-101')], category: 'garden', stagePlan: [7000, 2000], path: 'emergency' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues.map((i: { field: string }) => i.field).sort()).toEqual(['body.category', 'body.emergencyCategory', 'body.stagePlan']);
  });

  it('committee chair: edits a draft (scope to units, budget); the scope is stored in the fund order', async () => {
    const id = await createDraft(t, e, e.convener);
    const res = await api(t, 'PATCH', `/fund/applications/${id}`, e.convener, {
      scopeKind: 'facility', facilityName: '2栋二次供水泵房', unitIds: [e.unit('2栋-104'), e.unit('2栋-101'), e.unit('1栋-106')], budgetFen: 30_001,
    });
    expect(res.statusCode, res.body).toBe(200);
    const row = await appRow(t, id);
    expect(row).toMatchObject({ scope_kind: 'facility', facility_name: '2栋二次供水泵房', budget_fen: 30_001, scope_building_ids: [] });
    expect(row.scope_unit_ids.map(Number)).toEqual([e.unit('1栋-106'), e.unit('2栋-101'), e.unit('2栋-104')]);
    const s = (await api(t, 'GET', `/fund/applications/${id}/shares`, e.convener)).json();
    // 2栋-104 is unsold: the developer pays its share
    expect(s.shares.map((x: { payer: string }) => x.payer)).toEqual(['owner', 'owner', 'developer']);
    expect(s.developerFen).toBe(s.shares[2].shareFen);
    expect(await auditCount(t, id, 'fund.application.update')).toBe(1);
  });

  it('property staff: cannot edit the committee\'s draft (403); the committee cannot edit the company\'s (403)', async () => {
    const mine = await createDraft(t, e, e.convener);
    expect((await api(t, 'PATCH', `/fund/applications/${mine}`, e.staff, { budgetFen: 1 })).statusCode).toBe(403);
    const theirs = await createDraft(t, e, e.staff, { applicantKind: 'company' });
    expect((await api(t, 'PATCH', `/fund/applications/${theirs}`, e.convener, { budgetFen: 1 })).statusCode).toBe(403);
    expect((await appRow(t, theirs)).budget_fen).toBe(120_000);
  });

  it('company staff of another company: the estate is not theirs (404); a second company serving the estate cannot touch the first one\'s application (403)', async () => {
    const theirs = await createDraft(t, e, e.staff, { applicantKind: 'company' });
    const { createCompany, createServiceContract } = await import('../support/factories.ts');
    const stranger = await signed(t, 'property_manager', await createCompany(t.pool, { name: '别家物业' }));
    expect((await api(t, 'GET', `/fund/applications/${theirs}`, stranger)).statusCode).toBe(404);
    expect((await api(t, 'PATCH', `/fund/applications/${theirs}`, stranger, { budgetFen: 1 })).statusCode).toBe(404);
    expect((await api(t, 'POST', `/fund/applications/${theirs}/submit`, stranger)).statusCode).toBe(404);
    expect((await api(t, 'POST', `/estates/${e.estateId}/fund/applications`, stranger, draftBody({ applicantKind: 'company', unitIds: [e.unit('1栋-101')] }))).statusCode).toBe(404);
    const second = await createCompany(t.pool, { name: '第二家物业' });
    await createServiceContract(t.pool, { companyId: second, estateId: e.estateId });
    const other = await signed(t, 'property_staff', second);
    expect((await api(t, 'GET', `/fund/applications/${theirs}`, other)).statusCode).toBe(200);
    expect((await api(t, 'PATCH', `/fund/applications/${theirs}`, other, { budgetFen: 1 })).statusCode).toBe(403);
    expect((await api(t, 'POST', `/fund/applications/${theirs}/submit`, other)).statusCode).toBe(403);
    expect((await api(t, 'POST', `/fund/applications/${theirs}/cancel`, other, { reason: '我不同意' })).statusCode).toBe(403);
    expect((await appRow(t, theirs))).toMatchObject({ state: 'draft', budget_fen: 120_000 });
  });

  it('committee chair: the apportionment preview shows the shortfall of a budget above the scope balance, saving nothing', async () => {
    const res = await api(t, 'POST', `/estates/${e.estateId}/fund/apportion-preview`, e.convener, { scopeKind: 'buildings', buildingIds: [e.b2], budgetFen: 700_001 });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ unitCount: 6, scopeBalanceFen: 600_000, shortfallFen: 100_001, budgetFen: 700_001 });
    expect(p.shares.filter((x: { payer: string }) => x.payer === 'developer').map((x: { unit: string }) => x.unit)).toEqual(['2栋-104', '2栋-105', '2栋-106']);
  });
});

describe('list, detail, export', () => {
  it('district officer: lists the district\'s applications with filters; detail shows the timeline and no actions', async () => {
    const id = await createDraft(t, e, e.convener, { title: '屋面防水翻新', category: 'roof' });
    await t.pool.query(`UPDATE fund_applications SET review_overdue = true WHERE id = $1`, [id]);
    const district = await signed(t, 'district_officer', Number((await t.pool.query(
      `SELECT split_part(r.path, '/', 3)::bigint AS d FROM estates e JOIN regions r ON r.id = e.community_id WHERE e.id = $1`, [e.estateId])).rows[0].d));
    const all = (await api(t, 'GET', `/fund/applications?estateId=${e.estateId}&pageSize=200`, district)).json();
    expect(all.total).toBeGreaterThan(1);
    const q = (await api(t, 'GET', `/fund/applications?q=${encodeURIComponent('屋面防水')}`, district)).json();
    expect(q.items.map((x: { id: number }) => x.id)).toEqual([id]);
    const overdue = (await api(t, 'GET', '/fund/applications?overdue=true', district)).json();
    expect(overdue.items.map((x: { id: number }) => x.id)).toEqual([id]);
    expect((await api(t, 'GET', '/fund/applications?state=submitted', district)).json().total).toBe(0);
    expect((await api(t, 'GET', '/fund/applications?path=emergency', district)).json().total).toBe(0);
    const d = (await api(t, 'GET', `/fund/applications/${id}`, district)).json();
    expect(d).toMatchObject({ id, state: 'draft', stateLabel: '草稿', categoryLabel: '屋顶（屋面防水）', scopeLabel: '1栋（6 户）', availableActions: [] });
    expect(d.timeline.map((x: { action: string }) => x.action)).toEqual(['fund.application.create']);
    expect(Object.keys(d.attachments).sort()).toEqual(['acceptance', 'evidence', 'inspection', 'invoice', 'photo', 'quote']);
  });

  it('committee chair: exports the list as an Excel workbook with the amounts in yuan', async () => {
    const id = await createDraft(t, e, e.convener, { title: '导出测试', budgetFen: 123_456 });
    const res = await api(t, 'GET', `/fund/applications.xlsx?q=${encodeURIComponent('导出测试')}`, e.convener);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(3).value).toBe('申请事项');
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(1).value).toBe(id);
    expect(ws.getRow(2).getCell(8).value).toBe(1234.56);
  });
});
