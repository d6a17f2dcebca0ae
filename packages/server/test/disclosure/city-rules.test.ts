import { beforeAll, describe, expect, it } from 'vitest';
import { createRegionTree, signedInAs } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, publishedNotice, questionWorld, type QuestionWorld, type Signed } from './question-fixture.ts';

// A city's disclosure rule set by its city officer (PUT /disclosure/city-rules/:cityRegionId):
// later questions follow the new answer days; other officers are refused; bad input changes nothing.

let t: TestApp;
let w: QuestionWorld;
let cityId: number;
let otherCityId: number;
let city: Signed;
let notice: number;

const put = (who: Signed, id: number, body: unknown) =>
  t.request({ method: 'PUT', url: `/api/v1/disclosure/city-rules/${id}`, cookie: who.cookie, body });
const rulesRow = async (id: number) =>
  (await t.pool.query(`SELECT period_kind, filing_due_days, file_with, answer_days FROM disclosure_city_rules WHERE city_region_id = $1`, [id])).rows;
const audits = async () =>
  (await t.pool.query(`SELECT actor_account_id, target_id, summary FROM audit_events WHERE action = 'disclosure.city_rules.update' ORDER BY seq`)).rows;

beforeAll(async () => {
  t = await createTestApp();
  w = await questionWorld(t);
  const c = await t.pool.query(`SELECT split_part(c.path, '/', 2)::bigint AS city FROM estates e JOIN regions c ON c.id = e.community_id WHERE e.id = $1`, [w.a.estateId]);
  cityId = Number(c.rows[0].city);
  otherCityId = (await createRegionTree(t.pool, { names: { city: '他市' } })).cityId;
  city = await signedInAs(t, { role: 'city_officer', scopeId: cityId });
  notice = await publishedNotice(t, w.a.estateId, { title: '电梯维保公告', publisherKind: 'company' });
});

