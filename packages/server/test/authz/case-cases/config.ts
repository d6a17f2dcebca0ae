import { uniq } from '../../support/factories.ts';
import type { CaseArgs, RouteCase } from '../route-cases.ts';
import { REGION_MARKER } from '../world.ts';
import type { Side } from '../world.ts';

// Authorisation-matrix cases for the cases module's config routes (issue 6): departments, an
// estate's case rules, the figures. Each side has an urban-management department of its street
// (side A's holds the department_officer grant); the figures need a case on each side, seeded
// once: one routed to the side's department (so side A's department officer reads it).

const seeded = new WeakMap<Side, Promise<void>>();

/** One case in the side's estate, routed to the side's department with its call row. */
function seedCase(a: CaseArgs): Promise<void> {
  const s = a.side;
  if (!seeded.has(s)) {
    seeded.set(s, (async () => {
      const pool = a.fx.t.pool;
      const c = await pool.query(
        `INSERT INTO cases (no, estate_id, category, location_kind, title, description, filed_by, filed_by_role, level, handler_party,
                            handler_department_id)
         VALUES ($1, $2, 'illegal_construction', 'estate', $3, '楼顶加盖', $4, 'committee_member', 'department', 'department', $5) RETURNING id`,
        [uniq('AJM'), s.estateId, `违建${s.marker}`, a.fx.login.id, s.departmentId],
      );
      await pool.query(
        `INSERT INTO case_department_calls (case_id, department_id, called_by, instruction, report_due_at)
         VALUES ($1, $2, $3, '按分派规则直接转办', now() + interval '3 days')`,
        [c.rows[0].id, s.departmentId, a.fx.login.id],
      );
    })());
  }
  return seeded.get(s)!;
}

export const CONFIG_CASES: Record<string, RouteCase> = {
  // departments callable from the side's street: side A's roles reach street A only
  'GET /departments': { scope: 'estate', list: true, shows: 'region', build: ({ side }) => ({ url: `/departments?regionId=${side.streetId}` }) },
  // departments are the street's, named by the street's region (estate C's street is street A)
  'POST /departments': {
    scope: 'estate', shows: 'region',
    build: ({ side, target }) => ({ url: '/departments', body: { regionId: side.streetId, kind: 'police', name: `派出所${REGION_MARKER[target]}${uniq()}` } }),
  },
  'PATCH /departments/:id': {
    scope: 'estate', shows: 'region',
    build: ({ side, target }) => ({ url: `/departments/${side.departmentId}`, body: { name: `城管中队${REGION_MARKER[target]}${uniq()}` } }),
  },
  // a department officer reads the rules of the estates its department serves: side A's, and
  // estate C's too (it lies in street A, so department A is callable from it)
  'GET /estates/:id/case-rules': {
    scope: 'estate', shows: 'target', alsoReach: { neighbour: ['department_officer'] },
    build: ({ side }) => ({ url: `/estates/${side.estateId}/case-rules` }),
  },
  // the default auto-close days: the request is real, the estate's behaviour stays as it was
  'PUT /estates/:id/case-rules': {
    scope: 'estate', shows: 'target',
    build: ({ side }) => ({ url: `/estates/${side.estateId}/case-rules`, body: { autoCloseDays: 7 } }),
  },
  'GET /cases/figures': {
    scope: 'estate', list: true, shows: 'target',
    build: async (a) => { await seedCase(a); return { url: `/cases/figures?groupBy=estate&estateId=${a.side.estateId}` }; },
    check: (res, { side }) => (res.json().totals.total >= 1 ? null : `no case of ${side.marker} counted`),
  },
  'GET /cases/figures.xlsx': {
    scope: 'estate', list: true,
    build: async (a) => { await seedCase(a); return { url: `/cases/figures.xlsx?groupBy=department&estateId=${a.side.estateId}` }; },
  },
};
