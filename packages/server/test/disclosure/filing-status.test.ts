import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { filingJobHandlers } from '../../src/modules/disclosure/filing-jobs.ts';
import { FILINGS_CHECK_JOB } from '../../src/modules/disclosure/filing-overdue.ts';
import { withTx } from '../../src/platform/db.ts';
import { addCalendarDays, filingDueOn, lastCompletePeriodKey, periodBounds, periodLabel, previousPeriodKey } from '@gongzhi/domain';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import {
  api, COMPANY_CONTENT, filingWorld, lastMonth, setCityRule, today, type FilingWorld,
} from './filing-fixture.ts';

// The officers' status by estate around the due day, the city rules, and the daily overdue check.
// The city's rule is monthly with the due days chosen so that the last month's package is due
// exactly today (then exactly yesterday): the boundary is tested on whatever day the tests run.

let t: TestApp;
let w: FilingWorld;
let companyId: number;
const month = lastMonth();

const statusOf = async (who = w.a.street, q = '') => {
  const res = await api(t, who).get(`/disclosure/filing-status?periodKey=${month.key}${q}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const pick = (rows: { estateId: number; party: string }[], estateId: number, party: string) => rows.find((r) => r.estateId === estateId && r.party === party);
const runCheck = (day: string) => withTx(t.pool, (db) => filingJobHandlers[FILINGS_CHECK_JOB]!(db, { day }, { runAt: new Date() } as never));

beforeAll(async () => {
  t = await createTestApp();
  w = await filingWorld(t);
});

describe('disclosure filing status and the overdue check', () => {
  it('committee chair: the city rules are the defaults when the city has none (quarterly, 30 days, street office, 7 days)', async () => {
    const res = await api(t, w.a.committee).get(`/disclosure/city-rules?estateId=${w.a.estateId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ configured: false, periodKind: 'quarter', filingDueDays: 30, fileWith: 'street', answerDays: 7, cityName: '余姚市' });
    expect((await api(t, w.b.owner).get(`/disclosure/city-rules?estateId=${w.a.estateId}`)).statusCode).toBe(404);
  });

  it('owner: reads their city\'s configured rule, with the current period and its due day', async () => {
    await setCityRule(t, w.cityId, { periodKind: 'month', dueDays: month.daysToToday });
    const res = await api(t, w.a.owner).get(`/disclosure/city-rules?estateId=${w.a.estateId}`);
    const current = lastCompletePeriodKey('month', today());
    expect(res.json()).toMatchObject({
      configured: true, periodKind: 'month', periodKindLabel: '月度', currentPeriodKey: current,
      currentDueOn: filingDueOn(periodBounds('month', current)!.end, month.daysToToday),
    });
  });

  it('street officer: on the due day, a package filed today is on time and one not filed yet is pending; only their street\'s estate is shown', async () => {
    const c = await api(t, w.a.manager).post(`/estates/${w.a.estateId}/filings`, { periodKey: month.key });
    expect(c.statusCode, c.body).toBe(200);
    companyId = c.json().id;
    expect(c.json().dueOn).toBe(today());
    await api(t, w.a.manager).patch(`/filings/${companyId}`, { content: COMPANY_CONTENT });
    expect((await api(t, w.a.manager).post(`/filings/${companyId}/file`)).statusCode).toBe(200);
    const s = await statusOf();
    expect(s.rows.map((r: { estateId: number }) => r.estateId).every((id: number) => id === w.a.estateId)).toBe(true);
    expect(pick(s.rows, w.a.estateId, 'company')).toMatchObject({ status: 'on_time', statusLabel: '按时报送', late: false, dueOn: today(), latest: { id: companyId, state: 'filed' } });
    expect(pick(s.rows, w.a.estateId, 'committee')).toMatchObject({ status: 'pending', late: false, latest: null, flagged: false });
    expect(s.summary).toMatchObject({ total: 2, onTime: 1, pending: 1, missing: 0, late: 0 });
  });

  it('street officer: the day after the due day, the package filed is late and the other is missing; the status filter narrows the rows', async () => {
    await setCityRule(t, w.cityId, { periodKind: 'month', dueDays: month.daysToToday - 1 });
    const s = await statusOf();
    expect(pick(s.rows, w.a.estateId, 'company')).toMatchObject({ status: 'late', late: true, dueOn: addCalendarDays(today(), -1) });
    expect(pick(s.rows, w.a.estateId, 'committee')).toMatchObject({ status: 'missing', statusLabel: '逾期未报', late: true });
    const missing = await statusOf(w.a.street, '&status=missing');
    expect(missing.rows.map((r: { party: string }) => r.party)).toEqual(['committee']);
    // the district sees both of its estates' rows, the other district's estate nowhere
    const d = await statusOf(w.a.district);
    expect(new Set(d.rows.map((r: { estateId: number }) => r.estateId))).toEqual(new Set([w.a.estateId]));
  });

  it('city officer: filters by region; the workbook has a row per estate and party', async () => {
    const { signedInAs } = await import('../support/factories.ts');
    const city = await signedInAs(t, { role: 'city_officer', scopeId: w.cityId });
    const all = await statusOf(city);
    expect(new Set(all.rows.map((r: { estateId: number }) => r.estateId))).toEqual(new Set([w.a.estateId, w.b.estateId]));
    const onlyB = await statusOf(city, `&regionId=${w.b.streetId}`);
    expect(new Set(onlyB.rows.map((r: { estateId: number }) => r.estateId))).toEqual(new Set([w.b.estateId]));
    const x = await api(t, w.a.street).get(`/disclosure/filing-status.xlsx?periodKey=${month.key}`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('小区');
    expect(ws.rowCount).toBe(3);
    expect(ws.getRow(2).getCell(6).value).toBe('逾期报送');
    expect(ws.getRow(3).getCell(6).value).toBe('逾期未报');
  });

  it('system: filing scheduled the daily check; the check flags the missing package once, messages the committee and the street office, audits, and schedules the next day', async () => {
    const jobs = await t.pool.query(`SELECT payload FROM jobs WHERE kind = $1`, [FILINGS_CHECK_JOB]);
    expect(jobs.rows.map((r) => r.payload.day)).toContain(addCalendarDays(today(), 1));
    await runCheck(today());
    const flags = await t.pool.query(`SELECT estate_id, party, period_key FROM disclosure_overdue_flags ORDER BY estate_id, party, period_key`);
    const of = (key: string) => flags.rows.filter((r) => r.period_key === key).map((r) => [Number(r.estate_id), r.party]);
    // estate A: the committee's package (the company filed, late); estate B: neither filed
    expect(of(month.key)).toEqual([[w.a.estateId, 'committee'], [w.b.estateId, 'committee'], [w.b.estateId, 'company']]);
    // the two months before are owed too (contract and committee for two years) and long overdue
    const before = previousPeriodKey('month', month.key);
    expect(of(before)).toHaveLength(4);
    expect(of(previousPeriodKey('month', before))).toHaveLength(4);
    expect(flags.rows).toHaveLength(11);
    const label = periodLabel(month.key);
    const msgs = async (id: number) => (await t.pool.query(
      `SELECT subject FROM notifications WHERE account_id = $1 AND subject LIKE '公示备案逾期未报%' AND subject LIKE $2`, [id, `%${label}%`])).rows;
    expect(await msgs(w.a.committee.accountId)).toHaveLength(1);
    expect(await msgs(w.a.street.accountId)).toHaveLength(1);
    expect(await msgs(w.a.manager.accountId)).toHaveLength(0);
    expect(await msgs(w.b.street.accountId)).toHaveLength(2);
    expect(await msgs(w.b.manager.accountId)).toHaveLength(1);
    const audit = await t.pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'disclosure.filing.overdue'`);
    expect(audit.rows[0].n).toBe(11);
    // a second run (a retry, a second server) flags and messages nothing again
    const all = (await t.pool.query(`SELECT count(*)::int AS n FROM notifications`)).rows[0].n;
    await runCheck(today());
    expect((await t.pool.query(`SELECT count(*)::int AS n FROM disclosure_overdue_flags`)).rows[0].n).toBe(11);
    expect((await t.pool.query(`SELECT count(*)::int AS n FROM notifications`)).rows[0].n).toBe(all);
    const next = await t.pool.query(`SELECT run_at FROM jobs WHERE kind = $1 AND dedupe_key = $2`, [FILINGS_CHECK_JOB, `${FILINGS_CHECK_JOB}:${addCalendarDays(today(), 1)}`]);
    expect(next.rows).toHaveLength(1);
    expect(new Date(next.rows[0].run_at).toISOString()).toBe(new Date(`${addCalendarDays(today(), 1)}T01:00:00+08:00`).toISOString());
    const s = await statusOf();
    expect(pick(s.rows, w.a.estateId, 'committee')).toMatchObject({ status: 'missing', flagged: true });
    expect(pick(s.rows, w.a.estateId, 'company')).toMatchObject({ flagged: false });
  });

  it('system: on the due day itself nothing is flagged yet', async () => {
    await t.pool.query(`DELETE FROM disclosure_overdue_flags`);
    await setCityRule(t, w.cityId, { periodKind: 'month', dueDays: month.daysToToday });
    await runCheck(today());
    // the month before is long overdue under this rule, but this month is not
    const f = await t.pool.query(`SELECT count(*)::int AS n FROM disclosure_overdue_flags WHERE period_key = $1`, [month.key]);
    expect(f.rows[0].n).toBe(0);
  });
  it('district officer: where the city files with the district, a package goes to the district bureau; a street officer may not review it (403)', async () => {
    await setCityRule(t, w.cityId, { periodKind: 'month', dueDays: 120, fileWith: 'district' });
    const key = previousPeriodKey('month', month.key);
    const c = await api(t, w.a.manager).post(`/estates/${w.a.estateId}/filings`, { periodKey: key });
    expect(c.statusCode, c.body).toBe(200);
    await api(t, w.a.manager).patch(`/filings/${c.json().id}`, { content: COMPANY_CONTENT });
    expect((await api(t, w.a.manager).post(`/filings/${c.json().id}/file`)).statusCode).toBe(200);
    const row = await t.pool.query(`SELECT filed_with, filed_with_region_id FROM disclosure_filings WHERE id = $1`, [c.json().id]);
    expect(row.rows[0]).toMatchObject({ filed_with: 'district', filed_with_region_id: w.a.districtId });
    const told = await t.pool.query(`SELECT count(*)::int AS n FROM notifications WHERE account_id = $1 AND subject LIKE '公示备案待审核%'`, [w.a.district.accountId]);
    expect(told.rows[0].n).toBe(1);
    const street = await api(t, w.a.street).post(`/filings/${c.json().id}/acknowledge`, {});
    expect(street.statusCode).toBe(403);
    expect(street.json().message).toContain('区（县）房管部门');
    expect((await api(t, w.a.district).get(`/filings/${c.json().id}`)).json().availableActions).toEqual(['acknowledge', 'return']);
    expect((await api(t, w.a.district).post(`/filings/${c.json().id}/acknowledge`, {})).json().state).toBe('acknowledged');
  });
});
