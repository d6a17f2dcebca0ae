import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { arrangeOwnerFund, homeBuildingName, ownerBalances, type ArrangedFund } from './fund-db.ts';
import { estateByName, rosterHeads, withDb } from './meeting-db.ts';
import { DEMO_PASSWORD, expectNoHorizontalOverflow, loginAsDemo, shot } from './support.ts';

// An owner follows their maintenance fund on a phone (issue 4). The fund is arranged first
// (fund-db.ts: deposits and interest through the ledger writer, a published roof repair that
// took the first unit's building below the 30% line, an elevator replacement in a meeting, an
// emergency water-pump repair under the district's review, a use rejected on an exclusion, a
// half-year statement); the meeting that decides the elevator is made through the API by the
// 翠竹苑 chair and approved by the street office. owner1 opens 维修资金 from the tab bar: the
// balances and the warning, a unit's movements with the balance after each, every application
// with MY share and how it was computed, the vote link into 我的表决, why the emergency had no
// vote, the rejection and its reason, the actual cost and share once published, the statement.

const DAY = 86_400_000;
const yuan = (fen: number) => {
  const s = String(Math.floor(Math.abs(fen) / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '−' : ''}${s}.${String(Math.abs(fen) % 100).padStart(2, '0')} 元`;
};

async function apiAs(baseURL: string, username: string): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL });
  const res = await api.post('/api/v1/auth/login', { data: { login: username, password: DEMO_PASSWORD } });
  expect(res.ok(), `login ${username}: ${await res.text()}`).toBeTruthy();
  return api;
}

async function ok(res: Awaited<ReturnType<APIRequestContext['post']>>, what: string): Promise<{ id: number }> {
  expect(res.ok(), `${what}: ${res.status()} ${await res.text()}`).toBeTruthy();
  return (await res.json()) as { id: number };
}

/** a meeting with one matter-5 item scoped to the building, notice published (owners see it) */
async function arrangeMeeting(baseURL: string, building: string): Promise<{ meetingId: number; itemId: number | null }> {
  const estate = await estateByName('翠竹苑');
  const chair = await apiAs(baseURL, 'chair');
  const street = await apiAs(baseURL, 'street');
  const created = await ok(
    await chair.post('/api/v1/meetings', {
      data: {
        estateId: estate.id,
        title: `${building}电梯更新使用维修资金表决 E2E ${Date.now() % 100_000}`,
        description: `${building}2号电梯曳引机更换，费用从本楼维修资金列支，由本楼业主表决。`,
        convenerKind: 'committee',
        convenerName: '翠竹苑第二届业主委员会',
        rules: 'civil-code-2021',
        householdCount: await rosterHeads('翠竹苑'),
        votingOpensAt: new Date(Date.now() + 16 * DAY).toISOString(),
        votingClosesAt: new Date(Date.now() + 23 * DAY).toISOString(),
        items: [{ kind: 'matter', matter: 5, title: `使用专项维修资金更换${building}2号电梯曳引机`, scope: { buildings: [building] } }],
      },
    }),
    'create meeting',
  );
  const id = Number(created.id);
  await ok(await chair.post(`/api/v1/meetings/${id}/submit`, { data: {} }), 'submit');
  await ok(await street.post(`/api/v1/meetings/${id}/approve`, { data: {} }), 'approve');
  await ok(await chair.post(`/api/v1/meetings/${id}/publish-notice`, { data: {} }), 'publish notice');
  await chair.dispose();
  await street.dispose();
  const itemId = await withDb(async (db) => {
    const r = await db.query('SELECT id FROM meeting_items WHERE meeting_id = $1 ORDER BY id LIMIT 1', [id]);
    return r.rows[0] ? Number(r.rows[0].id) : null;
  });
  return { meetingId: id, itemId };
}

/** a full-page screenshot taken from the top (the sticky header otherwise lands mid-page) */
async function snap(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectNoHorizontalOverflow(page);
  await shot(page, name);
}

let fund: ArrangedFund;

// one arrangement for both journeys: serial, so a failure does not re-run beforeAll in a fresh
// worker and arrange the same applications twice
test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(120_000);
  const building = await homeBuildingName('owner1');
  const meeting = await arrangeMeeting(baseURL!, building);
  fund = await arrangeOwnerFund({ meetingId: meeting.meetingId, meetingItemId: meeting.itemId });
});

test('owner on a phone: balances with the 30% warning, movements, my share of each use, the vote, the emergency, the outcome, the statement', async ({ page }) => {
  test.setTimeout(180_000);
  const accounts = await ownerBalances('owner1');

  // -- 我的维修资金 ---------------------------------------------------------------------------
  await loginAsDemo(page, 'owner1');
  await page.getByRole('navigation', { name: 'tabs' }).getByRole('link', { name: '维修资金' }).click();
  await expect(page).toHaveURL(/\/m\/fund$/);
  await expect(page.getByRole('heading', { name: '我的维修资金' })).toBeVisible();
  const cards = page.getByTestId('fund-unit');
  await expect(cards).toHaveCount(fund.units.length);
  for (const a of accounts) {
    const u = fund.units.find((x) => x.id === a.unitId)!;
    const card = cards.filter({ hasText: `${u.building}-${u.number}` });
    await expect(card.getByTestId('fund-balance')).toHaveText(yuan(a.balanceFen));
    await expect(card.getByTestId('fund-initial')).toContainText(yuan(a.initialFen));
    // the 30% line: balance < 30% of the initial deposit, in integers
    const below = 10 * a.balanceFen < 3 * a.initialFen;
    await expect(card.getByTestId('fund-below-line')).toHaveCount(below ? 1 : 0);
  }
  // the roof repair took the home building below the line
  const first = cards.filter({ hasText: `${fund.home.building}-${fund.home.number}` });
  await expect(first.getByTestId('fund-below-line')).toContainText('不足首期交存额的 30%');
  const apps = page.getByTestId('fund-app');
  await expect(apps.filter({ hasText: fund.inVote.title })).toContainText('业主表决中');
  await expect(apps.filter({ hasText: fund.emergency.title })).toContainText('应急维修');
  await expect(apps.filter({ hasText: fund.published.title })).toContainText('我的实际分摊');
  await expect(apps.filter({ hasText: fund.rejected.title })).toContainText('未通过');
  await snap(page, 'f1-owner-fund-home');

  // -- a unit's movements, newest first, with the balance after each ---------------------------
  await first.getByTestId('fund-unit-movements').click();
  await expect(page).toHaveURL(new RegExp(`/m/fund/units/${fund.home.id}$`));
  const rows = page.getByTestId('fund-movement');
  // newest first: the top line ends at today's balance; the oldest is the initial deposit
  const homeAccount = accounts.find((a) => a.unitId === fund.home.id)!;
  await expect(rows.first().getByTestId('fund-movement-after')).toHaveText(`余额 ${yuan(homeAccount.balanceFen)}`);
  await expect(rows.last()).toContainText('首期交存');
  await expect(rows.last().getByTestId('fund-movement-amount')).toHaveText(/^\+[\d,]+\.\d\d 元$/);
  const stage1 = rows.filter({ hasText: `${fund.published.title} 第1期` });
  await expect(stage1).toContainText('使用支出');
  await expect(stage1.getByTestId('fund-movement-amount')).toHaveText(/^−[\d,]+\.\d\d 元$/);
  await snap(page, 'f2-owner-fund-movements');

  // -- the use in a meeting: my share before the vote, how it was computed, the vote link -----
  await page.getByRole('button', { name: '返回' }).click();
  await apps.filter({ hasText: fund.inVote.title }).click();
  await expect(page.getByRole('heading', { name: fund.inVote.title })).toBeVisible();
  await expect(page.getByTestId('fund-app-explain')).toContainText('请在「我的表决」中投票');
  await expect(page.getByTestId('fund-app-budget')).toHaveText(/^[\d,]+\.\d\d 元$/);
  await expect(page.getByTestId('fund-my-share')).toHaveCount(1);
  // the sum the owner can redo: my area over the scope's total area, times the budget
  await expect(page.getByTestId('fund-share-how')).toContainText(/面积 [\d.]+ ㎡，本次分摊范围共 \d+ 户、总面积 [\d.]+ ㎡，您占 [\d.]+%。预算 [\d,.]+ 元 × [\d.]+ ÷ [\d.]+ ≈ [\d,.]+ 元/);
  await expect(page.getByTestId('fund-share-how')).toContainText('按最大余数法');
  await snap(page, 'f3-owner-fund-in-vote');
  await page.getByTestId('fund-app-vote').click();
  await expect(page).toHaveURL(new RegExp(`/m/meetings/${fund.inVote.meetingId}$`));
  await expect(page.getByTestId('meeting-item')).toContainText('电梯');

  // -- the emergency: why there was no vote ----------------------------------------------------
  await page.goto(`/m/fund/applications/${fund.emergency.id}`);
  await expect(page.getByRole('heading', { name: fund.emergency.title })).toBeVisible();
  await expect(page.getByTestId('fund-emergency-why')).toContainText('未经业主表决');
  await expect(page.getByTestId('fund-emergency-why')).toContainText('街道办事处（社区）确认');
  await expect(page.getByTestId('fund-emergency-why')).toContainText('应急情形：专用排水设施');
  await expect(page.getByTestId('fund-app-explain')).toContainText('区住房城乡建设部门审核');
  await snap(page, 'f4-owner-fund-emergency');

  // -- the rejected one: the district's reason --------------------------------------------------
  await page.goto(`/m/fund/applications/${fund.rejected.id}`);
  await expect(page.getByTestId('fund-decision')).toContainText(fund.rejected.reason);
  await expect(page.getByTestId('fund-decision')).toContainText('物业服务企业按合同应负责的日常养护');
  await snap(page, 'f5-owner-fund-rejected');

  // -- published: the actual cost and my actual share -------------------------------------------
  await page.goto(`/m/fund/applications/${fund.published.id}`);
  await expect(page.getByTestId('fund-app-actual')).toBeVisible();
  await expect(page.getByTestId('fund-my-share-actual')).toContainText('实际分摊');
  await expect(page.getByTestId('fund-decision')).toContainText('审核通过');
  await snap(page, 'f6-owner-fund-published');

  // -- the half-year statement -------------------------------------------------------------------
  await page.goto('/m/fund');
  await page.getByTestId('fund-statements-link').click();
  await expect(page).toHaveURL(/\/m\/fund\/statements$/);
  const stmt = page.getByTestId('fund-statement').filter({ hasText: '2025-07-01 至 2025-12-31' });
  await expect(stmt.getByTestId('fund-statement-estate')).toContainText('期末余额');
  await expect(stmt.getByTestId('fund-statement-estate')).toContainText('期初余额');
  await expect(stmt.getByTestId('fund-statement-my-building').first()).toContainText(`我的楼栋：${fund.published.building}`);
  await snap(page, 'f7-owner-fund-statements');
});

test('owner2 sees only the uses that charge their own unit', async ({ page }) => {
  const mine = await withDb(async (db) => {
    const r = await db.query(
      `SELECT u.id FROM bindings g JOIN accounts a ON a.id = g.account_id JOIN units u ON u.id = g.unit_id
        WHERE a.username = 'owner2' AND g.status = 'approved'`,
    );
    return r.rows.map((x) => Number(x.id));
  });
  const charged = await withDb(async (db) => {
    const r = await db.query(
      `SELECT DISTINCT a.title FROM fund_applications a JOIN fund_application_shares s ON s.application_id = a.id
        WHERE s.unit_id = ANY($1::bigint[]) AND a.submitted_at IS NOT NULL`,
      [mine],
    );
    return r.rows.map((x) => String(x.title));
  });
  await loginAsDemo(page, 'owner2');
  await page.getByRole('navigation', { name: 'tabs' }).getByRole('link', { name: '维修资金' }).click();
  await expect(page.getByTestId('fund-unit')).toHaveCount(mine.length);
  for (const t of [fund.published.title, fund.inVote.title, fund.emergency.title, fund.rejected.title]) {
    await expect(page.getByTestId('fund-app').filter({ hasText: t })).toHaveCount(charged.includes(t) ? 1 : 0);
  }
  await snap(page, 'f8-owner2-fund');
  // the same page in English still fits the phone
  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('heading', { name: 'My maintenance fund' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'tabs' })).toContainText('Repair fund');
  await snap(page, 'f8b-owner2-fund-english');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('heading', { name: '我的维修资金' })).toBeVisible();
  // another owner's application by its address: not found, nothing shown
  // (owner2's one unit is outside at least one of the scopes: their home or owner1's garage)
  const foreign = [fund.published, fund.inVote, fund.emergency, fund.rejected].find((a) => !charged.includes(a.title));
  expect(foreign, 'an application that does not charge owner2').toBeTruthy();
  await page.goto(`/m/fund/applications/${foreign!.id}`);
  await expect(page.getByRole('alert')).toContainText('不存在');
  await expect(page.getByRole('button', { name: /重\s?试/ })).toHaveCount(0);
  await expect(page.getByTestId('fund-my-shares')).toHaveCount(0);
  await snap(page, 'f9-owner2-foreign-application');
});
