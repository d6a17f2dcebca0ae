import { beforeAll, describe, expect, it } from 'vitest';
import { allJobHandlers } from '../../src/app.ts';
import { JobRunner } from '../../src/platform/jobs/index.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, draftNotice, makeOverdue, publishedNotice, questionWorld, type QuestionWorld } from './question-fixture.ts';

// Owners' questions (质询, issue 5 D4): asking on what was disclosed, answering by the responsible
// party, escalation to the community when overdue, supervision, and what owners see.

let t: TestApp;
let w: QuestionWorld;
let notice: number;

const questionsOf = async (estateId: number) =>
  (await t.pool.query(`SELECT * FROM disclosure_questions WHERE estate_id = $1 ORDER BY id`, [estateId])).rows;
const runDueJobs = async () => {
  const runner = new JobRunner({ pool: t.pool, handlers: allJobHandlers(), instanceId: 'questions-test' });
  const out = [];
  for (let r = await runner.runDueOnce(); r; r = await runner.runDueOnce()) out.push(r);
  return out;
};

beforeAll(async () => {
  t = await createTestApp();
  w = await questionWorld(t);
  notice = await publishedNotice(t, w.a.estateId, { title: '电梯维保公告', publisherKind: 'company' });
});

describe('owner asks', () => {
  it('owner: asks on a published notice; the company (its publisher) must answer within 7 days; the company is told', async () => {
    const before = Date.now();
    const res = await api(t, w.owner3).post('/my/questions', { subjectType: 'notice', subjectId: notice, body: '维保费用是多少？' });
    expect(res.statusCode, res.body).toBe(200);
    const q = res.json();
    expect(q).toMatchObject({
      estateId: w.a.estateId, subjectType: 'notice', subjectTitle: '电梯维保公告', responsible: 'company', askerLabel: '3栋业主',
      state: 'open', stateLabel: '待答复', mine: true, overdue: false, answer: null,
    });
    const due = Date.parse(q.dueAt) - Date.parse(q.askedAt);
    expect(due).toBe(7 * 86_400_000);
    expect(Date.parse(q.askedAt)).toBeGreaterThanOrEqual(before - 1000);
    const job = await t.pool.query(`SELECT run_at FROM jobs WHERE kind = 'disclosure.question_due' AND payload->>'questionId' = $1`, [String(q.id)]);
    expect(new Date(job.rows[0].run_at).toISOString()).toBe(q.dueAt);
    const inbox = await t.pool.query(`SELECT subject FROM notifications WHERE account_id = $1`, [w.manager.accountId]);
    expect(inbox.rows.map((r) => r.subject)).toContain('业主质询：电梯维保公告');
    const audit = await t.pool.query(`SELECT actor_account_id FROM audit_events WHERE action = 'disclosure.question.ask' AND target_id = $1`, [String(q.id)]);
    expect(audit.rows.map((r) => Number(r.actor_account_id))).toEqual([w.owner3.accountId]);
  });

  it('owner: the city’s answer days set the due time', async () => {
    const city = await t.pool.query(`SELECT split_part(c.path, '/', 2)::bigint AS city FROM estates e JOIN regions c ON c.id = e.community_id WHERE e.id = $1`, [w.a.estateId]);
    await t.pool.query(`INSERT INTO disclosure_city_rules (city_region_id, answer_days) VALUES ($1, 3)`, [city.rows[0].city]);
    const res = await api(t, w.owner12).post('/my/questions', { subjectType: 'notice', subjectId: notice, body: '何时维保？', responsible: 'committee' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ askerLabel: '12栋业主', responsible: 'committee' });
    expect(Date.parse(res.json().dueAt) - Date.parse(res.json().askedAt)).toBe(3 * 86_400_000);
    await t.pool.query(`DELETE FROM disclosure_city_rules`);
  });

  it('owner: cannot ask on a draft notice or on another estate’s notice (404); nothing is written', async () => {
    const before = await questionsOf(w.a.estateId);
    const draft = await api(t, w.owner3).post('/my/questions', { subjectType: 'notice', subjectId: await draftNotice(t, w.a.estateId), body: '？' });
    expect(draft.statusCode).toBe(404);
    const foreign = await api(t, w.owner3).post('/my/questions', { subjectType: 'notice', subjectId: await publishedNotice(t, w.b.estateId), body: '？' });
    expect(foreign.statusCode).toBe(404);
    const otherBuilding = await publishedNotice(t, w.a.estateId, { title: '12栋停电', buildingIds: [w.a.buildings.b12] });
    expect((await api(t, w.owner3).post('/my/questions', { subjectType: 'notice', subjectId: otherBuilding, body: '？' })).statusCode).toBe(404);
    expect((await api(t, w.owner12).post('/my/questions', { subjectType: 'notice', subjectId: otherBuilding, body: '何时来电？' })).statusCode).toBe(200);
    expect(await questionsOf(w.a.estateId)).toHaveLength(before.length + 1);
  });

  it('owner: bad input (empty body, unknown subject type, too long) is refused naming the field; nothing is written', async () => {
    const before = await questionsOf(w.a.estateId);
    const jobs = (await t.pool.query(`SELECT count(*)::int AS n FROM jobs`)).rows[0].n;
    const empty = await api(t, w.owner3).post('/my/questions', { subjectType: 'notice', subjectId: notice, body: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details.issues[0].field).toBe('body.body');
    const kind = await api(t, w.owner3).post('/my/questions', { subjectType: 'ballot', subjectId: notice, body: '？' });
    expect(kind.statusCode).toBe(400);
    const long = await api(t, w.owner3).post('/my/questions', { subjectType: 'notice', subjectId: notice, body: '问'.repeat(2001) });
    expect(long.statusCode).toBe(400);
    expect(await questionsOf(w.a.estateId)).toEqual(before);
    expect((await t.pool.query(`SELECT count(*)::int AS n FROM jobs`)).rows[0].n).toBe(jobs);
  });

  it('owner: asking the company where no company serves the estate is refused on the field', async () => {
    await t.pool.query(`UPDATE service_contracts SET ends_on = current_date - 1, starts_on = current_date - 400 WHERE estate_id = $1`, [w.a.estateId]);
    const res = await api(t, w.owner3).post('/my/questions', { subjectType: 'notice', subjectId: notice, body: '？', responsible: 'company' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.responsible');
    await t.pool.query(`UPDATE service_contracts SET ends_on = current_date + 365 WHERE estate_id = $1`, [w.a.estateId]);
  });
});

describe('answering', () => {
  it('committee chair: cannot answer a question put to the company (403); property manager answers it; the asker is told', async () => {
    const q = (await questionsOf(w.a.estateId)).find((x) => x.responsible === 'company')!;
    const wrong = await api(t, w.chair).post(`/questions/${q.id}/answer`, { answer: '由业委会代答' });
    expect(wrong.statusCode).toBe(403);
    const ok = await api(t, w.manager).post(`/questions/${q.id}/answer`, { answer: '每年 3.6 万元，合同附后。' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'answered', answer: '每年 3.6 万元，合同附后。', answeredByLabel: '问答物业有限公司', answeredLate: false, availableActions: [] });
    const inbox = await t.pool.query(`SELECT subject, body FROM notifications WHERE account_id = $1 AND subject LIKE '您的质询已答复%'`, [w.owner3.accountId]);
    expect(inbox.rows).toHaveLength(1);
    expect(inbox.rows[0].body).toContain('每年 3.6 万元');
    const again = await api(t, w.manager).post(`/questions/${q.id}/answer`, { answer: '改答' });
    expect(again.statusCode).toBe(409);
    expect((await t.pool.query(`SELECT answer FROM disclosure_questions WHERE id = $1`, [q.id])).rows[0].answer).toBe('每年 3.6 万元，合同附后。');
  });

  it('property manager: an empty answer is refused and changes nothing', async () => {
    const q = (await questionsOf(w.a.estateId)).find((x) => x.state === 'open' && x.responsible === 'committee')!;
    const res = await api(t, w.chair).post(`/questions/${q.id}/answer`, { answer: '' });
    expect(res.statusCode).toBe(400);
    expect((await t.pool.query(`SELECT state, answer FROM disclosure_questions WHERE id = $1`, [q.id])).rows[0]).toEqual({ state: 'open', answer: null });
  });
});

describe('escalation and supervision', () => {
  it('system job: an overdue open question escalates once; the community of the estate and the committee are told; a second run does nothing', async () => {
    const q = (await questionsOf(w.a.estateId)).find((x) => x.state === 'open' && x.responsible === 'committee')!;
    // not yet due: supervising is refused
    expect((await api(t, w.community).post(`/questions/${q.id}/supervise`, { note: '请答复' })).statusCode).toBe(409);
    await makeOverdue(t, q.id);
    const ran = await runDueJobs();
    expect(ran.filter((r) => r.kind === 'disclosure.question_due')).toEqual([expect.objectContaining({ outcome: 'done' })]);
    const row = (await t.pool.query(`SELECT state, escalated_at FROM disclosure_questions WHERE id = $1`, [q.id])).rows[0];
    expect(row.state).toBe('escalated');
    const toCommunity = await t.pool.query(`SELECT subject FROM notifications WHERE account_id = $1`, [w.community.accountId]);
    expect(toCommunity.rows).toEqual([{ subject: expect.stringContaining('质询逾期未答复，请督办') }]);
    expect((await t.pool.query(`SELECT 1 FROM notifications WHERE account_id = $1`, [w.otherCommunity.accountId])).rows).toHaveLength(0);
    expect((await t.pool.query(`SELECT 1 FROM notifications WHERE account_id = $1 AND subject LIKE '质询已逾期并转社区%'`, [w.chair.accountId])).rows).toHaveLength(1);
    // once: enqueue the job again and run it — still one escalation, one message
    await t.pool.query(`INSERT INTO jobs (kind, payload, run_at) VALUES ('disclosure.question_due', $1, now())`, [JSON.stringify({ questionId: q.id })]);
    await runDueJobs();
    expect((await t.pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'disclosure.question.escalate' AND target_id = $1`, [String(q.id)])).rows[0].n).toBe(1);
    expect((await t.pool.query(`SELECT count(*)::int AS n FROM notifications WHERE account_id = $1`, [w.community.accountId])).rows[0].n).toBe(1);
  });

  it('community officer: sees the overdue question, supervises it; the committee is told; officers of another community cannot (404)', async () => {
    const list = await api(t, w.community).get(`/questions?overdue=true`);
    expect(list.statusCode).toBe(200);
    const q = list.json().items[0];
    expect(q).toMatchObject({ state: 'escalated', overdue: true, availableActions: ['supervise'] });
    expect((await api(t, w.otherCommunity).post(`/questions/${q.id}/supervise`, { note: '督办' })).statusCode).toBe(404);
    const empty = await api(t, w.community).post(`/questions/${q.id}/supervise`, { note: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details.issues[0].field).toBe('body.note');
    expect((await t.pool.query(`SELECT supervision_note FROM disclosure_questions WHERE id = $1`, [q.id])).rows[0].supervision_note).toBeNull();
    const res = await api(t, w.community).post(`/questions/${q.id}/supervise`, { note: '请业委会三日内答复' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ supervisionNote: '请业委会三日内答复' });
    expect((await t.pool.query(`SELECT 1 FROM notifications WHERE account_id = $1 AND subject LIKE '质询督办%'`, [w.chair.accountId])).rows).toHaveLength(1);
    // property manager: holds no supervision permission
    expect((await api(t, w.manager).post(`/questions/${q.id}/supervise`, { note: '督办' })).statusCode).toBe(403);
  });

  it('committee chair: answers after escalation — shown as answered late; supervising it afterwards is refused', async () => {
    const q = (await questionsOf(w.a.estateId)).find((x) => x.state === 'escalated')!;
    const res = await api(t, w.chair).post(`/questions/${q.id}/answer`, { answer: '下周一维保。' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'answered', answeredLate: true, overdue: false, answeredByLabel: '问答苑第一届业主委员会' });
    expect((await api(t, w.community).post(`/questions/${q.id}/supervise`, { note: '再督办' })).statusCode).toBe(409);
  });
});

describe('what owners see', () => {
  it('owner: sees the estate’s questions and answers, askers masked as their building; mine marks their own', async () => {
    const res = await api(t, w.owner12).get('/my/questions');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { askerLabel: string; mine: boolean; answer: string | null }[];
    expect(items.length).toBe(3);
    expect(new Set(items.map((q) => q.askerLabel))).toEqual(new Set(['3栋业主', '12栋业主']));
    expect(items.filter((q) => q.mine).every((q) => q.askerLabel === '12栋业主')).toBe(true);
    expect(items.some((q) => q.answer === '每年 3.6 万元，合同附后。')).toBe(true);
    expect(res.body).not.toMatch(/asked_by|askedBy|accountId/);
    const mine = await api(t, w.owner12).get('/my/questions?mine=true');
    expect(mine.json().items.every((q: { mine: boolean }) => q.mine)).toBe(true);
    const onNotice = await api(t, w.owner12).get(`/my/questions?subjectType=notice&subjectId=${notice}`);
    expect(onNotice.json().total).toBe(2);
  });

  it('owner of another estate: sees none of them', async () => {
    const res = await api(t, w.ownerB).get('/my/questions');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ items: [], total: 0 });
  });

  it('owner: cannot reach the officials’ list (403)', async () => {
    expect((await api(t, w.owner3).get('/questions')).statusCode).toBe(403);
  });

  it('street officer: exports the questions as a workbook', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/questions.xlsx?estateId=${w.a.estateId}`, cookie: w.street.cookie });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(4);
    expect(ws.getRow(1).getCell(5).value).toBe('提问人');
  });
});
