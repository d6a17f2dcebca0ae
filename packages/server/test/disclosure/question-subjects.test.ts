import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, questionWorld, type QuestionWorld } from './question-fixture.ts';

// What an owner may ask about besides notices, and who answers by default (issue 5, D4): the
// revenue statement → the company; a revenue entry → its manager, once a statement covers it; a
// filing → its party, once filed; a fund statement, a meeting from its notice on → the committee.

let t: TestApp;
let w: QuestionWorld;

const ask = (subjectType: string, subjectId: number) =>
  api(t, w.owner3).post('/my/questions', { subjectType, subjectId, body: '请说明。' });

async function statement(estateId: number, periodKey = '2026-Q1', start = '2026-01-01', end = '2026-03-31'): Promise<number> {
  const r = await t.pool.query(
    `INSERT INTO revenue_statements (estate_id, period_kind, period_key, period_start, period_end, opening_fen, income_fen, expense_fen,
                                     net_fen, closing_fen, body, total_area_centi, unit_count)
     VALUES ($1, 'quarter', $2, $3, $4, 0, 100, 0, 100, 100, '{}', 1, 1) RETURNING id`,
    [estateId, periodKey, start, end],
  );
  return Number(r.rows[0].id);
}
async function entry(estateId: number, bookedOn: string, managedBy: 'company' | 'committee'): Promise<number> {
  const r = await t.pool.query(
    `INSERT INTO revenue_entries (estate_id, direction, category, counterparty, period_start, period_end, booked_on, amount_fen, managed_by)
     VALUES ($1, 'income', 'parking', '某停车公司', $2, $2, $2, 12345, $3) RETURNING id`,
    [estateId, bookedOn, managedBy],
  );
  return Number(r.rows[0].id);
}
async function filing(estateId: number, party: 'company' | 'committee', state: 'draft' | 'filed'): Promise<number> {
  const region = (await t.pool.query(`SELECT community_id FROM estates WHERE id = $1`, [estateId])).rows[0].community_id;
  const r = await t.pool.query(
    `INSERT INTO disclosure_filings (estate_id, party, period_kind, period_key, period_start, period_end, due_on, state, filed_at, filed_with, filed_with_region_id)
     VALUES ($1, $2, 'quarter', '2026-Q2', '2026-04-01', '2026-06-30', '2026-07-30', $3,
             CASE WHEN $3 = 'filed' THEN now() END, CASE WHEN $3 = 'filed' THEN 'street' END, CASE WHEN $3 = 'filed' THEN $4::bigint END) RETURNING id`,
    [estateId, party, state, region],
  );
  return Number(r.rows[0].id);
}
async function meeting(estateId: number, noticePublished: boolean): Promise<number> {
  const r = await t.pool.query(
    `INSERT INTO meetings (estate_id, title, convener_kind, convener_name, rules, household_count, state, voting_opens_at, voting_closes_at, notice_published_at, created_by)
     VALUES ($1, '关于续聘物业的会议', 'committee', '业委会', 'civil-code-2021', 2, $2, now() + interval '15 days', now() + interval '30 days',
             CASE WHEN $3 THEN now() END, $4) RETURNING id`,
    [estateId, noticePublished ? 'notice_published' : 'draft', noticePublished, w.chair.accountId],
  );
  return Number(r.rows[0].id);
}

beforeAll(async () => {
  t = await createTestApp();
  w = await questionWorld(t);
});

describe('subjects other than notices', () => {
  it('owner: a revenue statement goes to the company; another estate’s statement is absent (404)', async () => {
    const res = await ask('revenue_statement', await statement(w.a.estateId));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ responsible: 'company', subjectTitle: '公共收益收支情况（2026年第一季度）' });
    expect((await ask('revenue_statement', await statement(w.b.estateId))).statusCode).toBe(404);
  });

  it('owner: a revenue entry goes to its manager, but only once a published statement covers it', async () => {
    const covered = await entry(w.a.estateId, '2026-02-10', 'committee');
    const res = await ask('revenue_entry', covered);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ responsible: 'committee', subjectTitle: '公共收益收入：某停车公司 ¥123.45（2026-02-10）' });
    expect((await ask('revenue_entry', await entry(w.a.estateId, '2026-05-10', 'company'))).statusCode).toBe(404);
  });

  it('owner: a filed package goes to its party; a draft package is absent (404)', async () => {
    const res = await ask('disclosure_filing', await filing(w.a.estateId, 'committee', 'filed'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ responsible: 'committee', subjectTypeLabel: '公示备案' });
    expect(res.json().subjectTitle).toContain('2026年第二季度');
    expect((await ask('disclosure_filing', await filing(w.a.estateId, 'company', 'draft'))).statusCode).toBe(404);
  });

  it('owner: a meeting from its notice on goes to the committee; a draft meeting is absent (404)', async () => {
    const res = await ask('meeting', await meeting(w.a.estateId, true));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ responsible: 'committee', subjectTitle: '关于续聘物业的会议' });
    expect((await ask('meeting', await meeting(w.a.estateId, false))).statusCode).toBe(404);
  });

  it('owner: a subject that does not exist is absent (404) and nothing is written', async () => {
    const before = (await t.pool.query(`SELECT count(*)::int AS n FROM disclosure_questions`)).rows[0].n;
    expect((await ask('fund_statement', 999_999)).statusCode).toBe(404);
    expect((await ask('fund_application', 999_999)).statusCode).toBe(404);
    expect((await t.pool.query(`SELECT count(*)::int AS n FROM disclosure_questions`)).rows[0].n).toBe(before);
  });
});
