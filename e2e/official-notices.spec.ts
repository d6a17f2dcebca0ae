import { expect, test, type Page } from '@playwright/test';
import { estateByName, withDb } from './meeting-db.ts';
import { apiAs, ok, signedIn } from './official-fund-support.ts';
import { pickOption, selectOption, shot } from './support.ts';

// The committee chair's notices and questions (信息公开): a notice to some buildings with a file,
// published with coverage 0%; owner1 reads it and the coverage moves; the unread are reminded;
// another notice is published and withdrawn with a reason and stays in the list as 已撤回; the
// first is corrected; the printable sheet; an owner's question on it is answered.

const STAMP = Date.now() % 100_000;
// the platform accepts files by their leading bytes ("%PDF-")
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** owner1's building in 翠竹苑 and one other building of the estate (by name) */
async function buildingsFor(estateId: number): Promise<{ mine: string; other: string }> {
  return withDb(async (db) => {
    const mine = await db.query(
      `SELECT DISTINCT b.name FROM accounts a JOIN bindings bi ON bi.account_id = a.id AND bi.status = 'approved'
         JOIN units u ON u.id = bi.unit_id JOIN buildings b ON b.id = u.building_id
        WHERE a.username = 'owner1' AND u.estate_id = $1 ORDER BY b.name LIMIT 1`,
      [estateId],
    );
    const name = String(mine.rows[0].name);
    const other = await db.query('SELECT name FROM buildings WHERE estate_id = $1 AND name <> $2 ORDER BY name LIMIT 1', [estateId, name]);
    return { mine: name, other: String(other.rows[0].name) };
  });
}

async function chooseBuilding(page: Page, name: string): Promise<void> {
  const select = page.getByTestId('scope-buildings');
  const tag = select.locator('.ant-select-selection-item', { hasText: name });
  await selectOption(page, select, { option: name, chosen: async () => (await tag.count()) > 0 });
}

async function compose(page: Page, opts: { title: string; body: string; kind?: string; buildings?: string[] }): Promise<number> {
  await page.goto('/notices');
  await page.getByTestId('new-notice').click();
  await expect(page).toHaveURL(/\/notices\/new$/);
  await pickOption(page, 'estate-select', '翠竹苑');
  if (opts.kind) {
    await page.getByTestId('notice-kind').getByText(opts.kind, { exact: true }).click();
  }
  await page.getByTestId('notice-title').fill(opts.title);
  await page.getByTestId('notice-body').fill(opts.body);
  if (opts.buildings) {
    await page.getByTestId('notice-audience').getByText('部分楼栋').click();
    for (const b of opts.buildings) await chooseBuilding(page, b);
    await page.keyboard.press('Escape');
  }
  if (opts.buildings) await shot(page, 'n1-notice-compose');
  await page.getByTestId('notice-save').click();
  await expect(page).toHaveURL(/\/notices\/\d+$/);
  await expect(page.getByTestId('notice-title-view')).toContainText(opts.title);
  await expect(page.getByTestId('notice-title-view')).toContainText('草稿');
  return Number(/\/notices\/(\d+)$/.exec(page.url())![1]);
}

async function publish(page: Page): Promise<void> {
  const answer = page.waitForResponse((r) => /\/api\/v1\/notices\/\d+\/publish$/.test(r.url()) && r.request().method() === 'POST');
  await page.getByTestId('notice-publish').click();
  await page.getByTestId('confirm-publish').click();
  const res = await answer;
  expect(res.status(), await res.text()).toBe(200);
  await expect(page.locator('.ant-message')).toContainText('已发布，送达');
  await expect(page.getByTestId('notice-title-view')).toContainText('已发布');
}

