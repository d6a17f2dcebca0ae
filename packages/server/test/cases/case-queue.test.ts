import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEstate, createRegionTree } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, caseWorld, commonCase, fileCase, unitCase, type CaseWorld } from './case-fixture.ts';

// The officials' queue: filters, overdue first then by the running deadline, the secretary's
// all-estates switch, pagination, and the same list as Excel.

let t: TestApp;
let w: CaseWorld;
let c: Record<'late' | 'soon' | 'later' | 'urgent' | 'closed' | 'conduct', number>;

const setDue = (id: number, sql: string) => t.pool.query(`UPDATE cases SET ${sql} WHERE id = $1`, [id]);

beforeAll(async () => {
  t = await createTestApp();
  w = await caseWorld(t);
  const late = await fileCase(t, w.owner3, unitCase(w, { title: '逾期的报修' }));
  const soon = await fileCase(t, w.owner3, commonCase(w, { category: 'cleaning', title: '垃圾未清运' }));
  const later = await fileCase(t, w.owner3, commonCase(w, { category: 'cleaning', title: '草坪未修剪' }));
  const urgent = await fileCase(t, w.owner12, commonCase(w, { priority: 'urgent', title: '电梯困人' }));
  const closed = await fileCase(t, w.owner3, commonCase(w, { category: 'noise', title: '夜间施工' }));
  const conduct = await fileCase(t, w.owner3, commonCase(w, { category: 'company_conduct', title: '保安态度差' }));
  await setDue(late, `resolve_due_at = now() - interval '2 hours', next_due_at = now() - interval '3 hours', respond_due_at = now() - interval '3 hours'`);
  await setDue(soon, `next_due_at = now() + interval '1 hour', resolve_due_at = now() + interval '2 days'`);
  await setDue(later, `next_due_at = now() + interval '5 hours', resolve_due_at = now() + interval '2 days'`);
  await setDue(urgent, `next_due_at = now() + interval '3 hours', resolve_due_at = now() + interval '1 day'`);
  await setDue(closed, `state = 'closed', closed_at = now(), close_kind = 'auto', next_due_at = NULL`);
  c = { late, soon, later, urgent, closed, conduct };
});

const ids = (res: { statusCode: number; body: string; json(): { items: { id: number }[] } }) => {
  if (res.statusCode !== 200) throw new Error(`list ${res.statusCode}: ${res.body}`);
  return res.json().items.map((x) => x.id);
};

