import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '../support/api.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { configWorld, insertCase, type ConfigWorld, type FigureCase } from './config-fixture.ts';

// GET /cases/figures(.xlsx): exact counts and integer rates on a small set of cases written
// straight into the table — per estate, street, company and department, within a date range
// (Asia/Shanghai days, inclusive), scoped to what the caller may read; merged duplicates not
// counted.

let t: TestApp;
let w: ConfigWorld;
const RANGE = 'from=2026-10-01&to=2026-10-31';

type Row = { key: number | null; name: string; total: number; byCategory: Record<string, number>; resolved: number; resolvedInTime: number;
  inTimePermille: number; reopened: number; reopenPermille: number; rated: number; avgRatingCenti: number };
const figures = async (who: typeof w.street, query: string): Promise<{ rows: Row[]; totals: Row }> => {
  const res = await apiAs(t, who).get(`/cases/figures?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const rowOf = (f: { rows: Row[] }, name: string) => f.rows.find((r) => r.name === name)!;
const fields = (res: { json(): { details: { issues: { field: string }[] } } }) => res.json().details.issues.map((i) => i.field);
/** the counts only (byCategory checked where it matters) */
const nums = ({ total, resolved, resolvedInTime, inTimePermille, reopened, reopenPermille, rated, avgRatingCenti }: Row) =>
  ({ total, resolved, resolvedInTime, inTimePermille, reopened, reopenPermille, rated, avgRatingCenti });

beforeAll(async () => {
  t = await createTestApp();
  w = await configWorld(t);
  const by = w.chair.accountId;
  const at = (day: string, time = '10:00:00') => `${day}T${time}+08:00`;
  const { cuizhu, qingsong, changle, far } = w.estates;
  const co = w.companyId;
  const add = (c: FigureCase) => insertCase(t, by, c);
  // 翠竹苑 (安居物业)
  await add({ estateId: cuizhu, companyId: co, category: 'common_repair', state: 'closed', inTime: true, rating: 5, createdAt: at('2026-10-10') });
  await add({ estateId: cuizhu, companyId: co, category: 'common_repair', state: 'closed', inTime: false, rating: 4, reopenCount: 1, createdAt: at('2026-10-11') });
  await add({ estateId: cuizhu, companyId: co, category: 'cleaning', state: 'resolved', inTime: true, createdAt: at('2026-10-12') });
  await add({ estateId: cuizhu, companyId: co, category: 'cleaning', state: 'in_progress', reopenCount: 1, createdAt: at('2026-10-13') });
  const survivor = await add({ estateId: cuizhu, companyId: co, category: 'noise', state: 'open', createdAt: at('2026-10-14') });
  await add({ estateId: cuizhu, companyId: co, category: 'noise', state: 'merged', mergedInto: survivor, createdAt: at('2026-10-14', '11:00:00') });
  await add({ estateId: cuizhu, companyId: co, category: 'common_repair', state: 'closed', inTime: true, rating: 2, createdAt: at('2026-08-01') });
  // 青松苑 (no company): one routed to the street's squad, one called in to the squad and the fire brigade
  await add({ estateId: qingsong, category: 'illegal_construction', state: 'closed', inTime: true, rating: 4, departments: [w.departments.streetUrban], createdAt: at('2026-10-15') });
  await add({ estateId: qingsong, category: 'fire_safety', state: 'in_progress', departments: [w.departments.streetUrban, w.departments.districtFire], createdAt: at('2026-10-16') });
  // 长乐苑: the last second of October counts, the first of November does not
  await add({ estateId: changle, category: 'parking', state: 'closed', inTime: false, rating: 1, createdAt: at('2026-10-15') });
  await add({ estateId: changle, category: 'other', state: 'open', createdAt: at('2026-10-31', '23:59:59') });
  await add({ estateId: changle, category: 'other', state: 'open', createdAt: at('2026-11-01', '00:00:00') });
  // 远山花园: another district
  await add({ estateId: far, category: 'parking', state: 'open', createdAt: at('2026-10-20') });
});

describe('figures per group', () => {
  it('street officer: per estate of 明德 — volumes by category, in-time ‰, reopen ‰, average rating in centi; merged and out-of-range cases not counted', async () => {
    const f = await figures(w.street, `groupBy=estate&${RANGE}`);
    expect(f.rows.map((r) => r.name)).toEqual(['翠竹苑', '青松苑']);
    const cz = rowOf(f, '翠竹苑');
    expect(cz.key).toBe(w.estates.cuizhu);
    expect(nums(cz)).toEqual({ total: 5, resolved: 3, resolvedInTime: 2, inTimePermille: 667, reopened: 2, reopenPermille: 400, rated: 2, avgRatingCenti: 450 });
    expect(cz.byCategory).toEqual({
      common_repair: 2, cleaning: 2, security: 0, parking: 0, noise: 1, fees: 0, committee_conduct: 0, company_conduct: 0,
      illegal_construction: 0, fire_safety: 0, other: 0,
    });
    expect(nums(rowOf(f, '青松苑'))).toEqual({ total: 2, resolved: 1, resolvedInTime: 1, inTimePermille: 1000, reopened: 0, reopenPermille: 0, rated: 1, avgRatingCenti: 400 });
    // 13 / 3 = 4.333… → 433; 2 / 7 = 0.2857… → 286
    expect(nums(f.totals)).toEqual({ total: 7, resolved: 4, resolvedInTime: 3, inTimePermille: 750, reopened: 2, reopenPermille: 286, rated: 3, avgRatingCenti: 433 });
    expect(f.totals.name).toBe('合计');
  });

  it('district officer: per street — 长乐 counts the case of 23:59:59 on the last day, not the one of 00:00 the next', async () => {
    const f = await figures(w.district, `groupBy=street&${RANGE}`);
    expect(f.rows.map((r) => [r.name, r.total])).toEqual([['明德街道', 7], ['长乐街道', 2]]);
    expect(rowOf(f, '明德街道').key).toBe(w.streetId);
    expect(nums(rowOf(f, '长乐街道'))).toEqual({ total: 2, resolved: 1, resolvedInTime: 0, inTimePermille: 0, reopened: 0, reopenPermille: 0, rated: 1, avgRatingCenti: 100 });
    expect(nums(f.totals)).toEqual({ total: 9, resolved: 5, resolvedInTime: 3, inTimePermille: 600, reopened: 2, reopenPermille: 222, rated: 4, avgRatingCenti: 350 });
    const nov = await figures(w.district, 'groupBy=street&from=2026-10-01&to=2026-11-01');
    expect(rowOf(nov, '长乐街道').total).toBe(3);
    const all = await figures(w.district, 'groupBy=estate');
    expect(rowOf(all, '翠竹苑').total).toBe(6);
  });

  it('city officer: per company — cases of no company in their own row (key null)', async () => {
    const f = await figures(w.city, `groupBy=company&${RANGE}`);
    expect(f.rows).toHaveLength(2);
    expect(rowOf(f, '安居物业')).toMatchObject({ key: w.companyId, total: 5 });
    // 青松苑 2, 长乐苑 2, 远山花园 1
    expect(rowOf(f, '未关联物业服务企业')).toMatchObject({ key: null, total: 5 });
    expect(f.totals.total).toBe(10);
  });

  it('district officer: per department — a case called in to two departments is in both rows, once in the totals', async () => {
    const f = await figures(w.district, `groupBy=department&${RANGE}`);
    expect(f.rows.map((r) => [r.name, r.key, r.total])).toEqual([
      ['明德街道城管执法中队', w.departments.streetUrban, 2],
      ['东湖区消防救援大队', w.departments.districtFire, 1],
    ]);
    expect(nums(rowOf(f, '明德街道城管执法中队'))).toEqual({ total: 2, resolved: 1, resolvedInTime: 1, inTimePermille: 1000, reopened: 0, reopenPermille: 0, rated: 1, avgRatingCenti: 400 });
    expect(f.totals.total).toBe(2);
  });

  it('street officer: a category filter counts that category only', async () => {
    const f = await figures(w.street, `groupBy=estate&${RANGE}&category=common_repair`);
    expect(f.rows.map((r) => [r.name, r.total])).toEqual([['翠竹苑', 2]]);
    expect(nums(f.totals)).toEqual({ total: 2, resolved: 2, resolvedInTime: 1, inTimePermille: 500, reopened: 1, reopenPermille: 500, rated: 2, avgRatingCenti: 450 });
  });

  it('nothing in range: empty rows and zero totals (no division by zero)', async () => {
    const f = await figures(w.street, 'groupBy=estate&from=2025-01-01&to=2025-01-31');
    expect(f.rows).toEqual([]);
    expect(nums(f.totals)).toEqual({ total: 0, resolved: 0, resolvedInTime: 0, inTimePermille: 0, reopened: 0, reopenPermille: 0, rated: 0, avgRatingCenti: 0 });
  });
});

describe('scope', () => {
  it('property staff: only its company\'s estate', async () => {
    const f = await figures(w.staff, `groupBy=estate&${RANGE}`);
    expect(f.rows.map((r) => r.name)).toEqual(['翠竹苑']);
    expect(f.totals.total).toBe(5);
  });

  it('department officer: only the cases it was called in on, and only its own department row', async () => {
    const urban = await figures(w.urbanOfficer, `groupBy=estate&${RANGE}`);
    expect(urban.rows.map((r) => [r.name, r.total])).toEqual([['青松苑', 2]]);
    const byDept = await figures(w.urbanOfficer, `groupBy=department&${RANGE}`);
    expect(byDept.rows.map((r) => r.name)).toEqual(['明德街道城管执法中队']);
    expect(byDept.totals.total).toBe(2);
    const fire = await figures(w.fireOfficer, `groupBy=department&${RANGE}`);
    expect(fire.rows.map((r) => [r.name, r.total])).toEqual([['东湖区消防救援大队', 1]]);
    expect(fire.totals.total).toBe(1);
    expect((await figures(w.farPoliceOfficer, `groupBy=estate&${RANGE}`)).totals.total).toBe(0);
  });

  it('street officer: estateId narrows to one estate; an estate outside its street is 404', async () => {
    const f = await figures(w.street, `groupBy=estate&${RANGE}&estateId=${w.estates.qingsong}`);
    expect(f.rows.map((r) => r.name)).toEqual(['青松苑']);
    expect((await apiAs(t, w.street).get(`/cases/figures?estateId=${w.estates.changle}`)).statusCode).toBe(404);
  });

  it('owner: no case.read (403)', async () => {
    expect((await apiAs(t, w.owner).get('/cases/figures')).statusCode).toBe(403);
    expect((await apiAs(t, w.owner).get('/cases/figures.xlsx')).statusCode).toBe(403);
  });

  it('bad query names the field', async () => {
    const bad = async (q: string, want: string[]) => {
      const res = await apiAs(t, w.street).get(`/cases/figures?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(fields(res).sort(), q).toEqual(want);
    };
    await bad('groupBy=floor', ['querystring.groupBy']);
    await bad('from=2026-13-01', ['querystring.from']);
    await bad('category=weather', ['querystring.category']);
    await bad('from=2026-10-31&to=2026-10-01', ['querystring.to']);
  });
});

