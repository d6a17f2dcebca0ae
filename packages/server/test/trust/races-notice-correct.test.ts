import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/platform/audit.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, noticeWorld, type NoticeWorld } from '../disclosure/notice-fixture.ts';
import { counts, crowd, delta, expectOneWinner, tallyAnswers } from './races-support.ts';

// Why: issue 7 — "concurrent requests that race on one notice's correction: exactly one effect".
// The rule of issue 5 (notice-rules.ts noticeActions, notices_one_correction unique index): a
// published notice is corrected ONCE; the correction is itself a published notice and may be
// corrected in its turn, so corrections form one chain N0 → N1 → N2 …, never a fork. A withdrawn
// notice is corrected by no one. Through POST /notices/:id/correct (the committee that published):
//   1. 24 corrections of one notice at once: one 200, 23 × 409 CONFLICT; one published correction,
//      no draft left behind, and the crowd changes what ONE correction changes (notices, recipients,
//      audit events, notifications), measured on a twin notice;
//   2. corrections of the original (already corrected) and of its correction, at once: only the
//      head of the chain is corrected, once — the chain stays linear;
//   3. corrections and withdrawals of one notice at once: at most one correction, at most one
//      withdrawal, and a correction exists only if it was published before the withdrawal.

let t: TestApp;
let w: NoticeWorld;
const CROWD = 24;

beforeAll(async () => {
  t = await createTestApp();
  w = await noticeWorld(t);
});

async function publishedNotice(title: string): Promise<number> {
  const d = await api(t, w.a.committee).post(`/estates/${w.a.estateId}/notices`, { kind: 'notice', title, body: '周三 9:00-12:00 停水', audience: 'owners', pinned: true });
  expect(d.statusCode, d.body).toBe(200);
  const p = await api(t, w.a.committee).post(`/notices/${d.json().id}/publish`, {});
  expect(p.statusCode, p.body).toBe(200);
  return d.json().id;
}
const correct = (id: number, i: number) =>
  api(t, w.a.committee).post(`/notices/${id}/correct`, { title: `停水通知（更正 ${i}）`, body: `改为周四 9:00-12:00 停水（${i}）`, reason: '日期有误' });
const withdraw = (id: number) => api(t, w.a.committee).post(`/notices/${id}/withdraw`, { reason: '通知作废' });
const correctionsOf = async (id: number) =>
  (await t.pool.query(`SELECT id, state, published_at FROM notices WHERE corrects_id = $1 ORDER BY id`, [id])).rows;
const effectTables = { notices: '', notice_recipients: '', audit_events: '', notifications: '', jobs: '' };