describe('queue', () => {
  it('property staff: overdue first, then by the running deadline, cases with none last', async () => {
    const res = await api(t, w.staff).get(`/cases?estateId=${w.a.estateId}`);
    const order = ids(res);
    // the committee's case is visible to the company too (same estate), its deadline is a working day away
    expect(order.slice(0, 4)).toEqual([c.late, c.soon, c.urgent, c.later]);
    expect(order.at(-1)).toBe(c.closed);
    const first = res.json().items[0];
    expect(first).toMatchObject({ overdue: true, title: '逾期的报修', locationLabel: '3栋 301', handlerName: '物业服务企业' });
    expect(res.json().total).toBe(6);
  });

  it('property staff: filters by state, category, level, priority, overdue and words', async () => {
    expect(ids(await api(t, w.staff).get('/cases?overdue=1'))).toEqual([c.late]);
    expect(ids(await api(t, w.staff).get('/cases?state=closed&sort=created')).at(-1)).toBe(c.closed);
    expect(ids(await api(t, w.staff).get('/cases?state=active')).sort()).toEqual([c.late, c.soon, c.later, c.urgent, c.conduct].sort());
    expect(ids(await api(t, w.staff).get('/cases?category=cleaning'))).toEqual([c.soon, c.later]);
    expect(ids(await api(t, w.staff).get('/cases?level=committee'))).toEqual([c.conduct]);
    expect(ids(await api(t, w.staff).get('/cases?priority=urgent'))).toEqual([c.urgent]);
    expect(ids(await api(t, w.staff).get(`/cases?q=${encodeURIComponent('垃圾')}`))).toEqual([c.soon]);
    const no = (await api(t, w.staff).get(`/cases/${c.later}`)).json().no as string;
    expect(ids(await api(t, w.staff).get(`/cases?q=${no}`))).toEqual([c.later]);
    expect(ids(await api(t, w.staff).get(`/cases?q=${encodeURIComponent('100%_')}`))).toEqual([]);
    const bad = await api(t, w.staff).get('/cases?state=lost');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('querystring.state');
  });

  it('property staff: sorted by creation, newest first; pages keep the total', async () => {
    expect(ids(await api(t, w.staff).get('/cases?sort=created'))).toEqual([c.conduct, c.closed, c.urgent, c.later, c.soon, c.late]);
    const p2 = await api(t, w.staff).get('/cases?sort=created&pageSize=4&page=2');
    expect(ids(p2)).toEqual([c.soon, c.late]);
    expect(p2.json()).toMatchObject({ total: 6, page: 2, pageSize: 4 });
    expect((await api(t, w.staff).get('/cases?pageSize=201')).statusCode).toBe(400);
  });

  it('property staff: a filter of states that are no longer running answers in the due order too (it failed with a missing column)', async () => {
    expect(ids(await api(t, w.staff).get('/cases?state=closed'))).toEqual([c.closed]);
    expect(ids(await api(t, w.staff).get(`/cases?estateId=${w.a.estateId}&state=resolved`))).toEqual([]);
    expect((await t.request({ method: 'GET', url: '/api/v1/cases.xlsx?state=closed', cookie: w.staff.cookie })).statusCode).toBe(200);
  });

  it('property staff: assigned to me', async () => {
    expect(ids(await api(t, w.staff).get('/cases?assignee=me'))).toEqual([]);
    await api(t, w.manager).post(`/cases/${c.soon}/assign`, { assigneeAccountId: w.staff.accountId });
    expect(ids(await api(t, w.staff).get('/cases?assignee=me'))).toEqual([c.soon]);
    expect(ids(await api(t, w.manager).get('/cases?assignee=me'))).toEqual([]);
  });
});

describe("the secretary's estates", () => {
  it('committee secretary: mine=secretary lists every estate where the account is secretary; the plain queue only the active one', async () => {
    const r = await createRegionTree(t.pool, { names: { community: '第二社区' } });
    const estateC = await createEstate(t.pool, { communityId: r.communityId, name: '第二苑' });
    await t.pool.query(`INSERT INTO role_grants (account_id, role, scope_kind, scope_id) VALUES ($1, 'committee_secretary', 'estate', $2)`, [w.secretary.accountId, estateC]);
    // a revoked grant reaches nothing
    const r2 = await createRegionTree(t.pool, { names: { community: '第三社区' } });
    const estateD = await createEstate(t.pool, { communityId: r2.communityId, name: '第三苑' });
    await t.pool.query(`INSERT INTO role_grants (account_id, role, scope_kind, scope_id, revoked_at) VALUES ($1, 'committee_secretary', 'estate', $2, now())`, [w.secretary.accountId, estateD]);
    const inC = await fileCase(t, w.staff, { ...commonCase(w), estateId: estateC }, '/cases').catch(() => null);
    expect(inC).toBeNull(); // the company of A does not serve C
    const idC = Number((await t.pool.query(
      `INSERT INTO cases (no, estate_id, category, location_kind, location_text, title, description, filed_by, filed_by_role, level, handler_party,
                          respond_due_at, resolve_due_at, next_due_at)
       VALUES ('AJTEST-C', $1, 'cleaning', 'common_area', '东门', '第二苑的报事', '描述', $2, 'committee_secretary', 'committee', 'secretary',
               now() + interval '1 hour', now() + interval '1 day', now() + interval '1 hour') RETURNING id`,
      [estateC, w.secretary.accountId],
    )).rows[0].id);
    const idD = Number((await t.pool.query(
      `INSERT INTO cases (no, estate_id, category, location_kind, title, description, filed_by, filed_by_role, level, handler_party)
       VALUES ('AJTEST-D', $1, 'cleaning', 'estate', '第三苑的报事', '描述', $2, 'committee_secretary', 'committee', 'secretary') RETURNING id`,
      [estateD, w.secretary.accountId],
    )).rows[0].id);
    const all = ids(await api(t, w.secretary).get('/cases?mine=secretary&pageSize=200'));
    expect(all).toEqual(expect.arrayContaining([idC, c.late, c.conduct]));
    expect(all).not.toContain(idD);
    const plain = ids(await api(t, w.secretary).get('/cases?pageSize=200'));
    expect(plain).not.toContain(idC);
    expect(plain).toContain(c.conduct);
    expect(ids(await api(t, w.secretary).get(`/cases?mine=secretary&estateId=${estateC}`))).toEqual([idC]);
    // a chair of A holds no secretary grant: the switch shows nothing
    expect(ids(await api(t, w.chair).get('/cases?mine=secretary'))).toEqual([]);
  });
});

