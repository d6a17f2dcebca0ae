import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { closeVotingNow, estateByName, meetingState, openVotingNow, rosterHeads } from './meeting-db.ts';
import { demoAccount } from '@gongzhi/server/modules/demo/accounts.ts';
import { DEMO_PASSWORD, expectNoHorizontalOverflow, loginAsDemo, shot } from './support.ts';

// An owner votes on a phone (issue 3). The meeting is arranged through the API first: the 翠竹苑
// chair creates it (a three-quarters matter, a majority matter and a two-seat election), the
// street office approves, the chair publishes the notice; its opening is then moved into the
// past with SQL (meeting-db.ts) and the server's job runner opens voting. owner1 finds it under
// 我的表决, reads the notice and the roster, votes on every item, keeps the receipts, checks one;
// then changes the ballot while the answer to the first submission is lost on the way back
// (the retry reuses the Idempotency-Key: one change, not two). Anyone checks a receipt on the
// public /verify page. owner2 names owner1 as proxy on the phone, the chair approves, owner1 finds it under
// 我受托代为表决 and votes for owner2. After the tally the owner sees the result and the
// inclusion proof. A second journey opens a meeting's frozen roster.

const TITLE = `翠竹苑业主大会 手机投票 E2E ${Date.now() % 100_000}`;
const DAY = 86_400_000;

async function apiAs(baseURL: string, username: string): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL });
  const res = await api.post('/api/v1/auth/login', { data: { login: username, password: DEMO_PASSWORD } });
  expect(res.ok(), `login ${username}: ${await res.text()}`).toBeTruthy();
  return api;
}

async function ok(res: Awaited<ReturnType<APIRequestContext["post"]>>, what: string): Promise<{ id: number }> {
  expect(res.ok(), `${what}: ${res.status()} ${await res.text()}`).toBeTruthy();
  return (await res.json()) as { id: number };
}

/** a meeting in 翠竹苑 open for voting, through the API and the job runner */
async function arrangeMeeting(baseURL: string): Promise<number> {
  const estate = await estateByName('翠竹苑');
  const heads = await rosterHeads('翠竹苑');
  const chair = await apiAs(baseURL, 'chair');
  const street = await apiAs(baseURL, 'street');
  const created = await ok(
    await chair.post('/api/v1/meetings', {
      data: {
        estateId: estate.id,
        title: TITLE,
        description: '本次会议审议筹集专项维修资金、续聘物业服务企业，并补选两名业主委员会委员。\n表决材料见附件，请在投票时间内完成投票。',
        convenerKind: 'committee',
        convenerName: '翠竹苑第二届业主委员会',
        rules: 'civil-code-2021',
        householdCount: heads,
        votingOpensAt: new Date(Date.now() + 16 * DAY).toISOString(),
        votingClosesAt: new Date(Date.now() + 23 * DAY).toISOString(),
        items: [
          { kind: 'matter', matter: 6, title: '按每平方米 20 元补充筹集 3 号楼电梯更新专项维修资金', description: '详见电梯更新方案及预算。' },
          { kind: 'matter', matter: 4, title: '续聘安居物业服务有限公司为本小区物业服务企业（三年）' },
          {
            kind: 'election', title: '补选业主委员会委员', seats: 2,
            candidates: [
              { name: '张明', statement: '3栋业主，退休工程师，熟悉电梯和消防设施维护。' },
              { name: '李红', statement: '1栋业主，会计师，愿意负责公共收益账目公开。' },
              { name: '王强', statement: '5栋业主。' },
            ],
          },
        ],
      },
    }),
    'create meeting',
  );
  const id = Number(created.id);
  await ok(await chair.post(`/api/v1/meetings/${id}/submit`, { data: {} }), 'submit');
  await ok(await street.post(`/api/v1/meetings/${id}/approve`, { data: {} }), 'approve');
  await ok(await chair.post(`/api/v1/meetings/${id}/publish-notice`, { data: {} }), 'publish notice');
  await openVotingNow(id);
  await expect.poll(() => meetingState(id), { timeout: 30_000 }).toBe('voting_open');
  await chair.dispose();
  await street.dispose();
  return id;
}