describe('race: one notice corrected by many requests at once', () => {
  it(`committee chair: ${CROWD} concurrent corrections of one published notice make exactly one, with the effect of one`, async () => {
    const twin = await publishedNotice('停水通知（对照）');
    let b = await counts(t.pool, effectTables);
    expect((await correct(twin, 0)).statusCode).toBe(200);
    const one = delta(b, await counts(t.pool, effectTables));
    expect(one).toMatchObject({ notices: 1, audit_events: 2 }); // notice.correct + notice.publish

    const id = await publishedNotice('停水通知');
    b = await counts(t.pool, effectTables);
    const answers = await crowd(CROWD, (i) => correct(id, i + 1));
    expectOneWinner(answers, ['CONFLICT']);
    expect(tallyAnswers(answers)).toEqual({ 200: 1, '409 CONFLICT': CROWD - 1 });
    expect(delta(b, await counts(t.pool, effectTables))).toEqual(one);
    const corr = await correctionsOf(id);
    expect(corr).toEqual([expect.objectContaining({ state: 'published' })]);
    const winner = answers.find((a) => a.statusCode === 200)!.json();
    expect(winner).toMatchObject({ id: Number(corr[0].id), correctsId: id, state: 'published' });
    // the original points at that correction, lost its pin to it, and its text never changed
    const orig = (await api(t, w.a.committee).get(`/notices/${id}`)).json();
    expect(orig).toMatchObject({ correctedById: Number(corr[0].id), pinned: false, title: '停水通知', stateLabel: '已更正' });
    const audits = await t.pool.query(
      `SELECT action, count(*)::int AS n FROM audit_events WHERE (action = 'notice.correct' AND target_id = $1) OR (action = 'notice.publish' AND target_id = $2) GROUP BY action ORDER BY action`,
      [String(id), String(corr[0].id)]);
    expect(audits.rows).toEqual([{ action: 'notice.correct', n: 1 }, { action: 'notice.publish', n: 1 }]);
    expect((await verifyAuditChain(t.pool)).ok).toBe(true);
  });

  it(`committee chair: corrections of an already corrected notice and of its correction at once keep one linear chain`, async () => {
    const n0 = await publishedNotice('装修管理规定');
    const first = await correct(n0, 0);
    expect(first.statusCode).toBe(200);
    const n1 = first.json().id as number;
    const answers = await crowd(CROWD, (i) => correct(i % 2 ? n0 : n1, i + 1));
    expectOneWinner(answers, ['CONFLICT']);
    const n2 = answers.find((a) => a.statusCode === 200)!.json();
    expect(n2.correctsId).toBe(n1);
    expect((await correctionsOf(n0)).map((r) => Number(r.id))).toEqual([n1]);
    expect((await correctionsOf(n1)).map((r) => Number(r.id))).toEqual([n2.id]);
    // no fork anywhere, no draft correction left behind by a refused request
    const forks = await t.pool.query(`SELECT corrects_id FROM notices WHERE corrects_id IS NOT NULL GROUP BY corrects_id HAVING count(*) > 1`);
    expect(forks.rows).toEqual([]);
    const drafts = await t.pool.query(`SELECT id FROM notices WHERE corrects_id IS NOT NULL AND state = 'draft'`);
    expect(drafts.rows).toEqual([]);
  });

  it(`committee chair: ${CROWD / 2} corrections and ${CROWD / 2} withdrawals of one notice at once: exactly one withdrawal, at most one correction, published before it`, async () => {
    for (let round = 0; round < 3; round++) {
      const id = await publishedNotice(`电梯停运通知 ${round}`);
      const out = await crowd(CROWD, (i) => (i % 2 ? withdraw(id) : correct(id, i)).then((r) => ({ kind: i % 2 ? 'withdraw' : 'correct', r })));
      expect(out.filter((x) => x.r.statusCode >= 500).map((x) => x.r.body)).toEqual([]);
      for (const x of out.filter((o) => o.r.statusCode !== 200)) {
        expect(x.r.statusCode, x.r.body).toBe(409);
        expect(x.r.json().code).toBe('CONFLICT');
      }
      const okCorrect = out.filter((x) => x.kind === 'correct' && x.r.statusCode === 200).length;
      const okWithdraw = out.filter((x) => x.kind === 'withdraw' && x.r.statusCode === 200).length;
      const story = JSON.stringify(out.map((x) => `${x.kind} ${x.r.statusCode}`));
      expect(okWithdraw, story).toBe(1); // a withdrawal is always possible until one has happened
      expect(okCorrect).toBeLessThanOrEqual(1);
      const orig = (await t.pool.query(`SELECT state, withdrawn_at FROM notices WHERE id = $1`, [id])).rows[0];
      expect(orig.state).toBe('withdrawn');
      const corr = await correctionsOf(id);
      expect(corr).toHaveLength(okCorrect);
      // the recorded times follow the real order (times are read under the notice's row lock)
      if (corr.length) expect(new Date(corr[0].published_at).getTime(), `${corr[0].published_at} vs ${orig.withdrawn_at}`).toBeLessThanOrEqual(new Date(orig.withdrawn_at).getTime());
      const withdrawals = await t.pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'notice.withdraw' AND target_id = $1`, [String(id)]);
      expect(withdrawals.rows[0].n).toBe(1);
    }
  });
});