test('committee chair: composes a notice for two buildings, publishes, sees coverage move, reminds, withdraws and corrects, prints, answers a question', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const estate = await estateByName('翠竹苑');
  const { mine, other } = await buildingsFor(estate.id);
  const page = await signedIn(browser, 'chair');

  // -- compose a notice for two buildings, with a PDF, and publish it ----------------------------
  const title = `E2E 二次供水水箱清洗通知 ${STAMP}`;
  const id = await compose(page, {
    title,
    body: `各位业主：\n\n定于本周六 9:00—12:00 清洗${mine}、${other}的二次供水水箱，届时停水，请提前储水。\n\n特此通知。`,
    buildings: [mine, other],
  });
  await expect(page.getByTestId('notice-audience-view')).toContainText(mine);
  await expect(page.getByTestId('notice-audience-view')).toContainText(other);
  await page.getByTestId('notice-attachments').locator('input[type=file]').setInputFiles({ name: '停水安排.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(page.locator('.ant-message')).toContainText('已上传：停水安排');
  await expect(page.getByTestId('notice-attachments')).toContainText('停水安排');
  await shot(page, 'n2-notice-draft-with-file');

  await publish(page);
  // published content is frozen: no more uploads
  await expect(page.getByTestId('notice-upload')).toHaveCount(0);
  const card = page.getByTestId('coverage-card');
  await expect(card.getByTestId('coverage-read')).toHaveText('0');
  await expect(card.getByTestId('coverage-total')).toContainText('（0%）');
  const recipients = Number(await card.getByTestId('coverage-recipients').textContent());
  expect(recipients).toBeGreaterThan(0);
  await expect(card.getByTestId('coverage-buildings')).toContainText(mine);
  await shot(page, 'n3-notice-published-coverage-0');

  // -- owner1 reads it (their API) and the coverage moves ------------------------------------------
  const owner = await apiAs(baseURL!, 'owner1');
  const read = await ok<{ title: string }>(await owner.get(`/api/v1/my/notices/${id}`), 'owner1 reads the notice');
  expect(read.title).toBe(title);
  await page.reload();
  await expect(card.getByTestId('coverage-read')).toHaveText('1');
  const mineRow = card.getByTestId('coverage-buildings').locator('tr').filter({ hasText: mine });
  await expect(mineRow).toContainText('1/');
  await shot(page, 'n4-notice-coverage-after-read');
  // the coverage as an Excel file
  const download = page.waitForEvent('download');
  await card.getByTestId('coverage-export').click();
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);

  // -- remind the unread ---------------------------------------------------------------------------
  const remindAnswer = page.waitForResponse((r) => r.url().endsWith(`/api/v1/notices/${id}/remind`));
  await page.getByTestId('notice-remind').click();
  await page.getByTestId('confirm-remind').click();
  expect((await remindAnswer).status()).toBe(200);
  await expect(page.locator('.ant-message')).toContainText(`已提醒 ${recipients - 1} 人`);

  // -- another notice, published then withdrawn with a reason ----------------------------------------
  const title2 = `E2E 电梯年检公告 ${STAMP}`;
  const id2 = await compose(page, { title: `${title2}（草稿）`, kind: '公告', body: '3号楼电梯将于下周一进行年度检验。' });
  // a draft can still be changed
  await page.getByTestId('notice-edit').click();
  await expect(page).toHaveURL(new RegExp(`/notices/${id2}/edit$`));
  await expect(page.getByTestId('notice-title')).toHaveValue(`${title2}（草稿）`);
  await page.getByTestId('notice-title').fill(title2);
  await page.getByTestId('notice-save').click();
  await expect(page).toHaveURL(new RegExp(`/notices/${id2}$`));
  await expect(page.getByTestId('notice-title-view')).toHaveText(new RegExp(`${title2}\\s*草稿`));
  await publish(page);
  await page.getByTestId('notice-withdraw').click();
  await page.getByTestId('withdraw-reason').fill('年检日期待质监站确认，另行通知');
  const withdrawAnswer = page.waitForResponse((r) => r.url().endsWith(`/api/v1/notices/${id2}/withdraw`));
  await page.getByTestId('withdraw-ok').click();
  expect((await withdrawAnswer).status()).toBe(200);
  await expect(page.getByTestId('notice-withdrawn')).toContainText('年检日期待质监站确认');
  await expect(page.getByTestId('notice-title-view')).toContainText('已撤回');
  await shot(page, 'n5-notice-withdrawn');
  // it stays in the list, marked
  await page.goto(`/notices?q=${encodeURIComponent(`E2E 电梯年检公告 ${STAMP}`)}`);
  await expect(page.getByTestId(`notice-row-${id2}`)).toContainText('已撤回');

  // -- the list: the first notice with its coverage bar ---------------------------------------------------
  await page.goto(`/notices?estateId=${estate.id}`);
  await expect(page.getByTestId(`notice-row-${id}`)).toContainText(`1/${recipients}`);
  await shot(page, 'n6-notices-list');

  // -- correct the first notice -------------------------------------------------------------------------
  await page.goto(`/notices/${id}`);
  await page.getByTestId('notice-correct').click();
  await page.getByTestId('correct-body').fill(`各位业主：\n\n清洗时间改为本周日 9:00—12:00（${mine}、${other}），届时停水，请提前储水。\n\n特此更正。`);
  await page.getByTestId('correct-reason').fill('清洗单位调整了时间');
  const correctAnswer = page.waitForResponse((r) => r.url().endsWith(`/api/v1/notices/${id}/correct`));
  await page.getByTestId('correct-ok').click();
  expect((await correctAnswer).status()).toBe(200);
  await expect(page).not.toHaveURL(new RegExp(`/notices/${id}$`));
  const fixedId = Number(/\/notices\/(\d+)$/.exec(page.url())![1]);
  await expect(page.getByTestId('notice-corrects')).toContainText('更正');
  await expect(page.getByTestId('notice-body-view')).toContainText('改为本周日');
  // pinned: the list shows it first among the pinned, with the pin
  const pinAnswer = page.waitForResponse((r) => r.url().endsWith(`/api/v1/notices/${fixedId}/pin`));
  await page.getByTestId('notice-pin').click();
  expect((await pinAnswer).status()).toBe(200);
  await expect(page.getByTestId('notice-unpin')).toBeVisible();
  await page.getByTestId('corrects-link').click();
  await expect(page).toHaveURL(new RegExp(`/notices/${id}$`));
  await expect(page.getByTestId('notice-corrected')).toBeVisible();
  await shot(page, 'n7-notice-corrected');
  await page.goto(`/notices?estateId=${estate.id}`);
  await expect(page.getByTestId(`notice-row-${fixedId}`).locator('.anticon-pushpin')).toBeVisible();
  await expect(page.getByTestId(`notice-row-${id}`)).toContainText('已更正');

  // -- the printable sheet of the correction ------------------------------------------------------------
  await page.goto(`/notices/${fixedId}/print`);
  const sheet = page.getByTestId('notice-sheet');
  await expect(sheet).toContainText('改为本周日');
  await expect(page.getByTestId('sheet-publisher')).not.toBeEmpty();
  await expect(page.getByTestId('sheet-date')).toContainText(/\d{4}年\d{1,2}月\d{1,2}日/);
  await expect(page.getByTestId('print-button')).toBeVisible();
  await shot(page, 'n8-notice-print');

  // -- owner1 asks on the correction; the chair answers ------------------------------------------------------
  const asked = await ok<{ id: number }>(
    await owner.post('/api/v1/my/questions', { data: { subjectType: 'notice', subjectId: fixedId, body: `E2E ${STAMP}：停水期间消防用水如何保障？` } }),
    'owner1 asks',
  );
  await owner.dispose();
  await page.goto(`/questions?estateId=${estate.id}`);
  const row = page.getByTestId(`question-row-${asked.id}`);
  await expect(row).toContainText('待答复');
  await shot(page, 'n9-questions-queue');
  await row.getByTestId(`answer-${asked.id}`).click();
  await expect(page.getByTestId('question-body')).toContainText('消防用水');
  await page.getByTestId('question-text').fill('消防水池独立供水，不受此次清洗影响；清洗期间物业安排专人值守。');
  await shot(page, 'n10-question-answer-drawer');
  const answerRes = page.waitForResponse((r) => r.url().endsWith(`/api/v1/questions/${asked.id}/answer`));
  await page.getByTestId('question-submit').click();
  expect((await answerRes).status()).toBe(200);
  await expect(page.locator('.ant-message')).toContainText('已答复');
  await expect(row).toContainText('已答复');
  await shot(page, 'n11-question-answered');
});