describe('Excel', () => {
  it('street officer: the workbook has the page\'s numbers — a row per estate, the totals, rates as percentages', async () => {
    const res = await apiAs(t, w.street).get(`/cases/figures.xlsx?groupBy=estate&${RANGE}`);
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain('case-figures-');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['小区', '案件数', '共用部位报修']);
    expect(header.slice(-7)).toEqual(['已办结', '按时办结', '按时办结率', '重新办理', '返工率', '评价数', '平均评分']);
    const row = (n: number) => {
      const v = (ws.getRow(n).values as unknown[]).slice(1);
      const at = (h: string) => v[header.indexOf(h)];
      return { name: at('小区'), total: at('案件数'), repair: at('共用部位报修'), inTime: at('按时办结率'), reopen: at('返工率'), rating: at('平均评分') };
    };
    expect(row(2)).toEqual({ name: '翠竹苑', total: 5, repair: 2, inTime: 0.667, reopen: 0.4, rating: 4.5 });
    expect(row(3)).toEqual({ name: '青松苑', total: 2, repair: 0, inTime: 1, reopen: 0, rating: 4 });
    expect(row(4)).toEqual({ name: '合计', total: 7, repair: 2, inTime: 0.75, reopen: 0.286, rating: 4.33 });
    expect(ws.getColumn(header.indexOf('按时办结率') + 1).numFmt).toBe('0.0%');
  });
});
