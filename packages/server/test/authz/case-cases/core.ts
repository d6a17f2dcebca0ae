import type { Role } from '@gongzhi/contracts';
import { uniq } from '../../support/factories.ts';
import type { CaseArgs, RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the cases module's core routes (issue 6, C2): filing, the lists,
// the case page and handling at the rung. Each case writes its own case on the target side: a
// common-area case (the side's owners see it) held by the company, with a call row for the side's
// department (so the department officer of side A sees it, and is refused acting at the company's
// rung). Titles and places carry the side's marker.

const COMPANY: Role[] = ['property_staff', 'property_manager'];

/** An open common-area case of the side at the company's rung, called in to the side's department. */
async function seedCase(a: CaseArgs): Promise<number> {
  const pool = a.fx.t.pool;
  const r = await pool.query(
    `INSERT INTO cases (no, estate_id, category, location_kind, location_text, title, description, filed_by, filed_by_role,
                        level, handler_party, respond_due_at, resolve_due_at, next_due_at, company_id)
     VALUES ($1, $2, 'cleaning', 'common_area', $3, $4, '垃圾三天未清运', $5, 'owner', 'company', 'company',
             now() + interval '1 day', now() + interval '5 days', now() + interval '1 day', $6)
     RETURNING id`,
    [`AJC-${uniq()}`, a.side.estateId, `${a.side.marker}北门${uniq()}`, `${a.side.marker}垃圾未清运`, a.fx.login.id, a.side.companyId],
  );
  const id = Number(r.rows[0].id);
  await pool.query(
    `INSERT INTO case_department_calls (case_id, department_id, called_by, instruction, report_due_at)
     VALUES ($1, $2, $3, '请协助核查', now() + interval '3 days')`,
    [id, a.side.departmentId, a.fx.login.id],
  );
  return id;
}

const fileBody = (a: CaseArgs) => ({
  estateId: a.side.estateId, category: 'cleaning', locationKind: 'common_area', locationText: `${a.side.marker}东门`,
  title: `${a.side.marker}垃圾堆放`, description: '东门垃圾桶满溢',
});

const state = (want: string) => (res: { json(): { state: string } }) => (res.json().state === want ? null : `state ${res.json().state}`);

export const CORE_CASES: Record<string, RouteCase> = {
  'POST /my/cases': {
    scope: 'estate', shows: 'target',
    build: (a) => ({ url: '/my/cases', body: fileBody(a) }),
    check: (res) => (res.json().ownerIsMe === true && res.json().state === 'open' ? null : `filed ${res.body.slice(0, 120)}`),
  },
  'GET /my/cases': {
    scope: 'estate', list: true, shows: 'target',
    build: async (a) => { await seedCase(a); return { url: `/my/cases?scope=estate&estateId=${a.side.estateId}` }; },
  },
  'GET /my/cases/:id': {
    scope: 'estate', shows: 'target',
    build: async (a) => ({ url: `/my/cases/${await seedCase(a)}` }),
  },
  'POST /cases': {
    scope: 'estate', shows: 'target',
    build: (a) => ({ url: '/cases', body: fileBody(a) }),
    check: (res) => (res.json().state === 'open' && res.json().ownerIsMe === false ? null : `filed ${res.body.slice(0, 120)}`),
  },
  'GET /cases': {
    scope: 'estate', list: true, shows: 'target',
    build: async (a) => { await seedCase(a); return { url: `/cases?estateId=${a.side.estateId}` }; },
  },
  'GET /cases.xlsx': {
    scope: 'estate', list: true,
    build: async (a) => { await seedCase(a); return { url: `/cases.xlsx?estateId=${a.side.estateId}` }; },
  },
  'GET /cases/assignees': {
    scope: 'estate',
    build: async (a) => ({ url: `/cases/assignees?caseId=${await seedCase(a)}` }),
  },
  'GET /cases/:id': {
    scope: 'estate', shows: 'target',
    build: async (a) => ({ url: `/cases/${await seedCase(a)}` }),
  },
  // only the company holds the seeded case's rung; the caller assigns it to themselves
  'POST /cases/:id/assign': {
    scope: 'estate', roles: COMPANY, shows: 'target',
    build: async (a) => ({ url: `/cases/${await seedCase(a)}/assign`, body: { assigneeAccountId: a.me.accountId } }),
    check: state('in_progress'),
  },
  'POST /cases/:id/respond': {
    scope: 'estate', roles: COMPANY, shows: 'target',
    build: async (a) => ({ url: `/cases/${await seedCase(a)}/respond`, body: { text: '已安排保洁清运' } }),
    check: state('in_progress'),
  },
  'POST /cases/:id/notes': {
    scope: 'estate', roles: COMPANY, shows: 'target',
    build: async (a) => ({ url: `/cases/${await seedCase(a)}/notes`, body: { text: '清运车辆已派出' } }),
    check: (res) => (res.json().timeline.at(-1)?.kind === 'note' ? null : 'no note'),
  },
  'POST /cases/:id/resolve': {
    scope: 'estate', roles: COMPANY, shows: 'target',
    build: async (a) => ({ url: `/cases/${await seedCase(a)}/resolve`, body: { text: '已清运完毕' } }),
    check: state('resolved'),
  },
};