/**
 * A question asked eight days ago and still unanswered. Time cannot pass in a browser and a
 * question's times never change once asked (the table's guard), so the row is written as it
 * would stand, and its due job is set to run now: the platform's own job escalates it.
 */
async function overdueQuestion(estateId: number, body: string): Promise<number> {
  return withDb(async (db) => {
    const subject = await db.query(
      `SELECT id, title FROM notices WHERE estate_id = $1 AND state = 'published' ORDER BY published_at DESC LIMIT 1`,
      [estateId],
    );
    const owner = await db.query(`SELECT id FROM accounts WHERE username = 'owner1'`);
    const q = await db.query(
      `INSERT INTO disclosure_questions (estate_id, subject_type, subject_id, subject_title, responsible, asked_by, asker_label, body, asked_at, due_at)
       VALUES ($1, 'notice', $2, $3, 'committee', $4, '1号楼业主', $5, now() - interval '8 days', now() - interval '1 day') RETURNING id`,
      [estateId, subject.rows[0].id, subject.rows[0].title, owner.rows[0].id, body],
    );
    const id = Number(q.rows[0].id);
    await db.query(`INSERT INTO jobs (kind, payload, run_at) VALUES ('disclosure.question_due', $1, now())`, [JSON.stringify({ questionId: id })]);
    return id;
  });
}

