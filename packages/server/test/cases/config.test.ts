import { DEFAULT_CASE_DEADLINES } from '@gongzhi/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { withClient } from '../../src/platform/db.ts';
import { autoCloseDays, deadlineRuleFor, routeFor } from '../../src/modules/cases/case-rules.ts';
import { apiAs } from '../support/api.ts';
import { signedInAs } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { configWorld, type ConfigWorld } from './config-fixture.ts';

// An estate's case rules (GET/PUT /estates/:id/case-rules) and the helpers the writers use
// (routeFor, deadlineRuleFor, autoCloseDays): defaults until set, set and reset by those holding
// case.configure, audited, a department only when the estate's street may call it, bad input
// named and changing nothing.

let t: TestApp;
let w: ConfigWorld;

type Rules = {
  routing: { category: string; party: string; departmentId: number | null; departmentName: string | null; isDefault: boolean }[];
  deadlines: { category: string; priority: string; respondAmount: number; respondUnit: string; resolveAmount: number; resolveUnit: string; isDefault: boolean }[];
  autoCloseDays: number;
  autoCloseIsDefault: boolean;
};
const rules = async (estateId: number): Promise<Rules> => {
  const res = await apiAs(t, w.chair).get(`/estates/${estateId}/case-rules`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const put = (who: typeof w.chair, estateId: number, body: unknown) =>
  t.request({ method: 'PUT', url: `/api/v1/estates/${estateId}/case-rules`, cookie: who.cookie, body });
const routeOf = (r: Rules, category: string) => r.routing.find((x) => x.category === category)!;
const deadlineOf = (r: Rules, category: string, priority: string) => r.deadlines.find((x) => x.category === category && x.priority === priority)!;
const stored = async () => {
  const q = async (sql: string) => (await t.pool.query(sql)).rows;
  return {
    routing: await q('SELECT * FROM case_routing_rules ORDER BY estate_id, category'),
    deadlines: await q('SELECT * FROM case_deadline_rules ORDER BY estate_id, category, priority'),
    settings: await q('SELECT * FROM case_settings ORDER BY estate_id'),
    audits: await q(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.rules.update'`),
  };
};
const fields = (res: { json(): { details: { issues: { field: string }[] } } }) => res.json().details.issues.map((i) => i.field);
const helpers = <T>(fn: (db: Parameters<typeof routeFor>[0]) => Promise<T>) => withClient(t.pool, fn);

beforeAll(async () => {
  t = await createTestApp();
  w = await configWorld(t);
});

describe('defaults', () => {
  it('committee chair: every category and priority at the default; illegal construction to the street\'s urban-management squad; 7 days', async () => {
    const r = await rules(w.estates.cuizhu);
    expect(r.routing).toHaveLength(11);
    expect(r.routing.every((x) => x.isDefault)).toBe(true);
    expect(routeOf(r, 'common_repair')).toMatchObject({ party: 'company', departmentId: null });
    expect(routeOf(r, 'company_conduct')).toMatchObject({ party: 'committee' });
    expect(routeOf(r, 'committee_conduct')).toMatchObject({ party: 'community' });
    expect(routeOf(r, 'illegal_construction')).toMatchObject({ party: 'department', departmentId: w.departments.streetUrban, departmentName: '明德街道城管执法中队' });
    expect(r.deadlines).toHaveLength(22);
    expect(deadlineOf(r, 'common_repair', 'urgent')).toEqual({
      category: 'common_repair', categoryLabel: '共用部位报修', priority: 'urgent', priorityLabel: '紧急', ...DEFAULT_CASE_DEADLINES.common_repair.urgent, isDefault: true,
    });
    expect(r).toMatchObject({ autoCloseDays: 7, autoCloseIsDefault: true, estateName: '翠竹苑' });
  });

  it('routeFor: a default department kind goes to the nearest department of that kind — the street\'s, else the district\'s, else the community', async () => {
    await helpers(async (db) => {
      expect(await routeFor(db, w.estates.cuizhu, 'illegal_construction')).toEqual({ party: 'department', departmentId: w.departments.streetUrban });
      // 长乐 has no department of its own: 东湖区's urban management
      expect(await routeFor(db, w.estates.changle, 'illegal_construction')).toEqual({ party: 'department', departmentId: w.departments.districtUrban });
      // 远山: no urban management at its street, district or city
      expect(await routeFor(db, w.estates.far, 'illegal_construction')).toEqual({ party: 'community', departmentId: null });
      expect(await routeFor(db, w.estates.far, 'noise')).toEqual({ party: 'company', departmentId: null });
      expect(await deadlineRuleFor(db, w.estates.far, 'fire_safety', 'urgent')).toEqual({ ...DEFAULT_CASE_DEADLINES.fire_safety.urgent, isDefault: true });
      expect(await autoCloseDays(db, w.estates.far)).toBe(7);
    });
  });
});

describe('setting the rules', () => {
  it('community officer: sets routing, deadlines and auto-close days; the read and the helpers follow; one audit event with what changed', async () => {
    const res = await put(w.community, w.estates.cuizhu, {
      routing: [
        { category: 'cleaning', party: 'secretary' },
        { category: 'fire_safety', party: 'department', departmentId: w.departments.districtFire },
      ],
      deadlines: [{ category: 'common_repair', priority: 'normal', respondAmount: 4, respondUnit: 'working_hours', resolveAmount: 3, resolveUnit: 'working_days' }],
      autoCloseDays: 10,
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as Rules;
    expect(routeOf(r, 'cleaning')).toMatchObject({ party: 'secretary', departmentId: null, isDefault: false });
    expect(routeOf(r, 'fire_safety')).toMatchObject({ party: 'department', departmentId: w.departments.districtFire, departmentName: '东湖区消防救援大队', isDefault: false });
    expect(routeOf(r, 'noise').isDefault).toBe(true);
    expect(deadlineOf(r, 'common_repair', 'normal')).toMatchObject({ respondAmount: 4, respondUnit: 'working_hours', resolveAmount: 3, resolveUnit: 'working_days', isDefault: false });
    expect(deadlineOf(r, 'common_repair', 'urgent').isDefault).toBe(true);
    expect(r).toMatchObject({ autoCloseDays: 10, autoCloseIsDefault: false });
    expect(await rules(w.estates.cuizhu)).toEqual(r);

    await helpers(async (db) => {
      expect(await routeFor(db, w.estates.cuizhu, 'cleaning')).toEqual({ party: 'secretary', departmentId: null });
      expect(await routeFor(db, w.estates.cuizhu, 'fire_safety')).toEqual({ party: 'department', departmentId: w.departments.districtFire });
      expect(await deadlineRuleFor(db, w.estates.cuizhu, 'common_repair', 'normal'))
        .toEqual({ respondAmount: 4, respondUnit: 'working_hours', resolveAmount: 3, resolveUnit: 'working_days', isDefault: false });
      expect(await autoCloseDays(db, w.estates.cuizhu)).toBe(10);
      // another estate keeps the defaults
      expect(await routeFor(db, w.estates.qingsong, 'cleaning')).toEqual({ party: 'company', departmentId: null });
      expect(await autoCloseDays(db, w.estates.qingsong)).toBe(7);
    });

    const a = await t.pool.query(`SELECT actor_account_id, estate_id, summary FROM audit_events WHERE action = 'case.rules.update' ORDER BY seq`);
    expect(a.rows).toHaveLength(1);
    expect(Number(a.rows[0].actor_account_id)).toBe(w.community.accountId);
    expect(Number(a.rows[0].estate_id)).toBe(w.estates.cuizhu);
    expect(Object.keys(a.rows[0].summary.routing).sort()).toEqual(['cleaning', 'fire_safety']);
    expect(a.rows[0].summary.routing.cleaning).toEqual({
      before: { party: 'company', departmentId: null, isDefault: true }, after: { party: 'secretary', departmentId: null, isDefault: false },
    });
    expect(Object.keys(a.rows[0].summary.deadlines)).toEqual(['common_repair:normal']);
    expect(a.rows[0].summary.autoCloseDays).toEqual({ before: 7, after: 10 });
  });

  it('committee chair: resets a category and a deadline to the default; the rows are gone', async () => {
    const res = await put(w.chair, w.estates.cuizhu, { resetRouting: ['cleaning'], resetDeadlines: [{ category: 'common_repair', priority: 'normal' }] });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as Rules;
    expect(routeOf(r, 'cleaning')).toMatchObject({ party: 'company', isDefault: true });
    expect(routeOf(r, 'fire_safety').isDefault).toBe(false);
    expect(deadlineOf(r, 'common_repair', 'normal')).toMatchObject({ ...DEFAULT_CASE_DEADLINES.common_repair.normal, isDefault: true });
    const s = await stored();
    expect(s.routing.map((x) => x.category)).toEqual(['fire_safety']);
    expect(s.deadlines).toEqual([]);
  });

  it('street officer: a department of another street is refused (400 body.routing.0.departmentId), nothing changes', async () => {
    const before = await stored();
    const res = await put(w.street, w.estates.cuizhu, {
      routing: [{ category: 'security', party: 'department', departmentId: w.departments.farPolice }],
      autoCloseDays: 3,
    });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['body.routing.0.departmentId']);
    expect(res.json().message).toContain('可召集');
    expect(await stored()).toEqual(before);
  });

  it('committee chair: a district department is callable from 长乐 (no street department), not from 远山', async () => {
    const chair2 = await signedInAs(t, { role: 'committee_chair', scopeId: w.estates.changle });
    const ok = await put(chair2, w.estates.changle, { routing: [{ category: 'fire_safety', party: 'department', departmentId: w.departments.districtFire }] });
    expect(ok.statusCode, ok.body).toBe(200);
    const farChair = await signedInAs(t, { role: 'committee_chair', scopeId: w.estates.far });
    const refused = await put(farChair, w.estates.far, { routing: [{ category: 'fire_safety', party: 'department', departmentId: w.departments.districtFire }] });
    expect(refused.statusCode).toBe(400);
    expect(fields(refused)).toEqual(['body.routing.0.departmentId']);
  });

  it('committee chair: bad input names the field and changes nothing', async () => {
    const before = await stored();
    const cases: [unknown, string[]][] = [
      [{}, ['body']],
      [{ routing: [{ category: 'security', party: 'department' }] }, ['body.routing.0.departmentId']],
      [{ routing: [{ category: 'security', party: 'company', departmentId: w.departments.streetUrban }] }, ['body.routing.0.departmentId']],
      [{ routing: [{ category: 'security', party: 'street' }] }, ['body.routing.0.party']],
      [{ routing: [{ category: 'security', party: 'company' }, { category: 'security', party: 'committee' }] }, ['body.routing.1.category']],
      [{ routing: [{ category: 'security', party: 'company' }], resetRouting: ['security'] }, ['body.resetRouting.0']],
      [{ deadlines: [{ category: 'noise', priority: 'normal', respondAmount: 6, respondUnit: 'working_days', resolveAmount: 5, resolveUnit: 'working_days' }] },
        ['body.deadlines.0.respondAmount']],
      [{ deadlines: [{ category: 'noise', priority: 'normal', respondAmount: 0, respondUnit: 'working_hours', resolveAmount: 1001, resolveUnit: 'weeks' }] },
        ['body.deadlines.0.resolveAmount', 'body.deadlines.0.resolveUnit', 'body.deadlines.0.respondAmount']],
      [{ deadlines: [{ category: 'noise', priority: 'asap', respondAmount: 1, respondUnit: 'working_hours', resolveAmount: 1, resolveUnit: 'working_days' }] },
        ['body.deadlines.0.priority']],
      [{ autoCloseDays: 61 }, ['body.autoCloseDays']],
      [{ autoCloseDays: 2.5 }, ['body.autoCloseDays']],
      // a valid routing next to a bad auto-close: the routing is not written either
      [{ routing: [{ category: 'parking', party: 'committee' }], autoCloseDays: 0 }, ['body.autoCloseDays']],
    ];
    for (const [body, want] of cases) {
      const res = await put(w.chair, w.estates.cuizhu, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(fields(res).sort(), JSON.stringify(body)).toEqual(want);
    }
    const respondLate = await put(w.chair, w.estates.cuizhu, {
      deadlines: [{ category: 'noise', priority: 'normal', respondAmount: 6, respondUnit: 'working_days', resolveAmount: 5, resolveUnit: 'working_days' }],
    });
    expect(respondLate.json().message).toContain('响应时限不能长于办结时限');
    expect(await stored()).toEqual(before);
  });
});

describe('who may read and set them', () => {
  it('property staff: reads (case.read) but may not set (403)', async () => {
    expect((await apiAs(t, w.staff).get(`/estates/${w.estates.cuizhu}/case-rules`)).statusCode).toBe(200);
    expect((await put(w.staff, w.estates.cuizhu, { autoCloseDays: 5 })).statusCode).toBe(403);
  });

  it('property manager: reads but may not set (403): the company would route complaints about itself', async () => {
    expect((await apiAs(t, w.manager).get(`/estates/${w.estates.cuizhu}/case-rules`)).statusCode).toBe(200);
    const before = await stored();
    expect((await put(w.manager, w.estates.cuizhu, { routing: [{ category: 'company_conduct', party: 'company' }] })).statusCode).toBe(403);
    expect(await stored()).toEqual(before);
  });

  it('committee chair of 翠竹苑: another estate is 404 for reading and setting', async () => {
    expect((await apiAs(t, w.chair).get(`/estates/${w.estates.qingsong}/case-rules`)).statusCode).toBe(404);
    expect((await put(w.chair, w.estates.qingsong, { autoCloseDays: 5 })).statusCode).toBe(404);
  });

  it('department officer: reads the rules of estates its department serves, 404 elsewhere; never sets (403)', async () => {
    const res = await apiAs(t, w.fireOfficer).get(`/estates/${w.estates.changle}/case-rules`);
    expect(res.statusCode, res.body).toBe(200);
    expect(routeOf(res.json(), 'fire_safety')).toMatchObject({ departmentId: w.departments.districtFire });
    expect((await apiAs(t, w.fireOfficer).get(`/estates/${w.estates.far}/case-rules`)).statusCode).toBe(404);
    // the street squad serves 明德's estates only
    expect((await apiAs(t, w.urbanOfficer).get(`/estates/${w.estates.changle}/case-rules`)).statusCode).toBe(404);
    expect((await put(w.fireOfficer, w.estates.changle, { autoCloseDays: 5 })).statusCode).toBe(403);
  });

  it('owner: 403 for both', async () => {
    expect((await apiAs(t, w.owner).get(`/estates/${w.estates.cuizhu}/case-rules`)).statusCode).toBe(403);
    expect((await put(w.owner, w.estates.cuizhu, { autoCloseDays: 5 })).statusCode).toBe(403);
  });

  it('street officer of 远山: 翠竹苑 is not in its region (404)', async () => {
    expect((await apiAs(t, w.farStreet).get(`/estates/${w.estates.cuizhu}/case-rules`)).statusCode).toBe(404);
    expect((await put(w.farStreet, w.estates.cuizhu, { autoCloseDays: 5 })).statusCode).toBe(404);
  });
});
