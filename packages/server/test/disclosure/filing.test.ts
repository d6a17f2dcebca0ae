import { beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../support/multipart.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import {
  api, COMMITTEE_CONTENT, COMPANY_CONTENT, filingStateOf, filingWorld, lastQuarter, type FilingWorld,
} from './filing-fixture.ts';

// Periodic disclosure packages (公示备案): compiled as a draft, filed (published to the owners and
// sent to the street office), reviewed; any change after filing is a new version.

let t: TestApp;
let w: FilingWorld;
let companyV1: number;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const upload = (who: { cookie: string }, filingId: number, kind: string) => {
  const m = multipart({ recordType: `disclosure_filing.${kind}`, recordId: String(filingId), estateId: String(w.a.estateId) },
    { name: '物业服务合同.pdf', type: 'application/pdf', data: PDF });
  return t.app.inject({ method: 'POST', url: '/api/v1/attachments', payload: m.payload, headers: { ...m.headers, cookie: who.cookie } });
};

const inbox = async (accountId: number, like: string) =>
  (await t.pool.query(`SELECT subject, body FROM notifications WHERE account_id = $1 AND subject LIKE $2`, [accountId, `%${like}%`])).rows;

beforeAll(async () => {
  t = await createTestApp();
  w = await filingWorld(t);
});

describe('disclosure filings', () => {
  it('property manager: begins the last quarter\'s package as a draft v1 with the service contract on file; a second draft is a 409', async () => {
    const res = await api(t, w.a.manager).post(`/estates/${w.a.estateId}/filings`, { periodKey: lastQuarter() });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d).toMatchObject({ party: 'company', version: 1, state: 'draft', periodKey: lastQuarter(), supersedesId: null, partyName: '翠竹苑物业服务有限公司' });
    expect(d.content.serviceContract.companyName).toBe('翠竹苑物业服务有限公司');
    expect(d.availableActions).toEqual(['edit', 'file']);
    companyV1 = d.id;
    const again = await api(t, w.a.manager).post(`/estates/${w.a.estateId}/filings`, { periodKey: lastQuarter() });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已有草稿（第1版）');
  });

  it('property manager: a period key of another kind than the city\'s (monthly under a quarterly rule) is refused on the field; nothing is created', async () => {
    const before = await filingStateOf(t, w.a.estateId);
    const res = await api(t, w.a.manager).post(`/estates/${w.a.estateId}/filings`, { periodKey: '2026-10' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0]).toMatchObject({ field: 'body.periodKey', message: expect.stringContaining('2026-Q3') });
    expect(await filingStateOf(t, w.a.estateId)).toEqual(before);
  });

  it('street officer: does not see a draft (the party\'s work in progress)', async () => {
    expect((await api(t, w.a.street).get(`/filings/${companyV1}`)).statusCode).toBe(404);
    const list = await api(t, w.a.street).get(`/filings?estateId=${w.a.estateId}`);
    expect(list.json().items).toEqual([]);
  });

  it('property manager: an incomplete package is refused at filing naming each missing field; nothing changes', async () => {
    const patch = await api(t, w.a.manager).patch(`/filings/${companyV1}`, {
      content: { feeStandards: [], serviceContract: { companyName: '', startsOn: '2025-01-01', endsOn: '2027-12-31', summary: '' }, contractors: [], notes: '' },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const before = await filingStateOf(t, w.a.estateId);
    const res = await api(t, w.a.manager).post(`/filings/${companyV1}/file`);
    expect(res.statusCode).toBe(400);
    const issues = res.json().details.issues;
    expect(issues.map((i: { field: string }) => i.field)).toEqual([
      'content.feeStandards', 'content.serviceContract.companyName', 'content.serviceContract.summary',
    ]);
    expect(res.json().message).toContain('收费标准');
    expect(res.json().message).toContain('服务企业名称');
    expect(await filingStateOf(t, w.a.estateId)).toEqual(before);
  });

  it('property manager: bad input (a negative price, a statement of another estate) changes nothing', async () => {
    const before = await filingStateOf(t, w.a.estateId);
    const neg = await api(t, w.a.manager).patch(`/filings/${companyV1}`, {
      content: { ...COMPANY_CONTENT, feeStandards: [{ item: '停车费', basis: '', priceFen: -1, unit: '元/月' }] },
    });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().details.issues[0].field).toBe('body.content.feeStandards.0.priceFen');
    const foreign = await api(t, w.a.manager).patch(`/filings/${companyV1}`, { revenueStatementId: 999_999 });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().details.issues[0].field).toBe('body.revenueStatementId');
    expect(await filingStateOf(t, w.a.estateId)).toEqual(before);
  });

  it('property manager: attaches the signed contract to the draft (shown by kind); the committee may not attach to the company\'s package', async () => {
    const up = await upload(w.a.manager, companyV1, 'contract');
    expect(up.statusCode, up.body).toBe(200);
    const d = await api(t, w.a.manager).get(`/filings/${companyV1}`);
    expect(d.json().attachments).toMatchObject([{ kind: 'contract', filename: '物业服务合同.pdf' }]);
    expect((await upload(w.a.committee, companyV1, 'contract')).statusCode).toBe(404);
    expect((await upload(w.a.manager, companyV1, 'photo')).statusCode).toBe(400);
  });

  it('property manager: files the complete package — published to the owners as a 30-day publicity, the street office messaged', async () => {
    expect((await api(t, w.a.manager).patch(`/filings/${companyV1}`, { content: COMPANY_CONTENT })).statusCode).toBe(200);
    const res = await api(t, w.a.manager).post(`/filings/${companyV1}/file`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'filed', stateLabel: '已报送' });
    const n = await t.pool.query(`SELECT * FROM notices WHERE id = $1`, [res.json().noticeId]);
    expect(n.rows[0]).toMatchObject({
      kind: 'publicity', audience: 'owners', state: 'published', source_type: 'disclosure_filing', source_id: companyV1, publisher_kind: 'company',
    });
    expect(n.rows[0].body).toContain('物业服务费（住宅）：1.80 元/㎡·月');
    const days = (Date.parse(n.rows[0].publicity_end) - Date.parse(n.rows[0].publicity_start)) / 86_400_000;
    expect(days).toBe(29);
    const rec = await t.pool.query(`SELECT account_id FROM notice_recipients WHERE notice_id = $1`, [res.json().noticeId]);
    expect(rec.rows.map((r) => Number(r.account_id))).toEqual([w.a.owner.accountId]);
    expect(await inbox(w.a.street.accountId, '公示备案待审核')).toHaveLength(1);
    expect(await inbox(w.b.street.accountId, '公示备案待审核')).toHaveLength(0);
    const f = await t.pool.query(`SELECT filed_with, filed_with_region_id FROM disclosure_filings WHERE id = $1`, [companyV1]);
    expect(f.rows[0]).toMatchObject({ filed_with: 'street', filed_with_region_id: w.a.streetId });
  });

  it('owner: reads the filed package of their estate; an owner of another estate cannot (404) and does not see it listed', async () => {
    const mine = await api(t, w.a.owner).get('/my/filings');
    expect(mine.json().items.map((i: { id: number }) => i.id)).toEqual([companyV1]);
    const one = await api(t, w.a.owner).get(`/my/filings/${companyV1}`);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json().content.feeStandards[0].item).toBe('物业服务费（住宅）');
    expect((await api(t, w.b.owner).get(`/my/filings/${companyV1}`)).statusCode).toBe(404);
    expect((await api(t, w.b.owner).get('/my/filings')).json().items).toEqual([]);
  });

  it('street officer of another street: cannot see or acknowledge it (404)', async () => {
    expect((await api(t, w.b.street).get(`/filings/${companyV1}`)).statusCode).toBe(404);
    const before = await filingStateOf(t, w.a.estateId);
    expect((await api(t, w.b.street).post(`/filings/${companyV1}/acknowledge`, {})).statusCode).toBe(404);
    expect(await filingStateOf(t, w.a.estateId)).toEqual(before);
  });

  it('district officer: a package filed with the street office is not theirs to review (403); nothing changes', async () => {
    const before = await filingStateOf(t, w.a.estateId);
    const res = await api(t, w.a.district).post(`/filings/${companyV1}/acknowledge`, {});
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('街道办事处');
    expect(await filingStateOf(t, w.a.estateId)).toEqual(before);
  });

  it('street officer: acknowledges it; the company is told; a second review is a 409', async () => {
    const detail = await api(t, w.a.street).get(`/filings/${companyV1}`);
    expect(detail.json().availableActions).toEqual(['acknowledge', 'return']);
    const res = await api(t, w.a.street).post(`/filings/${companyV1}/acknowledge`, { note: '材料齐全' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().state).toBe('acknowledged');
    expect(await inbox(w.a.manager.accountId, '已备案')).toHaveLength(1);
    expect((await api(t, w.a.street).post(`/filings/${companyV1}/return`, { reason: '再看看' })).statusCode).toBe(409);
  });

  it('property manager: an acknowledged package cannot be changed (FILING_LOCKED), and the database refuses even bypassing the code', async () => {
    const before = await filingStateOf(t, w.a.estateId);
    const res = await api(t, w.a.manager).patch(`/filings/${companyV1}`, { content: { ...COMPANY_CONTENT, notes: '改一下' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('FILING_LOCKED');
    expect((await api(t, w.a.manager).post(`/filings/${companyV1}/file`)).json().code).toBe('FILING_LOCKED');
    await expect(t.pool.query(`UPDATE disclosure_filings SET content = '{}' WHERE id = $1`, [companyV1])).rejects.toThrow(/changes only by a new version/);
    await expect(t.pool.query(`UPDATE disclosure_filings SET state = 'draft' WHERE id = $1`, [companyV1])).rejects.toThrow(/review stands/);
    await expect(t.pool.query(`DELETE FROM disclosure_filings WHERE id = $1`, [companyV1])).rejects.toThrow(/never deleted/);
    expect(await filingStateOf(t, w.a.estateId)).toEqual(before);
  });

  it('property manager: a filed package takes no more files (FILING_LOCKED)', async () => {
    const res = await upload(w.a.manager, companyV1, 'other');
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('FILING_LOCKED');
    expect((await t.pool.query(`SELECT count(*)::int AS n FROM attachments WHERE record_id = $1 AND record_type LIKE 'disclosure_filing.%'`, [String(companyV1)])).rows[0].n).toBe(1);
  });

  it('property manager: a new version copies the content, goes through file → acknowledge, and v1 stays as it was', async () => {
    const v1Before = (await t.pool.query(`SELECT * FROM disclosure_filings WHERE id = $1`, [companyV1])).rows[0];
    const res = await api(t, w.a.manager).post(`/estates/${w.a.estateId}/filings`, { periodKey: lastQuarter() });
    expect(res.statusCode, res.body).toBe(200);
    const v2 = res.json();
    expect(v2).toMatchObject({ version: 2, state: 'draft', supersedesId: companyV1 });
    expect(v2.content.feeStandards[0].item).toBe('物业服务费（住宅）');
    const fees = [...COMPANY_CONTENT.feeStandards!, { item: '机动车停放服务费', basis: '地面车位', priceFen: 15_000, unit: '元/月' }];
    expect((await api(t, w.a.manager).patch(`/filings/${v2.id}`, { content: { ...COMPANY_CONTENT, feeStandards: fees } })).statusCode).toBe(200);
    expect((await api(t, w.a.manager).post(`/filings/${v2.id}/file`)).statusCode).toBe(200);
    expect((await api(t, w.a.street).post(`/filings/${v2.id}/acknowledge`, {})).json().state).toBe('acknowledged');
    const v1After = (await t.pool.query(`SELECT * FROM disclosure_filings WHERE id = $1`, [companyV1])).rows[0];
    expect(v1After).toEqual(v1Before);
    const d = await api(t, w.a.street).get(`/filings/${v2.id}`);
    expect(d.json().versions.map((v: { version: number; state: string }) => [v.version, v.state])).toEqual([[1, 'acknowledged'], [2, 'acknowledged']]);
    expect(d.json().content.feeStandards).toHaveLength(2);
    // owners see the latest filed version of the period
    expect((await api(t, w.a.owner).get('/my/filings')).json().items.map((i: { id: number }) => i.id)).toEqual([v2.id]);
  });

  it('street officer: returns the committee\'s package with a reason; a return without reason changes nothing; the committee files v2', async () => {
    const c = await api(t, w.a.committee).post(`/estates/${w.a.estateId}/filings`, { periodKey: lastQuarter() });
    expect(c.statusCode, c.body).toBe(200);
    const v1 = c.json().id;
    expect((await api(t, w.a.committee).patch(`/filings/${v1}`, { content: COMMITTEE_CONTENT })).statusCode).toBe(200);
    expect((await api(t, w.a.committee).post(`/filings/${v1}/file`)).statusCode).toBe(200);
    const before = await filingStateOf(t, w.a.estateId);
    const blank = await api(t, w.a.street).post(`/filings/${v1}/return`, { reason: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().details.issues[0].field).toBe('body.reason');
    expect(await filingStateOf(t, w.a.estateId)).toEqual(before);
    const ret = await api(t, w.a.street).post(`/filings/${v1}/return`, { reason: '未附停车收入明细' });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(ret.json().state).toBe('returned');
    const told = await inbox(w.a.committee.accountId, '被退回');
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain('未附停车收入明细');
    // the manager is the other party: the committee's package is not theirs to change
    expect((await api(t, w.a.manager).patch(`/filings/${v1}`, { content: COMMITTEE_CONTENT })).statusCode).toBe(403);
    const v2 = await api(t, w.a.committee).post(`/estates/${w.a.estateId}/filings`, { periodKey: lastQuarter() });
    expect(v2.json()).toMatchObject({ version: 2, supersedesId: v1, party: 'committee' });
    expect((await api(t, w.a.committee).patch(`/filings/${v2.json().id}`, { content: { ...COMMITTEE_CONTENT, notes: `${COMMITTEE_CONTENT.notes}（附明细）` } })).statusCode).toBe(200);
    expect((await api(t, w.a.committee).post(`/filings/${v2.json().id}/file`)).json().state).toBe('filed');
    const d = await api(t, w.a.street).get(`/filings/${v2.json().id}`);
    expect(d.json().versions.map((v: { state: string; reviewNote: string | null }) => [v.state, v.reviewNote])).toEqual([
      ['returned', '未附停车收入明细'], ['filed', null],
    ]);
    const old = await api(t, w.a.street).get(`/filings/${v1}`);
    expect(old.json()).toMatchObject({ state: 'returned', reviewNote: '未附停车收入明细' });
    expect(old.json().content.notes).toBe(COMMITTEE_CONTENT.notes);
  });

  it('committee chair: lists the estate\'s filings by party and state', async () => {
    const res = await api(t, w.a.committee).get(`/filings?estateId=${w.a.estateId}&party=committee`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((i: { version: number; state: string }) => [i.version, i.state])).toEqual([[2, 'filed'], [1, 'returned']]);
    const acked = await api(t, w.a.committee).get(`/filings?estateId=${w.a.estateId}&state=acknowledged`);
    expect(acked.json().total).toBe(2);
    expect((await api(t, w.b.street).get(`/filings?estateId=${w.a.estateId}`)).json().items).toEqual([]);
  });
  it('property manager: links the period\'s published revenue and fund statements to a draft (their summaries shown); another estate\'s is refused', async () => {
    const seedRevenue = async (estateId: number) => Number((await t.pool.query(
      `INSERT INTO revenue_statements (estate_id, period_kind, period_key, period_start, period_end, opening_fen, income_fen, expense_fen,
                                       net_fen, closing_fen, body, total_area_centi, unit_count)
       VALUES ($1, 'quarter', '2025-Q1', '2025-01-01', '2025-03-31', 10000, 50000, 20000, 30000, 40000, '{}', 10000, 1) RETURNING id`,
      [estateId])).rows[0].id);
    const mine = await seedRevenue(w.a.estateId);
    const theirs = await seedRevenue(w.b.estateId);
    const fund = Number((await t.pool.query(
      `INSERT INTO fund_statements (estate_id, period_start, period_end, body) VALUES ($1, '2025-01-01', '2025-06-30', $2) RETURNING id`,
      [w.a.estateId, JSON.stringify({ estate: { openingFen: 100, closingFen: 250 } })])).rows[0].id);
    const v3 = await api(t, w.a.manager).post(`/estates/${w.a.estateId}/filings`, { periodKey: lastQuarter() });
    expect(v3.json().version).toBe(3);
    const res = await api(t, w.a.manager).patch(`/filings/${v3.json().id}`, { revenueStatementId: mine, fundStatementId: fund });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().revenueStatement).toMatchObject({ id: mine, incomeFen: 50000, expenseFen: 20000, netFen: 30000, closingFen: 40000 });
    expect(res.json().fundStatement).toMatchObject({ id: fund, openingFen: 100, closingFen: 250 });
    const before = await filingStateOf(t, w.a.estateId);
    const bad = await api(t, w.a.manager).patch(`/filings/${v3.json().id}`, { revenueStatementId: theirs });
    expect(bad.statusCode).toBe(400);
    expect(await filingStateOf(t, w.a.estateId)).toEqual(before);
    // unlinking is an explicit null
    const un = await api(t, w.a.manager).patch(`/filings/${v3.json().id}`, { fundStatementId: null });
    expect(un.json()).toMatchObject({ fundStatement: null, revenueStatementId: mine });
  });
});