test('community officer: an overdue question escalates, shows red in the queue, and is supervised with a note', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const estate = await estateByName('翠竹苑');
  const qid = await overdueQuestion(estate.id, `E2E ${STAMP}：上月停车收入为何没有公示？`);
  const community = await apiAs(baseURL!, 'community');
  await expect.poll(async () => {
    const r = await community.get(`/api/v1/questions/${qid}`);
    return r.ok() ? ((await r.json()) as { state: string }).state : `HTTP ${r.status()}`;
  }, { timeout: 30_000 }).toBe('escalated');
  await community.dispose();

  // the committee sees it overdue, in red, still to answer
  const chair = await signedIn(browser, 'chair');
  await chair.goto(`/questions?estateId=${estate.id}&overdue=true`);
  const chairRow = chair.getByTestId(`question-row-${qid}`);
  await expect(chairRow).toContainText('已逾期转社区');
  await expect(chairRow.getByTestId(`due-${qid}`)).toContainText('已逾期');
  await expect(chairRow.getByTestId(`answer-${qid}`)).toBeVisible();
  await shot(chair, 'n12-questions-overdue-committee');
  await chair.context().close();

  // the community supervises it
  const page = await signedIn(browser, 'community');
  await page.goto(`/questions?state=escalated`);
  const row = page.getByTestId(`question-row-${qid}`);
  await expect(row.getByTestId(`due-${qid}`)).toContainText('已逾期');
  await row.getByTestId(`supervise-${qid}`).click();
  await expect(page.getByTestId('question-body')).toContainText('停车收入');
  await page.getByTestId('question-text').fill('请业委会于 3 个工作日内书面答复并公示上月停车收入明细。');
  await shot(page, 'n13-question-supervise-drawer');
  const res = page.waitForResponse((r) => r.url().endsWith(`/api/v1/questions/${qid}/supervise`));
  await page.getByTestId('question-submit').click();
  expect((await res).status()).toBe(200);
  await expect(page.locator('.ant-message')).toContainText('督办意见已记录');
  await expect(row.getByTestId(`supervise-${qid}`)).toContainText('再督办');
  await shot(page, 'n14-question-supervised');
});
