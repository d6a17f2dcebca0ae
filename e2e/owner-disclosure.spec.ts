import { formatYuan } from '@gongzhi/contracts';
import { expect, test, type APIRequestContext, type APIResponse, type Page } from '@playwright/test';
import { estateByName } from './meeting-db.ts';
import { apiAs } from './official-fund-support.ts';
import { expectNoHorizontalOverflow, loginAsDemo, shot } from './support.ts';

// An owner follows what is disclosed about their estate on a phone (issue 5). What the demo city
// may not have yet is made first through the officials' APIs: the 翠竹苑 chair publishes notices
// (an ordinary one, a pinned announcement, a publicity with its period, one withdrawn with a reason,
// one corrected); the property manager books common revenue for a month and publishes its
// statement (unless one is already published) and files the period's disclosure package, which
// the street office acknowledges. owner1
// opens 公开 from the tab bar: unread notices first, one opened becomes read, the withdrawn and the
// corrected notice are marked and linked, a statement with their own share (as the officials'
// share list says), the filed package, a question asked on it and listed as awaiting an answer.
// owner4 (another estate) sees none of it.

const DAY = 86_400_000;
const tag = String(Date.now() % 100_000);
/** as the owner's pages write money (their formatFen: the contracts' formatYuan, − for a loss) */
const yuan = (fen: number) => `${fen < 0 ? '−' : ''}${formatYuan(Math.abs(fen))} 元`;
/** YYYY-MM-DD in Asia/Shanghai */
const shanghaiDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

async function ok<T = { id: number }>(res: APIResponse, what: string): Promise<T> {
  expect(res.ok(), `${what}: ${res.status()} ${await res.text()}`).toBeTruthy();
  return (await res.json()) as T;
}

/** a full-page screenshot taken from the top, after checking nothing sticks out sideways */
async function snap(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectNoHorizontalOverflow(page);
  await shot(page, name);
}

interface Arranged {
  estateId: number;
  notices: { plain: string; pinned: string; publicity: string; withdrawn: string; corrected: string; correction: string };
  ids: { pinned: number; withdrawn: number; corrected: number; correction: number };
  publicity: { start: string; end: string };
  withdrawReason: string;
  statementId: number;
  filingId: number;
}
let arranged: Arranged;
const ACK_NOTE = '材料齐全，予以备案';

async function arrangeNotices(chair: APIRequestContext, estateId: number) {
  const titles = {
    plain: `地下车库照明改造施工通知 ${tag}`,
    pinned: `关于规范电动车充电的公告 ${tag}`,
    publicity: `绿化补种方案公示 ${tag}`,
    withdrawn: `停水通知（错发） ${tag}`,
    corrected: `物业费缴纳时间公告 ${tag}`,
    correction: `物业费缴纳时间公告（更正） ${tag}`,
  };
  const today = shanghaiDate(Date.now());
  const publicity = { start: today, end: shanghaiDate(Date.now() + 7 * DAY) };
  const publish = async (body: Record<string, unknown>) => {
    const n = await ok(await chair.post(`/api/v1/estates/${estateId}/notices`, { data: { audience: 'owners', ...body } }), `create ${String(body.title)}`);
    await ok(await chair.post(`/api/v1/notices/${n.id}/publish`, { data: {} }), `publish ${String(body.title)}`);
    return n.id;
  };
  await publish({ kind: 'notice', title: titles.plain, body: '本周六 9:00–17:00 地下车库分区施工，请提前挪车。' });
  const withdrawn = await publish({ kind: 'notice', title: titles.withdrawn, body: '明日全天停水。' });
  const withdrawReason = '发错小区，本小区不停水';
  await ok(await chair.post(`/api/v1/notices/${withdrawn}/withdraw`, { data: { reason: withdrawReason } }), 'withdraw');
  const corrected = await publish({ kind: 'announcement', title: titles.corrected, body: '2026 年物业费请于 12 月 15 日前缴纳。' });
  const correction = await ok(
    await chair.post(`/api/v1/notices/${corrected}/correct`, {
      data: { title: titles.correction, body: '2026 年物业费请于 12 月 31 日前缴纳。', reason: '缴纳截止日期写错' },
    }),
    'correct',
  );
  await publish({ kind: 'publicity', title: titles.publicity, body: '小区北侧绿地补种桂花 12 株，公示期内可提出意见。', publicityStart: publicity.start, publicityEnd: publicity.end });
  // published last: the newest, so it stays on the first page whatever else the estate has
  const pinned = await publish({ kind: 'announcement', title: titles.pinned, body: '电动车请在 5 号楼北侧集中充电区充电，禁止飞线充电。', pinned: true });
  return { titles, publicity, withdrawReason, ids: { pinned, withdrawn, corrected, correction: correction.id } };
}