describe('Excel', () => {
  it('property staff: the queue as a workbook with the same rows and order', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/cases.xlsx?estateId=${w.a.estateId}&state=active`, cookie: w.staff.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain('cases-');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('案件');
    expect(ws.getRow(1).getCell(1).value).toBe('案件编号');
    const titles = [] as string[];
    ws.eachRow((row, n) => { if (n > 1) titles.push(String(row.getCell(5).value)); });
    const queue = (await api(t, w.staff).get(`/cases?estateId=${w.a.estateId}&state=active`)).json().items.map((x: { title: string }) => x.title);
    expect(titles).toEqual(queue);
    expect(ws.getRow(2).getCell(13).value).toBe('是'); // the overdue one leads
    const other = await t.request({ method: 'GET', url: '/api/v1/cases.xlsx', cookie: w.staffB.cookie });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(other.rawPayload as unknown as ArrayBuffer);
    expect(wb2.worksheets[0]!.rowCount).toBe(1);
  });
});

describe('paging', () => {
  it('property staff: walking the queue a page at a time gives the same order as one page (the parts join seamlessly)', async () => {
    // a running case with no running deadline (every called department reported) sits among the rest, by id
    const idle = await fileCase(t, w.owner3, commonCase(w, { category: 'cleaning', title: '部门均已报到' }));
    await setDue(idle, 'next_due_at = NULL');
    const whole = ids(await api(t, w.staff).get('/cases?pageSize=200'));
    expect(whole.indexOf(idle)).toBeGreaterThan(whole.indexOf(c.later));
    expect(whole.indexOf(idle)).toBeGreaterThan(whole.indexOf(c.closed));
    const walked: number[] = [];
    for (let page = 1; page <= whole.length + 1; page++) walked.push(...ids(await api(t, w.staff).get(`/cases?pageSize=2&page=${page}`)));
    expect(walked).toEqual(whole);
    await setDue(idle, `state = 'closed', closed_at = now(), close_kind = 'auto'`);
  });
});

describe('large queues', () => {
  it('property staff of estate B: past 1,000 cases the total is capped (the pager needs no more) and says so; the first page still leads with the running ones', async () => {
    await t.pool.query(
      `INSERT INTO cases (no, estate_id, category, location_kind, title, description, filed_by, filed_by_role, state, level, handler_party,
                          closed_at, close_kind, created_at)
       SELECT 'AJBULK-' || g, $1, 'other', 'estate', '历史案件', '描述', $2, 'property_staff', 'closed', 'company', 'company', now(), 'auto',
              now() - make_interval(days => g % 700)
         FROM generate_series(1, 1050) g`,
      [w.b.estateId, w.staffB.accountId],
    );
    const running = await fileCase(t, w.staffB, { ...commonCase(w), estateId: w.b.estateId }, '/cases');
    const res = await api(t, w.staffB).get('/cases?pageSize=5');
    expect(res.json()).toMatchObject({ total: 1_000, totalCapped: true });
    expect(ids(res)[0]).toBe(running);
    const small = await api(t, w.staffB).get('/cases?state=open');
    expect(small.json().total).toBe(1);
    expect(small.json().totalCapped).toBeUndefined();
  });
});
