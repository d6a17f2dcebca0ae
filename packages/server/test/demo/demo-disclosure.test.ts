import { beforeAll, describe, expect, it } from 'vitest';
import { seedIfEmpty, type DemoLoadSummary } from '../../src/modules/demo/index.ts';
import { verifyAuditChain } from '../../src/platform/audit.ts';
import { createSession } from '../../src/platform/auth/session.ts';
import { withTx } from '../../src/platform/db.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// The demo's disclosure (issue 5): 翠竹苑's notices in every state a screen needs, its common
// revenue with two quarters stated and the last left open, its filings through acknowledgement,
// return and a second version, other estates filed or flagged, and questions answered, open and
// escalated — all of it visible through the API to the demo accounts.

describe('demo disclosure', () => {
  let t: TestApp;
  let summary: DemoLoadSummary | null;
  let cuizhu: number;
  const q = async (sql: string, params: unknown[] = []) => (await t.pool.query(sql, params)).rows;
  const as = async (username: string, role?: string) => {
    const g = (await q(
      `SELECT a.id, g.id AS gid FROM accounts a JOIN role_grants g ON g.account_id = a.id WHERE a.username = $1 AND ($2::text IS NULL OR g.role = $2) ORDER BY g.id LIMIT 1`,
      [username, role ?? null],
    ))[0];
    const s = await withTx(t.pool, (db) => createSession(db, { accountId: Number(g.id), activeGrantId: Number(g.gid), mfaPassed: true, ip: '127.0.0.1' }));
    return (url: string) => t.request({ method: 'GET', url: `/api/v1${url}`, cookie: `gz_sid=${s.token}` });
  };

  beforeAll(async () => {
    t = await createTestApp();
    summary = await seedIfEmpty(t.pool, t.secrets);
    cuizhu = Number((await q(`SELECT id FROM estates WHERE code = 'DEMO01'`))[0].id);
  }, 240_000);

  it('chair: 翠竹苑’s notices include a pinned one, a publicity with its dates, a withdrawn one with its reason and a correction linked both ways', async () => {
    expect(summary).toMatchObject({ notices: 6, revenueStatements: 2, questions: 3 });
    const res = await (await as('chair'))(`/notices?estateId=${cuizhu}&pageSize=100`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { id: number; title: string; kind: string; state: string; pinned: boolean; publicityStart: string | null; publicityEnd: string | null; correctsId: number | null; correctedById: number | null; sourceType: string | null }[];
    expect(items[0]).toMatchObject({ pinned: true, title: '关于业主委员会每月接待日安排的通知' });
    expect(items.find((n) => n.kind === 'publicity' && n.title.includes('收费标准'))).toMatchObject({ publicityStart: expect.any(String), publicityEnd: expect.any(String) });
    const withdrawn = items.find((n) => n.state === 'withdrawn')!;
    const detail = await (await as('chair'))(`/notices/${withdrawn.id}`);
    expect(detail.json().withdrawReason).toContain('撤回');
    const fix = items.find((n) => n.correctsId != null)!;
    expect(items.find((n) => n.id === fix.correctsId)!.correctedById).toBe(fix.id);
    // the other modules published through the notices: the meetings, the fund statements, the revenue statements
    for (const source of ['meeting', 'fund_statement', 'revenue_statement', 'disclosure_filing']) {
      expect(items.some((n) => n.sourceType === source), source).toBe(true);
    }
  });

  it('chair: the pinned notice is partly read — coverage between none and all', async () => {
    const pinned = (await q(`SELECT id FROM notices WHERE estate_id = $1 AND pinned AND state = 'published'`, [cuizhu]))[0].id;
    const res = await (await as('chair'))(`/notices/${pinned}/coverage`);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c.read).toBeGreaterThan(0);
    expect(c.read).toBeLessThan(c.recipients);
  });

  it('owner1: sees the estate’s notices with unread ones, and the estate’s questions with askers masked', async () => {
    const get = await as('owner1');
    const notices = await get('/my/notices?pageSize=100');
    expect(notices.statusCode, notices.body).toBe(200);
    expect(notices.json().unreadCount).toBeGreaterThan(0);
    const mine = await get('/my/questions');
    expect(mine.statusCode).toBe(200);
    const states = (mine.json().items as { state: string; askerLabel: string }[]).map((x) => x.state).sort();
    expect(states).toEqual(['answered', 'escalated', 'open']);
    for (const x of mine.json().items as { askerLabel: string }[]) expect(x.askerLabel).toMatch(/业主$/);
  });

  it('manager: 翠竹苑 has three quarters booked, the first two stated; the last previews and is left to publish', async () => {
    const statements = await q(`SELECT period_key FROM revenue_statements WHERE estate_id = $1 ORDER BY period_start`, [cuizhu]);
    expect(statements).toHaveLength(2);
    const last = await q(
      `SELECT count(*)::int AS n FROM revenue_entries e WHERE e.estate_id = $1
         AND NOT EXISTS (SELECT 1 FROM revenue_statements s WHERE s.estate_id = e.estate_id AND e.booked_on BETWEEN s.period_start AND s.period_end)`,
      [cuizhu],
    );
    expect(last[0].n).toBeGreaterThan(0);
    const filings = await q(`SELECT party, period_key, version, state FROM disclosure_filings WHERE estate_id = $1 ORDER BY period_key, party, version`, [cuizhu]);
    const q3 = filings.at(-1)!.period_key;
    const preview = await (await as('manager'))(`/estates/${cuizhu}/revenue/preview?periodKind=quarter&periodKey=${q3}`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().entryCount).toBeGreaterThan(0);
  });

  it('street officer: 翠竹苑’s filings — acknowledged, returned then filed again as version 2, and a draft; other estates filed or flagged', async () => {
    const filings = await q(`SELECT party, period_key, version, state FROM disclosure_filings WHERE estate_id = $1 ORDER BY period_key, party, version`, [cuizhu]);
    const keys = [...new Set(filings.map((f) => f.period_key))];
    expect(keys).toHaveLength(3);
    const [, q2, q3] = keys;
    expect(filings.filter((f) => f.period_key === q2).map((f) => `${f.party}:${f.version}:${f.state}`))
      .toEqual(['committee:1:returned', 'committee:2:filed', 'company:1:acknowledged']);
    expect(filings.filter((f) => f.period_key === q3).map((f) => `${f.party}:${f.state}`)).toEqual(['company:draft']);
    const elsewhere = await q(`SELECT count(*)::int AS n FROM disclosure_filings WHERE estate_id <> $1 AND state = 'filed'`, [cuizhu]);
    expect(elsewhere[0].n).toBe(2);
    const flags = await q(`SELECT count(*)::int AS n FROM disclosure_overdue_flags WHERE estate_id <> $1`, [cuizhu]);
    expect(flags[0].n).toBeGreaterThan(0);
    const status = await (await as('street'))(`/disclosure/filing-status?periodKey=${q3}`);
    expect(status.statusCode, status.body).toBe(200);
  });

  it('community officer: the escalated question waits for supervision; the demo’s audit chain holds', async () => {
    const res = await (await as('community'))('/questions?state=escalated');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([expect.objectContaining({ availableActions: ['supervise'], responsible: 'committee' })]);
    const inbox = await q(`SELECT subject FROM notifications n JOIN accounts a ON a.id = n.account_id WHERE a.username = 'community' AND subject LIKE '质询逾期%'`);
    expect(inbox).toHaveLength(1);
    expect((await verifyAuditChain(t.pool)).ok).toBe(true);
  });
});
