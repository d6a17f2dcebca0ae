import type { Role } from '@gongzhi/contracts';
import type { CaseArgs, RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the disclosure module's questions routes (issue 5, D4). Each case
// makes its own question on the target side (subject titles carry the side's marker), so an
// allowed call is a real 2xx: answers to a committee question, supervision of an escalated one.

const COMMITTEE: Role[] = ['committee_member', 'committee_chair', 'committee_secretary'];

/** A published notice of the side (owners' audience). */
async function notice(a: CaseArgs): Promise<number> {
  const r = await a.fx.t.pool.query(
    `INSERT INTO notices (estate_id, kind, title, body, audience, publisher_kind, publisher_name, state, published_at)
     VALUES ($1, 'notice', $2, '正文', 'owners', 'committee', $3, 'published', now()) RETURNING id`,
    [a.side.estateId, `${a.side.marker}停水通知`, `业委会${a.side.marker}`],
  );
  return Number(r.rows[0].id);
}

/** A question on the side's notice, put to the committee, in `state`. */
async function question(a: CaseArgs, state: 'open' | 'escalated' = 'open'): Promise<number> {
  const subjectId = await notice(a);
  const r = await a.fx.t.pool.query(
    `INSERT INTO disclosure_questions (estate_id, subject_type, subject_id, subject_title, responsible, asked_by, asker_label, body,
                                      asked_at, due_at, state, escalated_at)
     VALUES ($1, 'notice', $2, $3, 'committee', $4, '1栋业主', '何时来水？',
             now() - interval '8 days', now() - interval '1 day' + CASE WHEN $5 = 'open' THEN interval '8 days' ELSE interval '0' END,
             $5, CASE WHEN $5 = 'escalated' THEN now() END) RETURNING id`,
    [a.side.estateId, subjectId, `${a.side.marker}停水通知`, a.fx.login.id, state],
  );
  return Number(r.rows[0].id);
}

export const QUESTIONS_CASES: Record<string, RouteCase> = {
  'POST /my/questions': {
    scope: 'estate', shows: 'target',
    build: async (a) => ({ url: '/my/questions', body: { subjectType: 'notice', subjectId: await notice(a), body: '何时来水？' } }),
    check: (res) => (res.json().mine === true && res.json().askerLabel.endsWith('业主') ? null : `asked ${res.body.slice(0, 120)}`),
  },
  'GET /my/questions': {
    scope: 'estate', list: true, shows: 'target',
    build: async (a) => { await question(a); return { url: `/my/questions?estateId=${a.side.estateId}` }; },
  },
  'GET /questions': {
    scope: 'estate', list: true, shows: 'target',
    build: async (a) => { await question(a); return { url: `/questions?estateId=${a.side.estateId}` }; },
  },
  'GET /questions.xlsx': {
    scope: 'estate', list: true,
    build: async (a) => { await question(a); return { url: `/questions.xlsx?estateId=${a.side.estateId}` }; },
  },
  'GET /questions/:id': {
    scope: 'estate', shows: 'target',
    build: async (a) => ({ url: `/questions/${await question(a)}` }),
  },
  'POST /questions/:id/answer': {
    scope: 'estate', roles: COMMITTEE, shows: 'target',
    build: async (a) => ({ url: `/questions/${await question(a)}/answer`, body: { answer: '明日来水。' } }),
    check: (res) => (res.json().state === 'answered' ? null : `state ${res.json().state}`),
  },
  'POST /questions/:id/supervise': {
    scope: 'estate', shows: 'target',
    build: async (a) => ({ url: `/questions/${await question(a, 'escalated')}/supervise`, body: { note: '请尽快答复' } }),
    check: (res) => (res.json().supervisionNote === '请尽快答复' ? null : `note ${res.json().supervisionNote}`),
  },
};