/** a published statement of the estate: the newest there is, or one for last month booked now */
async function arrangeStatement(manager: APIRequestContext, estateId: number): Promise<number> {
  const list = await ok<{ items: { id: number }[] }>(await manager.get(`/api/v1/estates/${estateId}/revenue/statements`), 'statements');
  if (list.items.length > 0) return list.items[0].id;
  const now = new Date(Date.now() + 8 * 3_600_000);
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const key = first.toISOString().slice(0, 7);
  const start = `${key}-01`;
  const end = shanghaiDate(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) - 8 * 3_600_000 - 1);
  const entries = [
    { direction: 'income', category: 'parking', counterparty: '临时停车收费', amountFen: 1_286_050, memo: '地面临时停车' },
    { direction: 'income', category: 'advertising', counterparty: '某传媒有限公司', amountFen: 600_000, memo: '电梯轿厢广告' },
    { direction: 'expense', category: 'tax', counterparty: '税务机关', amountFen: 113_163, memo: '增值税及附加' },
  ];
  for (const e of entries) {
    await ok(await manager.post(`/api/v1/estates/${estateId}/revenue/entries`, { data: { ...e, periodStart: start, periodEnd: end, bookedOn: end } }), `entry ${e.category}`);
  }
  const preview = await ok<{ closingFen: number; blockedReason: string | null }>(
    await manager.get(`/api/v1/estates/${estateId}/revenue/preview?periodKind=month&periodKey=${key}`),
    'preview',
  );
  expect(preview.blockedReason, 'the month can be published').toBeNull();
  const s = await ok(
    await manager.post(`/api/v1/estates/${estateId}/revenue/statements`, { data: { periodKind: 'month', periodKey: key, declaredClosingFen: preview.closingFen } }),
    'publish statement',
  );
  return s.id;
}

/** the company's package of the last complete quarter, filed (a draft already there is used) */
async function arrangeFiling(manager: APIRequestContext, estateId: number): Promise<number> {
  const now = new Date(Date.now() + 8 * 3_600_000);
  const q = Math.floor(now.getUTCMonth() / 3);
  const periodKey = q === 0 ? `${now.getUTCFullYear() - 1}-Q4` : `${now.getUTCFullYear()}-Q${q}`;
  let res = await manager.post(`/api/v1/estates/${estateId}/filings`, { data: { periodKey } });
  let id: number;
  if (res.status() === 409) {
    const drafts = await ok<{ items: { id: number; party: string }[] }>(
      await manager.get(`/api/v1/filings?estateId=${estateId}&periodKey=${periodKey}&party=company&state=draft`),
      'drafts',
    );
    expect(drafts.items.length, 'a company draft for the period').toBeGreaterThan(0);
    id = drafts.items[0].id;
  } else {
    id = (await ok(res, 'create filing')).id;
  }
  res = await manager.patch(`/api/v1/filings/${id}`, {
    data: {
      content: {
        feeStandards: [
          { item: '住宅物业服务费', basis: '按建筑面积每月计收', priceFen: 180, unit: '㎡·月' },
          { item: '地面停车服务费', basis: '按车位每月计收', priceFen: 15_000, unit: '个·月' },
        ],
        serviceContract: { companyName: '示范物业服务有限公司', startsOn: '2025-01-01', endsOn: '2027-12-31', summary: '包干制，含秩序维护、保洁、绿化养护、共用设施设备日常运行维护。' },
        contractors: [{ name: '洁美保洁服务有限公司', service: '公共区域保洁', amountFen: 3_600_000 }],
        notes: `本期公示材料（E2E ${tag}）`,
      },
    },
  });
  await ok(res, 'fill filing');
  await ok(await manager.post(`/api/v1/filings/${id}/file`, { data: {} }), 'file');
  return id;
}

