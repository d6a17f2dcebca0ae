import type { Role } from '@gongzhi/contracts';
import { uniq } from '../../support/factories.ts';
import type { CaseArgs, RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the cases module's escalation routes (issue 6, C3). Each case
// writes its own case row on the target side, at the rung and in the state the route acts on, so
// an allowed call is a real 2xx: the owner escalates, confirms or reopens their own case; the
// street office calls in its street's department; that department reports; the company holding a
// case sees its duplicates and merges one; the committee and officers verify a complaint.

const COMPANY: Role[] = ['property_staff', 'property_manager'];

interface Seed {
  level?: 'company' | 'committee' | 'community' | 'street' | 'department';
  state?: 'open' | 'in_progress' | 'resolved';
  /** the owner principal's own case on side A; somebody else's on side B */
  mine?: boolean;
  /** a call row for the side's department: its officer sees the case (and is refused acting) */
  called?: boolean;
  /** the common area's name (default: one of its own, so earlier cases are no duplicates) */
  place?: string;
}

/** A case on the target side (a unit case of the side's owner unit; common area when not mine). */
async function seedCase(a: CaseArgs, s: Seed = {}): Promise<number> {
  const pool = a.fx.t.pool;
  const level = s.level ?? 'company';
  const state = s.state ?? 'open';
  const owner = s.mine ? (a.target === 'own' ? a.me.accountId : a.fx.stranger.accountId) : null;
  const resolved = state === 'resolved';
  const r = await pool.query(
    `INSERT INTO cases (no, estate_id, category, location_kind, unit_id, location_text, title, description, owner_account_id,
                        filed_by, filed_by_role, state, level, handler_party, handler_department_id, respond_due_at, resolve_due_at,
                        next_due_at, first_responded_at, resolved_at, auto_close_at, company_id)
     VALUES ($1, $2, 'company_conduct', $3, $4, $5, $6, '描述', $7, $8, 'owner', $9, $10, $10, $11,
             now() + interval '1 day', now() + interval '5 days', CASE WHEN $12 THEN NULL ELSE now() + interval '1 day' END,
             CASE WHEN $9 <> 'open' THEN now() END, CASE WHEN $12 THEN now() END, CASE WHEN $12 THEN now() + interval '7 days' END, $13)
     RETURNING id`,
    [
      `AJM-${uniq()}`, a.side.estateId, owner ? 'unit' : 'common_area', owner ? a.side.unitId : null, owner ? null : (s.place ?? `${a.side.marker}北门${uniq()}`),
      `${a.side.marker}物业不作为`, owner, owner ?? a.fx.login.id, state, level, level === 'department' ? a.side.departmentId : null,
      resolved, a.side.companyId,
    ],
  );
  const id = Number(r.rows[0].id);
  if (s.called || level === 'department') {
    await pool.query(
      `INSERT INTO case_department_calls (case_id, department_id, called_by, instruction, report_due_at)
       VALUES ($1, $2, $3, '请到场核查', now() + interval '3 days')`,
      [id, a.side.departmentId, a.fx.login.id],
    );
  }
  return id;
}

const state = (want: string) => (res: { json(): { state: string } }) => (res.json().state === want ? null : `state ${res.json().state}`);

export const ESCALATION_CASES: Record<string, RouteCase> = {
  'POST /my/cases/:id/escalate': {
    scope: 'estate', shows: 'target',
    build: async (a) => ({ url: `/my/cases/${await seedCase(a, { mine: true })}/escalate`, body: { toLevel: 'committee', reason: '物业一周未回复' } }),
    check: (res) => (res.json().level === 'committee' ? null : `level ${res.json().level}`),
  },
  'POST /my/cases/:id/confirm': {
    scope: 'estate', shows: 'target',
    build: async (a) => ({ url: `/my/cases/${await seedCase(a, { mine: true, state: 'resolved' })}/confirm`, body: { rating: 5, comment: '满意' } }),
    check: state('closed'),
  },
  'POST /my/cases/:id/reopen': {
    scope: 'estate', shows: 'target',
    build: async (a) => ({ url: `/my/cases/${await seedCase(a, { mine: true, state: 'resolved' })}/reopen`, body: { reason: '仍未修好' } }),
    check: state('in_progress'),
  },
  'POST /cases/:id/call-departments': {
    scope: 'estate', shows: 'target',
    build: async (a) => ({
      url: `/cases/${await seedCase(a, { level: 'street' })}/call-departments`,
      body: { departmentIds: [a.side.departmentId], instruction: '请城管中队到场核查' },
    }),
    check: (res) => (res.json().level === 'department' && res.json().departmentCalls.length === 1 ? null : `level ${res.json().level}`),
  },
  'POST /cases/:id/report': {
    scope: 'estate', roles: ['department_officer'], shows: 'target',
    build: async (a) => ({ url: `/cases/${await seedCase(a, { level: 'department' })}/report`, body: { text: '已到场处置' } }),
    check: (res) => (res.json().departmentCalls[0]?.reportText === '已到场处置' ? null : 'no report'),
  },
  'GET /cases/:id/duplicates': {
    scope: 'estate', roles: COMPANY, shows: 'target',
    build: async (a) => {
      const place = `${a.side.marker}北门${uniq()}`;
      const id = await seedCase(a, { called: true, place });
      await seedCase(a, { called: true, place });
      return { url: `/cases/${id}/duplicates` };
    },
    check: (res) => (Array.isArray(res.json()) && res.json().length === 1 ? null : `duplicates ${res.body.slice(0, 80)}`),
  },
  'POST /cases/:id/merge': {
    scope: 'estate', roles: COMPANY, shows: 'target',
    build: async (a) => {
      const dup = await seedCase(a, { called: true });
      return { url: `/cases/${dup}/merge`, body: { intoCaseId: await seedCase(a, { called: true }) } };
    },
    check: state('merged'),
  },
  'POST /cases/:id/verify': {
    scope: 'estate', shows: 'target',
    build: async (a) => ({ url: `/cases/${await seedCase(a)}/verify`, body: { note: '经核实物业未按约定保洁' } }),
    check: (res) => (res.json().verifiedAt ? null : 'not verified'),
  },
};