/** a full-page screenshot taken from the top (the sticky header otherwise lands mid-page) */
async function snap(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, name);
}

async function receiptCodes(page: Page): Promise<string[]> {
  const codes = page.getByTestId('receipt').getByTestId('receipt-code');
  return (await codes.allTextContents()).map((s) => s.trim());
}

test('owner on a phone: reads the notice, votes on every item, keeps receipts, changes the ballot, checks inclusion and the result', async ({ page, browser, baseURL }) => {
  test.setTimeout(300_000);
  const id = await arrangeMeeting(baseURL!);

  // -- 我的表决 -------------------------------------------------------------------------------
  await loginAsDemo(page, 'owner1');
  await page.getByRole('navigation', { name: 'tabs' }).getByRole('link', { name: '我的表决' }).click();
  await expect(page).toHaveURL(/\/m\/meetings$/);
  const card = page.getByTestId('my-meeting').filter({ hasText: TITLE });
  await expect(card).toContainText('投票中');
  await expect(card).toContainText('尚未投票');
  await expectNoHorizontalOverflow(page);
  await snap(page, 'c1-my-meetings');

  // -- the notice -----------------------------------------------------------------------------
  await card.click();
  await expect(page).toHaveURL(new RegExp(`/m/meetings/${id}$`));
  await expect(page.getByRole('heading', { name: TITLE })).toBeVisible();
  const items = page.getByTestId('meeting-item');
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toContainText('筹集建筑物及其附属设施的维修资金');
  await expect(items.nth(0).getByTestId('item-threshold')).toHaveText('需专有部分面积和人数均达到参与表决的四分之三以上同意');
  await expect(items.nth(1).getByTestId('item-threshold')).toHaveText('需专有部分面积和人数均超过参与表决的半数同意');
  await expect(items.nth(2)).toContainText('应选 2 人');
  await expect(items.nth(2)).toContainText('李红');
  await expect(page.getByTestId('my-vote-status')).toContainText('您还没有投票');
  await expect(page.getByTestId('turnout')).toContainText('已参与人数');
  await expectNoHorizontalOverflow(page);
  await snap(page, 'c2-meeting-notice');

  // -- vote on every item ---------------------------------------------------------------------
  await page.getByRole('button', { name: '去投票' }).click();
  await expect(page).toHaveURL(new RegExp(`/m/meetings/${id}/vote`));
  await expect(page.getByText('还有 2 项议题未选择')).toBeVisible();
  await page.getByTestId('choice-1').getByText('同意').click();
  await page.getByTestId('choice-2').getByText('反对').click();
  const election = page.getByTestId('election-3');
  await election.getByText('张明').click();
  await election.getByText('李红').click();
  // two seats: the third box cannot be ticked
  await expect(election.getByRole('checkbox', { name: '王强' })).toBeDisabled();
  await expect(election.getByTestId('seats-count')).toContainText('已选满 2 人');
  await expectNoHorizontalOverflow(page);
  await snap(page, 'c4-vote');

  await page.getByRole('button', { name: '下一步：核对' }).click();
  await expect(page.getByTestId('review-1')).toHaveText('同意');
  await expect(page.getByTestId('review-2')).toHaveText('反对');
  await expect(page.getByTestId('review-3')).toHaveText('张明、李红');
  await expectNoHorizontalOverflow(page);
  await snap(page, 'c5-review');
  await page.getByRole('button', { name: '确认提交' }).click();

  // -- receipts -------------------------------------------------------------------------------
  await expect(page).toHaveURL(new RegExp(`/m/meetings/${id}/receipts`));
  await expect(page.getByTestId('cast-success')).toContainText('投票已提交');
  await expect(page.getByTestId('receipt')).toHaveCount(3);
  const first = await receiptCodes(page);
  for (const c of first) expect(c).toMatch(/^[0-9a-f]{64}$/);
  await expect(page.getByTestId('receipt').nth(2).getByTestId('receipt-choice')).toHaveText('张明、李红');
  await expectNoHorizontalOverflow(page);
  await snap(page, 'c6-receipts');

  // -- inclusion check before the count -------------------------------------------------------
  await page.getByTestId('receipt').first().getByRole('link', { name: /查验是否计入/ }).click();
  await expect(page.getByTestId('inclusion-verdict')).toHaveText('已记录');
  await expect(page.getByTestId('inclusion')).toContainText('同意');
  await expectNoHorizontalOverflow(page);
  await snap(page, 'c7-receipt-check');
  await page.goBack();

  // -- change the ballot; the first answer is lost on the way back ----------------------------
  await page.getByRole('button', { name: '修改我的投票' }).click();
  await expect(page.getByTestId('choice-1').getByRole('radio', { name: '同意' })).toBeChecked();
  await page.getByTestId('choice-1').getByText('弃权').click();
  await page.getByRole('button', { name: '下一步：核对' }).click();
  await expect(page.getByTestId('review-1')).toHaveText('弃权');
  const keys: string[] = [];
  let dropped = false;
  await page.route(`**/api/v1/meetings/${id}/ballots`, async (route) => {
    keys.push(route.request().headers()['idempotency-key'] ?? '');
    if (!dropped) {
      // the server receives and records the ballot; its answer never reaches the phone
      dropped = true;
      await route.fetch();
      await route.abort('connectionreset');
      return;
    }
    await route.continue();
  });
  await page.getByRole('button', { name: '确认提交' }).click();
  await expect(page.getByTestId('vote-problem')).toContainText('不会重复计票');
  await snap(page, 'c8-answer-lost');
  await page.getByRole('button', { name: '重新提交' }).click();
  await expect(page.getByTestId('cast-success')).toBeVisible();
  await page.unroute(`**/api/v1/meetings/${id}/ballots`);
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(keys[1]).toBe(keys[0]);

  const second = await receiptCodes(page);
  expect(second).toHaveLength(3);
  await expect(page.getByTestId('receipt').first().getByTestId('receipt-choice')).toHaveText('弃权');
  // only the changed item got a new ballot; the others keep theirs (and their receipts)
  expect(second[0]).not.toBe(first[0]);
  expect(second.slice(1)).toEqual(first.slice(1));
  // the replayed submission changed the ballot once: one earlier ballot, not two
  await page.getByText(/修改记录（\d+）/).click();
  await expect(page.getByText('修改记录（1）')).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await snap(page, 'c9-changed');

  // -- anyone checks a receipt, no sign-in ------------------------------------------------------
  const visitor = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'zh-CN' })).newPage();
  await visitor.goto('/verify');
  await visitor.getByTestId('verify-input').fill(first[0]!);
  await visitor.getByRole('button', { name: /查\s?验/ }).click();
  await expect(visitor.getByTestId('inclusion-verdict')).toHaveText('已被更改');
  await visitor.getByTestId('verify-input').fill(`  ${second[1]!.toUpperCase()}\n`);
  await visitor.getByRole('button', { name: /查\s?验/ }).click();
  await expect(visitor.getByTestId('inclusion-verdict')).toHaveText('已记录');
  await expect(visitor.getByTestId('inclusion')).not.toContainText('反对');
  await expectNoHorizontalOverflow(visitor);
  await snap(visitor, 'c10-public-verify');

  // -- a proxy: owner2 (a co-owned unit) names owner1, the chair approves ---------------------
  const neighbour = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
  await loginAsDemo(neighbour, 'owner2');
  await neighbour.goto(`/m/meetings/${id}`);
  const proxyCard = neighbour.getByTestId('proxy-request');
  await proxyCard.getByRole('button', { name: '委托他人代为投票' }).click();
  await proxyCard.getByRole('textbox', { name: '代理人手机号' }).fill(demoAccount('owner1').phone);
  const scan = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
  await proxyCard.getByTestId('proxy-file').setInputFiles({ name: '书面委托书.png', mimeType: 'image/png', buffer: scan });
  await proxyCard.getByRole('button', { name: '提交委托' }).click();
  await expect(proxyCard.getByTestId('proxy-status')).toHaveText('待审核');
  await expectNoHorizontalOverflow(neighbour);
  await snap(neighbour, 'c11-proxy-request');
  const proxy = await neighbour.evaluate(async (meetingId) => {
    const r = (await (await fetch('/api/v1/my/proxies')).json()) as { granted: { id: number; meetingId: number }[] };
    return r.granted.find((p) => p.meetingId === meetingId)!;
  }, id);
  const convener = await apiAs(baseURL!, 'chair');
  await ok(await convener.post(`/api/v1/meetings/${id}/proxies/${proxy.id}/approve`, { data: {} }), 'approve proxy');
  await convener.dispose();

  await page.goto('/m/meetings');
  const held = page.getByTestId('my-meeting').filter({ hasText: '受托代理' });
  await expect(held).toContainText(TITLE);
  await expectNoHorizontalOverflow(page);
  await snap(page, 'c12-proxy-list');
  await held.click();
  await expect(page).toHaveURL(/voterKey=/);
  await expect(page.getByText(/受托代理 · /)).toBeVisible();
  await page.getByRole('button', { name: '去投票' }).click();
  await expect(page.getByRole('radio', { name: /受托代理/ })).toBeChecked();
  await page.getByTestId('choice-1').getByText('同意').click();
  await page.getByTestId('choice-2').getByText('同意').click();
  await page.getByTestId('election-3').getByText('李红').click();
  await expectNoHorizontalOverflow(page);
  await snap(page, 'c13-proxy-vote');
  await page.getByRole('button', { name: '下一步：核对' }).click();
  await expect(page.getByTestId('review-3')).toHaveText('李红');
  await page.getByRole('button', { name: '确认提交' }).click();
  await expect(page.getByTestId('cast-success')).toBeVisible();
  await expect(page.getByTestId('receipt')).toHaveCount(3);

  // -- after the count: results and the inclusion proof ----------------------------------------
  await closeVotingNow(id);
  await expect.poll(() => meetingState(id), { timeout: 30_000 }).toBe('tallied');
  const chair = await apiAs(baseURL!, 'chair');
  await ok(await chair.post(`/api/v1/meetings/${id}/publish-result`, { data: {} }), 'publish result');
  await chair.dispose();

  await page.goto(`/m/meetings/${id}`);
  await page.getByRole('button', { name: '查看表决结果' }).click();
  const results = page.getByTestId('result-item');
  await expect(results).toHaveCount(3);
  await expect(results.nth(0).getByTestId('result-verdict')).toHaveText(/通过|未通过/);
  await expect(results.nth(0)).toContainText('需专有部分面积和人数均达到参与表决的四分之三以上同意');
  await expect(results.nth(2)).toContainText('张明');
  await expectNoHorizontalOverflow(page);
  await snap(page, 'c14-results');

  await page.goto(`/m/receipts/${second[0]}`);
  await expect(page.getByTestId('inclusion-verdict')).toHaveText('已计入');
  await expect(page.getByTestId('proof-length')).toContainText('本议题最终有效选票共 2 张');
  await expect(page.getByTestId('proof-length')).toContainText('证明共 1 步哈希');
  await expect(page.getByTestId('proof-length')).toContainText('证明核对无误');
  await expectNoHorizontalOverflow(page);
  await snap(page, 'c15-receipt-included');
});

test('owner on a phone: opens the frozen roster of a meeting (unit numbers and areas, no names)', async ({ page }) => {
  await loginAsDemo(page, 'owner1');
  await page.goto('/m/meetings');
  // any meeting of 翠竹苑 from its notice on has a frozen roster (the demo city has some)
  await page.getByTestId('my-meeting').first().click();
  await page.getByTestId('roster-link').click();
  await expect(page.getByTestId('roster')).toContainText(/共 \d+ 户/);
  await expect(page.getByTestId('roster-unit').first()).toContainText(/\d+\.\d{2} ㎡/);
  await expect(page.getByTestId('roster')).not.toContainText('业主');
  await expectNoHorizontalOverflow(page);
  await snap(page, 'c16-roster');
});