/** the street office the package was filed with acknowledges it */
async function acknowledgeFiling(baseURL: string, id: number, note: string): Promise<void> {
  const street = await apiAs(baseURL, 'street');
  await ok(await street.post(`/api/v1/filings/${id}/acknowledge`, { data: { note } }), 'acknowledge');
  await street.dispose();
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(120_000);
  const { id: estateId } = await estateByName('翠竹苑');
  const chair = await apiAs(baseURL!, 'chair');
  const manager = await apiAs(baseURL!, 'manager');
  const n = await arrangeNotices(chair, estateId);
  const statementId = await arrangeStatement(manager, estateId);
  const filingId = await arrangeFiling(manager, estateId);
  await acknowledgeFiling(baseURL!, filingId, ACK_NOTE);
  await chair.dispose();
  await manager.dispose();
  arranged = { estateId, notices: n.titles, ids: n.ids, publicity: n.publicity, withdrawReason: n.withdrawReason, statementId, filingId };
});

test('owner1 on a phone: unread notices first, reading one, withdrawn and corrected, my revenue share, a filed package, a question on it', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const t = arranged.notices;

  // -- 公告 from the tab bar: unread first, each marked ----------------------------------------
  await loginAsDemo(page, 'owner1');
  const tabs = page.getByRole('navigation', { name: 'tabs' });
  const tab = tabs.getByRole('link', { name: '公开' });
  await tab.click();
  await expect(page).toHaveURL(/\/m\/notices$/);
  const items = page.getByTestId('notice-item');
  const row = (title: string) => items.filter({ has: page.getByTestId('notice-title').getByText(title, { exact: true }) });
  for (const title of Object.values(t)) await expect(row(title)).toHaveCount(1);
  const unreadText = await page.getByTestId('notices-unread-count').innerText();
  const unreadBefore = Number(/(\d+) 条未读/.exec(unreadText)?.[1]);
  expect(unreadBefore, unreadText).toBeGreaterThanOrEqual(6);
  await expect(tab.getByTestId('unread-notices-badge')).toContainText(String(Math.min(unreadBefore, 99)));
  await expect(row(t.pinned).getByTestId('notice-unread')).toHaveCount(1);
  await expect(row(t.pinned).getByTestId('notice-pinned')).toHaveText('置顶');
  await expect(row(t.publicity).getByTestId('notice-publicity')).toHaveText(`公示期 ${arranged.publicity.start} 至 ${arranged.publicity.end}`);
  await expect(row(t.withdrawn).getByTestId('notice-withdrawn')).toHaveText('已撤回');
  await expect(row(t.corrected).getByTestId('notice-corrected')).toHaveText('已更正');
  await expect(row(t.correction).getByTestId('notice-correction')).toHaveText('更正');
  await snap(page, 'd7-1-owner-notices');

  // -- open the pinned one: it is read now -------------------------------------------------------
  await row(t.pinned).click();
  await expect(page).toHaveURL(new RegExp(`/m/notices/${arranged.ids.pinned}$`));
  await expect(page.getByTestId('notice-detail-title')).toHaveText(t.pinned);
  await expect(page.getByTestId('notice-body')).toContainText('禁止飞线充电');
  await expect(page.getByTestId('ask-button')).toBeVisible();
  await expect(tab.getByTestId('unread-notices-badge')).toContainText(String(Math.min(unreadBefore - 1, 99)));
  await snap(page, 'd7-2-owner-notice');
  await page.getByRole('button', { name: '返回' }).click();
  await expect(page.getByTestId('notices-unread-count')).toHaveText(`${unreadBefore - 1} 条未读`);
  // read, it goes below every unread notice: perhaps past the first page
  await expect(async () => {
    if ((await row(t.pinned).count()) === 0) await page.getByTestId('notices-more').click({ timeout: 2_000 });
    await expect(row(t.pinned)).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row(t.pinned)).toHaveAttribute('data-read', 'yes');
  await expect(row(t.pinned).getByTestId('notice-unread')).toHaveCount(0);
  // unread first: no read notice above an unread one
  const reads = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-read')));
  expect(reads.lastIndexOf('no'), `order ${reads.join(',')}`).toBeLessThan(reads.indexOf('yes'));

  // -- the withdrawn one keeps its text and says why ------------------------------------------
  await row(t.withdrawn).click();
  await expect(page.getByTestId('notice-withdrawn-alert')).toContainText('本公告已撤回');
  await expect(page.getByTestId('notice-withdrawn-alert')).toContainText(arranged.withdrawReason);
  await expect(page.getByTestId('notice-body')).toContainText('明日全天停水');
  await expect(page.getByTestId('ask-button')).toHaveCount(0);
  await snap(page, 'd7-3-owner-notice-withdrawn');

  // -- the corrected one links to its correction, and back -----------------------------------
  await page.goto(`/m/notices/${arranged.ids.corrected}`);
  await expect(page.getByTestId('notice-corrected-alert')).toContainText('已被更正');
  await page.getByTestId('notice-correction-link').click();
  await expect(page).toHaveURL(new RegExp(`/m/notices/${arranged.ids.correction}$`));
  await expect(page.getByTestId('notice-detail-title')).toHaveText(t.correction);
  await expect(page.getByTestId('notice-body')).toContainText('12 月 31 日');
  await expect(page.getByText('缴纳截止日期写错')).toBeVisible();
  await expect(page.getByTestId('notice-original-link')).toBeVisible();
  await snap(page, 'd7-4-owner-notice-correction');

  // -- 公共收益: the statement with MY share, as the officials' share list has it ----------------
  const owner = await apiAs(baseURL!, 'owner1');
  const mine = (await ok<{ units: { unitId: number; estateId: number }[] }>(await owner.get('/api/v1/my/units'), 'my units')).units
    .filter((u) => u.estateId === arranged.estateId)
    .map((u) => u.unitId);
  await owner.dispose();
  const manager = await apiAs(baseURL!, 'manager');
  const shares = await ok<{ items: { unitId: number; shareFen: number }[]; netFen: number }>(
    await manager.get(`/api/v1/revenue/statements/${arranged.statementId}/shares?pageSize=500`),
    'shares',
  );
  let all = shares.items;
  for (let p = 2; all.length < 20_000 && !mine.every((u) => all.some((s) => s.unitId === u)); p++) {
    const more = await ok<{ items: { unitId: number; shareFen: number }[] }>(
      await manager.get(`/api/v1/revenue/statements/${arranged.statementId}/shares?pageSize=500&page=${p}`),
      `shares page ${p}`,
    );
    if (more.items.length === 0) break;
    all = all.concat(more.items);
  }
  await manager.dispose();
  const myFen = all.filter((s) => mine.includes(s.unitId)).reduce((sum, s) => sum + s.shareFen, 0);
  expect(mine.length).toBeGreaterThan(0);

  await tab.click();
  await page.getByTestId('disclosure-nav').getByText('公共收益').click();
  await expect(page).toHaveURL(/\/m\/revenue$/);
  const card = page.locator(`[data-testid="revenue-statement"][data-statement-id="${arranged.statementId}"]`);
  await expect(card.getByTestId('revenue-statement-my-share')).toHaveText(yuan(myFen));
  await snap(page, 'd7-5-owner-revenue');
  await card.click();
  await expect(page).toHaveURL(new RegExp(`/m/revenue/${arranged.statementId}$`));
  await expect(page.getByTestId('revenue-net')).toContainText(yuan(shares.netFen));
  await expect(page.getByTestId('revenue-my-share')).toHaveCount(mine.length);
  await expect(page.getByTestId('revenue-share-how')).toContainText(/您的 .+ 面积 [\d.]+ ㎡，全小区总面积 [\d.]+ ㎡，您占 [\d.]+%。本期净收益 .+ × [\d.]+ ÷ [\d.]+ ≈ /);
  await expect(page.getByTestId('revenue-share-how')).toContainText('按最大余数法');
  await expect(page.getByTestId('revenue-by-category')).toBeVisible();
  await expect(page.getByTestId('revenue-entry').first()).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByTestId('revenue-pdf').click();
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
  await snap(page, 'd7-6-owner-revenue-statement');
  // one entry of it asked about: a question about one payment
  const entry = page.getByTestId('revenue-entry').first();
  const entryText = await entry.innerText();
  await entry.getByTestId('revenue-entry-ask').click();
  await expect(page.getByTestId('ask-subject')).toContainText('公共收益明细');
  const entryQuestion = `这笔收支的凭证在哪里可以查看？${tag}`;
  await page.getByTestId('ask-body').fill(entryQuestion);
  const entryAsked = page.waitForResponse((r) => r.url().endsWith('/api/v1/my/questions') && r.request().method() === 'POST');
  await page.getByTestId('ask-submit').click();
  expect((await entryAsked).status(), entryText).toBe(200);
  await expect(page.getByTestId('question').filter({ hasText: entryQuestion }).getByTestId('question-subject')).toContainText('公共收益明细');

  // -- 公示备案: the filed package ------------------------------------------------------------------
  await page.goto('/m/filings');
  const filing = page.locator(`[data-testid="filing-item"][data-filing-id="${arranged.filingId}"]`);
  await expect(filing.getByTestId('filing-state')).toHaveText('已确认备案');
  await snap(page, 'd7-7-owner-filings');
  await filing.click();
  await expect(page).toHaveURL(new RegExp(`/m/filings/${arranged.filingId}$`));
  await expect(page.getByTestId('filing-state')).toHaveText('已确认备案');
  await expect(page.getByTestId('filing-ack')).toContainText(ACK_NOTE);
  await expect(page.getByTestId('filing-fees')).toContainText('住宅物业服务费');
  await expect(page.getByTestId('filing-fees')).toContainText('1.80 元/㎡·月');
  await expect(page.getByTestId('filing-contract')).toContainText('2025-01-01 至 2027-12-31');
  await expect(page.getByTestId('filing-contractors')).toContainText('洁美保洁服务有限公司');
  await snap(page, 'd7-8-owner-filing');

  // -- 提问 on it: the server's field error in Chinese, then the question waits for its answer ---
  await page.getByTestId('ask-button').click();
  await expect(page).toHaveURL(/\/m\/questions\/ask\?/);
  await expect(page.getByTestId('ask-subject')).toContainText('公示备案');
  // nothing typed: the server refuses, and its Chinese reason shows on the field
  const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/my/questions') && r.request().method() === 'POST');
  await page.getByTestId('ask-submit').click();
  expect((await refused).status()).toBe(400);
  await expect(page.locator('.ant-form-item-explain-error')).toHaveText('请填写质询内容');
  const question = `外包保洁合同金额 36,000 元是全年还是本季度？${tag}`;
  await page.getByTestId('ask-body').fill(question);
  await snap(page, 'd7-9-owner-ask');
  const asked = page.waitForResponse((r) => r.url().endsWith('/api/v1/my/questions') && r.request().method() === 'POST');
  await page.getByTestId('ask-submit').click();
  expect((await asked).status()).toBe(200);
  await expect(page).toHaveURL(/\/m\/questions\?mine=1$/);
  const q = page.getByTestId('question').filter({ hasText: question });
  await expect(q).toHaveCount(1);
  await expect(q.getByTestId('question-state')).toHaveText('待答复');
  await expect(q.getByTestId('question-mine')).toHaveText('我的提问');
  await expect(q.getByTestId('question-due')).toContainText('答复期限');
  await expect(q.getByTestId('question-subject')).toContainText('公示备案');
  // the asker as other owners see them: their building, never a name
  await expect(q.getByTestId('question-asker')).toHaveText(/^\S+(栋|楼)业主$/);
  await snap(page, 'd7-10-owner-questions');
  // the estate's questions, everyone's: answered, open and escalated ones
  await page.getByTestId('questions-mine').click();
  await expect(page).toHaveURL(/\/m\/questions$/);
  await expect(page.getByTestId('question').filter({ hasText: question })).toHaveCount(1);
  await expectNoHorizontalOverflow(page);
  await snap(page, 'd7-10b-estate-questions');
  // one past its deadline (the demo has them) says so
  const asker = await apiAs(baseURL!, 'owner1');
  const estateQuestions = await ok<{ items: { id: number; overdue: boolean; state: string }[] }>(await asker.get('/api/v1/my/questions?pageSize=200'), 'my questions');
  await asker.dispose();
  const late = estateQuestions.items.find((x) => x.overdue);
  expect(late, 'an overdue question in the estate').toBeTruthy();
  const lateCard = page.locator(`[data-testid="question"][data-question-id="${late!.id}"]`);
  await expect(lateCard.getByTestId('question-state')).toContainText(late!.state === 'escalated' ? '逾期 · 已转社区督办' : '待答复');
  await expect(lateCard).toContainText('逾期');
  // mid-screen, clear of the sticky header and the tab bar
  await lateCard.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await lateCard.screenshot({ path: 'e2e/screenshots/d7-10c-question-overdue.png' });
  // and under the package it was asked on
  await page.goto(`/m/filings/${arranged.filingId}`);
  await expect(page.getByTestId('subject-questions').getByTestId('question-body')).toContainText(question);
});

