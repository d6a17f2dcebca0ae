import { beforeAll, describe, expect, it } from 'vitest';
import { seedIfEmpty, type DemoLoadSummary } from '../../src/modules/demo/index.ts';
import { createSession } from '../../src/platform/auth/session.ts';
import { withTx } from '../../src/platform/db.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// The demo's maintenance fund (issue 4): every estate has books and statements; 翠竹苑 has a
// building below the 30% line and applications in the states the screens need; the books balance.

describe('demo fund', () => {
  let t: TestApp;
  let summary: DemoLoadSummary | null;
  const q = async (sql: string, params: unknown[] = []) => (await t.pool.query(sql, params)).rows;
  const as = async (username: string) => {
    const g = (await q(`SELECT a.id, g.id AS gid FROM accounts a JOIN role_grants g ON g.account_id = a.id WHERE a.username = $1 LIMIT 1`, [username]))[0];
    const s = await withTx(t.pool, (db) => createSession(db, { accountId: Number(g.id), activeGrantId: Number(g.gid), mfaPassed: true, ip: '127.0.0.1' }));
    return (url: string) => t.request({ method: 'GET', url: `/api/v1${url}`, cookie: `gz_sid=${s.token}` });
  };
  let cuizhu: number;

  beforeAll(async () => {
    t = await createTestApp();
    summary = await seedIfEmpty(t.pool, t.secrets);
    cuizhu = Number((await q(`SELECT id FROM estates WHERE code = 'DEMO01'`))[0].id);
  }, 180_000);

  it('system: every estate has books that balance (double entry) and two published statements', async () => {
    expect(summary!.fundApplications).toBe(6);
    const books = await q(`SELECT estate_id, sum(credits_fen - debits_fen)::bigint AS s, count(*) FILTER (WHERE kind = 'unit')::int AS units FROM fund_accounts GROUP BY 1`);
    expect(books).toHaveLength(12);
    for (const b of books) expect(Number(b.s)).toBe(0);
    expect((await q(`SELECT count(*)::int AS n FROM fund_statements`))[0].n).toBe(24);
    expect((await q(`SELECT count(*)::int AS n FROM jobs WHERE kind = 'fund.statement.half_year' AND status = 'pending'`))[0].n).toBe(1);
  });

  it('committee chair: 翠竹苑 shows exactly one building below the 30% line — the one the 2022 facade repair drew down', async () => {
    const get = await as('chair');
    const res = await get(`/estates/${cuizhu}/fund`);
    expect(res.statusCode, res.body).toBe(200);
    const below = res.json().buildings.filter((b: { belowLine: boolean }) => b.belowLine);
    expect(below).toHaveLength(1);
    const a = (await q(`SELECT title, state, actual_cost_fen FROM fund_applications WHERE estate_id = $1 AND state = 'published'`, [cuizhu]))[0];
    expect(a.title).toContain(below[0].name);
  });

  it('system: 翠竹苑 has applications in vote, awaiting the street office, under review (one overdue), approved with stage 1 paid, published', async () => {
    const rows = await q(`SELECT state, path, review_overdue, meeting_item_id FROM fund_applications WHERE estate_id = $1 ORDER BY id`, [cuizhu]);
    expect(rows.map((r) => r.state)).toEqual(['published', 'disbursing', 'in_vote', 'committee_confirmed', 'under_review', 'under_review']);
    expect(rows.filter((r) => r.review_overdue).length).toBe(1);
    expect(rows[1].meeting_item_id).not.toBeNull();
    const paid = await q(`SELECT stage_no FROM fund_movements WHERE application_id = (SELECT id FROM fund_applications WHERE estate_id = $1 AND state = 'disbursing') AND kind = 'withdrawal'`, [cuizhu]);
    expect(paid.map((p) => p.stage_no)).toEqual([1]);
  });

  it('owner1: sees their units with balances and the statements of 翠竹苑', async () => {
    const get = await as('owner1');
    const fund = await get('/my/fund');
    expect(fund.statusCode, fund.body).toBe(200);
    expect(fund.json().units.length).toBe(2);
    expect(fund.json().units.every((u: { balanceFen: number }) => u.balanceFen > 0)).toBe(true);
    const st = await get('/my/fund/statements');
    expect(st.json().items.map((s: { estateId: number }) => s.estateId)).toEqual([cuizhu, cuizhu]);
  });
});