describe('city officer sets the city rule', () => {
  it('city officer: reads the city\'s rule for the form (defaults, no row yet); street officer 403; another city 404', async () => {
    const res = await api(t, city).get(`/disclosure/city-rules/${cityId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ cityRegionId: cityId, configured: false, periodKind: 'quarter', filingDueDays: 30, fileWith: 'street', answerDays: 7 });
    expect((await api(t, w.street).get(`/disclosure/city-rules/${cityId}`)).statusCode).toBe(403);
    expect((await api(t, city).get(`/disclosure/city-rules/${otherCityId}`)).statusCode).toBe(404);
  });

  it('city officer: updates the rule (upsert); the estate read shows it; the audit keeps before and after', async () => {
    const res = await put(city, cityId, { periodKind: 'month', filingDueDays: 20, fileWith: 'district', answerDays: 3 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      cityRegionId: cityId, configured: true, periodKind: 'month', filingDueDays: 20, fileWith: 'district', fileWithLabel: '区（县）房管部门', answerDays: 3,
    });
    expect(await rulesRow(cityId)).toEqual([{ period_kind: 'month', filing_due_days: 20, file_with: 'district', answer_days: 3 }]);
    const read = await api(t, w.chair).get(`/disclosure/city-rules?estateId=${w.a.estateId}`);
    expect(read.json()).toMatchObject({ configured: true, periodKind: 'month', answerDays: 3 });
    const again = await put(city, cityId, { periodKind: 'quarter', filingDueDays: 30, fileWith: 'street', answerDays: 5 });
    expect(again.statusCode, again.body).toBe(200);
    expect(await rulesRow(cityId)).toEqual([{ period_kind: 'quarter', filing_due_days: 30, file_with: 'street', answer_days: 5 }]);
    const a = await audits();
    expect(a).toHaveLength(2);
    expect(Number(a[0].actor_account_id)).toBe(city.accountId);
    expect(String(a[0].target_id)).toBe(String(cityId));
    expect(a[0].summary.before).toEqual({ configured: false, periodKind: 'quarter', filingDueDays: 30, fileWith: 'street', answerDays: 7 });
    expect(a[0].summary.after).toEqual({ configured: true, periodKind: 'month', filingDueDays: 20, fileWith: 'district', answerDays: 3 });
    expect(a[1].summary.before).toMatchObject({ periodKind: 'month', answerDays: 3 });
    expect(a[1].summary.after).toMatchObject({ periodKind: 'quarter', answerDays: 5 });
  });

  it('owner: a question asked after the change is due in the new answer days; one asked before keeps its due time', async () => {
    await put(city, cityId, { periodKind: 'quarter', filingDueDays: 30, fileWith: 'street', answerDays: 5 });
    const first = await api(t, w.owner3).post('/my/questions', { subjectType: 'notice', subjectId: notice, body: '维保费用是多少？' });
    expect(first.statusCode, first.body).toBe(200);
    expect(Date.parse(first.json().dueAt) - Date.parse(first.json().askedAt)).toBe(5 * 86_400_000);
    expect((await put(city, cityId, { periodKind: 'quarter', filingDueDays: 30, fileWith: 'street', answerDays: 10 })).statusCode).toBe(200);
    const second = await api(t, w.owner12).post('/my/questions', { subjectType: 'notice', subjectId: notice, body: '何时维保？' });
    expect(second.statusCode, second.body).toBe(200);
    expect(Date.parse(second.json().dueAt) - Date.parse(second.json().askedAt)).toBe(10 * 86_400_000);
    const kept = await t.pool.query(`SELECT due_at FROM disclosure_questions WHERE id = $1`, [first.json().id]);
    expect(new Date(kept.rows[0].due_at).toISOString()).toBe(first.json().dueAt);
  });
});

describe('who may not', () => {
  it('street officer: refused (403, in Chinese) though holding registry.write; nothing changes', async () => {
    const before = await rulesRow(cityId);
    const n = (await audits()).length;
    const res = await put(w.street, cityId, { periodKind: 'month', filingDueDays: 10, fileWith: 'street', answerDays: 2 });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('市级主管部门');
    expect(await rulesRow(cityId)).toEqual(before);
    expect(await audits()).toHaveLength(n);
  });

  it('city officer: another city, a district of their own city, or no such region is 404; nothing is written', async () => {
    const n = (await audits()).length;
    const district = await t.pool.query(`SELECT id FROM regions WHERE level = 'district' AND path LIKE $1 LIMIT 1`, [`/${cityId}/%`]);
    for (const id of [otherCityId, Number(district.rows[0].id), 999_999]) {
      const res = await put(city, id, { periodKind: 'month', filingDueDays: 10, fileWith: 'street', answerDays: 2 });
      expect(res.statusCode, `region ${id}`).toBe(404);
    }
    expect(await rulesRow(otherCityId)).toEqual([]);
    expect(await audits()).toHaveLength(n);
  });

  it('owner: has no registry.write (403)', async () => {
    const res = await put(w.owner3, cityId, { periodKind: 'month', filingDueDays: 10, fileWith: 'street', answerDays: 2 });
    expect(res.statusCode).toBe(403);
  });
});

describe('bad input', () => {
  it('city officer: out-of-range and unknown values are refused naming each field; nothing changes', async () => {
    const before = await rulesRow(cityId);
    const n = (await audits()).length;
    const res = await put(city, cityId, { periodKind: 'week', filingDueDays: 121, fileWith: 'city', answerDays: 0 });
    expect(res.statusCode).toBe(400);
    const issues = res.json().details.issues as { field: string; message: string }[];
    expect(issues.map((i) => i.field).sort()).toEqual(['body.answerDays', 'body.fileWith', 'body.filingDueDays', 'body.periodKind']);
    expect(issues.find((i) => i.field === 'body.answerDays')!.message).toContain('质询答复期限');
    expect(issues.find((i) => i.field === 'body.filingDueDays')!.message).toContain('1至120');
    const half = await put(city, cityId, { periodKind: 'quarter', filingDueDays: 30, fileWith: 'street', answerDays: 2.5 });
    expect(half.statusCode).toBe(400);
    expect(half.json().details.issues[0].field).toBe('body.answerDays');
    expect(await rulesRow(cityId)).toEqual(before);
    expect(await audits()).toHaveLength(n);
  });
});