test("owner4 (another estate) does not see 翠竹苑's notices", async ({ page }) => {
  await loginAsDemo(page, 'owner4');
  await page.getByRole('navigation', { name: 'tabs' }).getByRole('link', { name: '公开' }).click();
  await expect(page).toHaveURL(/\/m\/notices$/);
  await expect(page.getByTestId('notices-unread-count')).toBeVisible();
  for (const title of Object.values(arranged.notices)) await expect(page.getByText(title)).toHaveCount(0);
  await expect(page.getByText('翠竹苑')).toHaveCount(0);
  await snap(page, 'd7-11-owner4-notices');
  // nor by its address
  await page.goto(`/m/notices/${arranged.ids.pinned}`);
  await expect(page.getByTestId('notice-detail-title')).toHaveCount(0);
  await expect(page.getByRole('alert')).toBeVisible();
  await page.goto(`/m/revenue/${arranged.statementId}`);
  await expect(page.getByTestId('revenue-totals')).toHaveCount(0);
  await expect(page.getByRole('alert')).toBeVisible();
});

test('owner1 in English: the disclosure pages fit the phone', async ({ page }) => {
  await loginAsDemo(page, 'owner1');
  // the language switch is kept in localStorage (app/i18n.tsx)
  await page.evaluate(() => localStorage.setItem('gongzhi.lang', 'en'));
  await page.goto('/m/units');
  await page.getByRole('navigation', { name: 'tabs' }).getByRole('link', { name: 'Public' }).click();
  await expect(page.getByRole('heading', { name: 'Notices' })).toBeVisible();
  await expect(page.getByTestId('notice-item').first()).toBeVisible();
  await snap(page, 'd7-12-owner-notices-en');
  const nav = page.getByTestId('disclosure-nav');
  for (const [label, heading, testId] of [
    ['Revenue', 'Common revenue', 'revenue-statement'],
    ['Filings', 'Filings', 'filing-item'],
    ['Questions', 'Questions', 'question'],
  ] as const) {
    await nav.getByText(label, { exact: true }).click();
    await expect(page.getByRole('heading', { name: heading })).toBeVisible();
    await expect(page.getByTestId(testId).first()).toBeVisible();
    await expectNoHorizontalOverflow(page);
  }
  await page.goto(`/m/revenue/${arranged.statementId}`);
  await expect(page.getByTestId('revenue-share-how')).toContainText('How it is computed');
  await expectNoHorizontalOverflow(page);
  await page.goto(`/m/filings/${arranged.filingId}`);
  await expect(page.getByTestId('filing-state')).toHaveText('Acknowledged');
  await snap(page, 'd7-13-owner-filing-en');
});
