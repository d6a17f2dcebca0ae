import { expect, test } from '@playwright/test';
import { closeVotingNow, meetingState, openVotingNow } from './meeting-db.ts';
import {
  apiAs, applicationState, confirmAction, ensureBalances, idFromUrl, modalAction, ok, openApplication, ownersUnits, pickUnits, PNG, signedIn,
} from './official-fund-support.ts';
import { chooseOption, selectOption, shot } from './support.ts';

// The ordinary use of the maintenance fund (办法 第22、23条), through the officials' screens:
// the property company applies for a repair charged to a few units, sees each unit's share as it
// types the budget, attaches a quote and submits; the committee puts it to the owners as a
// matter-5 item limited to those units; the meeting runs to its result (stored times moved into
// the past, see meeting-db.ts); the vote passes, so the district housing bureau reviews it from
// its queue and approves; stage 1 (70%) is paid; the committee accepts the works with owner
// representatives; the district settles at the actual cost; the committee publishes the outcome.

const TITLE = `单元门禁及楼道照明维修 E2E ${Date.now() % 100_000}`;

test('ordinary use: company applies with the live apportionment, owners vote, district approves, paid in stages, settled, published', async ({ browser, baseURL }) => {
  test.setTimeout(600_000);
  const units = await ownersUnits();
  expect(units.length, 'owner1 and owner2 are bound to units in 翠竹苑').toBeGreaterThanOrEqual(2);
  await ensureBalances(baseURL!, units, 500_000);

  // -- the property company drafts the application ---------------------------------------------
  const manager = await signedIn(browser, 'manager');
  await manager.getByRole('menuitem', { name: '使用申请' }).click();
  await expect(manager.getByRole('heading', { name: '维修资金使用申请' })).toBeVisible();
  await manager.getByTestId('new-application').click();
  await expect(manager).toHaveURL(/\/funds\/applications\/new/);
  await expect(manager.getByText('申请人：物业服务企业')).toBeVisible();
  // the company's single estate
  await chooseOption(manager, manager.getByTestId('estate-select'), '翠竹苑');
  await manager.getByTestId('fund-title').fill(TITLE);
  await selectOption(manager, manager.getByTestId('fund-category'), { option: /其他共用部位/ });
  await manager.getByTestId('fund-reason').fill('单元门禁主板烧毁、楼道声控灯大面积损坏，夜间出入不便，需更换门禁主板和楼道灯具。');
  await pickUnits(manager, units);
  await expect(manager.getByTestId('preview-empty')).toBeVisible();
  // the preview follows the budget as it is typed: the shares sum exactly to it
  await manager.getByTestId('fund-budget').fill('3000');
  await expect(manager.getByTestId('preview-total')).toContainText('¥3,000.00');
  await manager.getByTestId('fund-budget').fill('3000.01');
  await expect(manager.getByTestId('preview-total')).toContainText('¥3,000.01');
  await expect(manager.getByTestId('apportion-preview').locator('.ant-table-row')).toHaveCount(units.length);
  await manager.getByTestId('fund-contractor').fill('示范市安居机电工程有限公司');
  await manager.getByTestId('fund-contractor-account').fill('示范银行东湖支行 6222 0000 1234 5678');
  for (const k of ['warranty', 'utility', 'personDamage', 'companyUpkeep']) await manager.getByTestId(`exclusion-${k}`).check();
  await shot(manager, 'f1-fund-application-form-preview');
  await manager.getByTestId('fund-save').click();
  await expect(manager).toHaveURL(/\/funds\/applications\/\d+$/);
  const id = idFromUrl(manager);
  await expect(manager.getByTestId('fund-state')).toHaveText('草稿');

  // -- a quote attached, then submitted: the shares freeze --------------------------------------
  await manager.getByRole('tab', { name: /附件/ }).click();
  await selectOption(manager, manager.getByTestId('attachment-kind'), { option: /施工报价/ });
  await manager.getByTestId('fund-attachments').locator('input[type=file]').setInputFiles({ name: '门禁维修报价单.png', mimeType: 'image/png', buffer: PNG });
  await expect(manager.getByTestId('fund-attachments')).toContainText('门禁维修报价单.png');
  await shot(manager, 'f2-fund-draft-attachments');
  await confirmAction(manager, 'submit');
  await expect(manager.getByTestId('fund-state')).toHaveText('已提交');
  await manager.getByRole('tab', { name: '每户分摊' }).click();
  await expect(manager.getByTestId('fund-shares')).toContainText('提交时冻结');
  await expect(manager.getByTestId('fund-shares')).toContainText('¥3,000.01');
  await shot(manager, 'f3-fund-submitted-shares');

  // -- the committee puts it to the owners (a new draft meeting with a matter-5 item) -----------
  const chair = await signedIn(browser, 'chair');
  await chair.getByRole('menuitem', { name: '使用申请' }).click();
  const row = chair.locator('.ant-table-row').filter({ hasText: TITLE });
  await expect(row).toHaveCount(1);
  await shot(chair, 'f4-fund-applications-list');
  await row.getByRole('link', { name: TITLE }).click();
  await expect(chair.getByTestId('fund-title-view')).toContainText(TITLE);
  await modalAction(chair, 'put_to_vote', async (m) => {
    await expect(m).toContainText('第5项');
    await m.getByTestId('meeting-title-input').fill(`翠竹苑维修资金使用表决 E2E ${id}`);
  });
  await expect(chair.getByTestId('fund-state')).toHaveText('业主表决中');
  await expect(chair.getByTestId('fund-meeting-link')).toBeVisible();
  await shot(chair, 'f5-fund-in-vote');
  const detail = await ok<{ meeting: { meetingId: number } }>(await chair.request.get(`/api/v1/fund/applications/${id}`), 'detail');
  const meetingId = detail.meeting.meetingId;

  // -- the meeting, to its result: street approves, notice, voting, the two owners vote yes ------
  await chair.getByTestId('fund-meeting-link').click();
  await expect(chair.getByTestId('meeting-title')).toBeVisible();
  await expect(chair.getByTestId('meeting-title')).toContainText('维修资金');
  await shot(chair, 'f6-fund-meeting-item');
  const chairApi = await apiAs(baseURL!, 'chair');
  const streetApi = await apiAs(baseURL!, 'street');
  await ok(await chairApi.post(`/api/v1/meetings/${meetingId}/submit`, { data: {} }), 'submit meeting');
  await ok(await streetApi.post(`/api/v1/meetings/${meetingId}/approve`, { data: {} }), 'approve meeting');
  await ok(await chairApi.post(`/api/v1/meetings/${meetingId}/publish-notice`, { data: {} }), 'publish notice');
  await openVotingNow(meetingId);
  await expect.poll(() => meetingState(meetingId), { timeout: 30_000 }).toBe('voting_open');
  const meeting = await ok<{ items: { id: number }[] }>(await chairApi.get(`/api/v1/meetings/${meetingId}`), 'meeting');
  for (const owner of ['owner1', 'owner2']) {
    const api = await apiAs(baseURL!, owner);
    await ok(await api.post(`/api/v1/meetings/${meetingId}/ballots`, {
      headers: { 'idempotency-key': `e2e-fund-${owner}-${meetingId}` },
      data: { votes: meeting.items.map((i) => ({ itemId: i.id, choice: 'yes' })) },
    }), `${owner} votes`);
    await api.dispose();
  }
  await closeVotingNow(meetingId);
  await expect.poll(() => meetingState(meetingId), { timeout: 60_000 }).toBe('tallied');
  await ok(await chairApi.post(`/api/v1/meetings/${meetingId}/publish-result`, { data: {} }), 'publish result');
  await chairApi.dispose();
  await streetApi.dispose();
  // the meeting's result moves the application on (the fund's meeting-transition listener)
  await expect.poll(() => applicationState(id), { timeout: 30_000 }).toBe('under_review');

  // -- the district reviews from its queue, ordered by deadline, and approves --------------------
  const district = await signedIn(browser, 'district');
  await district.getByRole('menuitem', { name: '使用审核' }).click();
  await expect(district.getByRole('heading', { name: '维修资金使用审核' })).toBeVisible();
  const queued = district.getByTestId('review-queue').locator('.ant-table-row').filter({ hasText: TITLE });
  await expect(queued).toHaveCount(1);
  await expect(queued).toContainText(/个工作日|今天到期/);
  await shot(district, 'f7-fund-review-queue');
  await queued.getByRole('link', { name: TITLE }).click();
  await expect(district.getByTestId('fund-state')).toHaveText('区住建部门审核中');
  await shot(district, 'f8-fund-under-review');
  await modalAction(district, 'approve', async (m) => {
    await m.getByTestId('action-text').fill('业主表决通过，材料齐全，同意使用。');
  });
  await expect(district.getByTestId('fund-state')).toHaveText('审核通过');

  // -- stage 1 (70%) paid -------------------------------------------------------------------------
  await district.getByRole('tab', { name: '拨付' }).click();
  await district.getByTestId('disburse-1').click();
  await district.locator('.ant-popconfirm:not(.ant-popover-hidden)').getByRole('button', { name: /拨\s?付/ }).click();
  await expect(district.getByTestId('stage-1-paid')).toContainText('¥2,100.01');
  await expect(district.getByTestId('fund-state')).toHaveText('拨付中');
  await shot(district, 'f9-fund-stage1-paid');

  // -- the committee accepts the works with owner representatives --------------------------------
  await openApplication(chair, id);
  await modalAction(chair, 'accept', async (m) => {
    await m.getByTestId('owner-reps').click();
    await chair.keyboard.type('王建国');
    await chair.keyboard.press('Enter');
    await chair.keyboard.type('李秀英');
    await chair.keyboard.press('Enter');
    await m.getByTestId('action-text').fill('门禁和楼道灯具已全部更换，运行正常。');
  });
  await expect(chair.getByTestId('fund-state')).toHaveText('已验收');

  // -- the district settles at the actual cost: the last stage is actual − paid -----------------
  await openApplication(district, id);
  await modalAction(district, 'settle', async (m) => {
    await m.getByTestId('actual-cost').fill('2850');
  });
  await expect(district.getByTestId('fund-state')).toHaveText('已结算');
  await expect(district.getByTestId('fund-actual-view')).toHaveText('¥2,850.00');
  await district.getByRole('tab', { name: '拨付' }).click();
  await expect(district.getByTestId('stages-summary')).toContainText('已拨付 ¥2,850.00');
  await shot(district, 'f10-fund-settled-stages');

  // -- the committee publishes the outcome to the owners in scope --------------------------------
  await openApplication(chair, id);
  await confirmAction(chair, 'publish');
  await expect(chair.getByTestId('fund-state')).toHaveText('已公布');
  await chair.getByRole('tab', { name: '每户分摊' }).click();
  await expect(chair.getByTestId('fund-shares')).toContainText('实际分摊');
  await expect(chair.getByTestId('fund-shares')).toContainText('¥2,850.00');
  await shot(chair, 'f11-fund-published-shares');
  await chair.getByRole('tab', { name: '申请概况' }).click();
  await expect(chair.getByTestId('fund-timeline')).toContainText('业主表决通过');
  await shot(chair, 'f12-fund-published-timeline');

  // -- the estate's books: the withdrawals appear among the movements ----------------------------
  await chair.getByRole('menuitem', { name: '资金总览' }).click();
  await expect(chair.getByTestId('fund-buildings')).toBeVisible();
  await shot(chair, 'f13-fund-overview');
  // a building below 30% of its initial deposits (the demo city has one) is offered a
  // replenishment item (matter 6) for a meeting
  if (await chair.getByTestId('below-line-alert').count()) {
    await chair.locator('[data-testid^=replenish-]').first().click();
    const offer = chair.locator('.ant-modal:visible');
    await expect(offer).toContainText('第6项');
    await shot(chair, 'f13b-fund-replenishment-offer');
    await offer.getByRole('button', { name: '加入会议草稿' }).click();
    await expect(chair.getByTestId('meeting-title')).toContainText('续筹');
    await expect(chair.getByTestId('meeting-state')).toHaveText('草稿');
    await shot(chair, 'f13c-fund-replenishment-meeting');
    await chair.getByRole('menuitem', { name: '资金总览' }).click();
    await expect(chair.getByTestId('fund-buildings')).toBeVisible();
  }
  await chair.getByRole('tab', { name: '资金流水' }).click();
  await expect(chair.getByTestId('fund-movements').locator('.ant-table-row').filter({ hasText: TITLE }).first()).toBeVisible();
  await shot(chair, 'f14-fund-movements');
  const xlsx = chair.waitForEvent('download');
  await chair.getByTestId('export-movements').click();
  expect((await xlsx).suggestedFilename()).toMatch(/\.xlsx$/);

  // a unit's own ledger: the withdrawals for this use with the balance after each
  await chair.getByRole('tab', { name: '分户账' }).click();
  await chair.getByTestId('fund-units').getByPlaceholder('房号，如 1-101').fill(units[0].number);
  await chair.getByTestId('fund-units').getByPlaceholder('房号，如 1-101').press('Enter');
  await chair.getByTestId('fund-units').locator('.ant-table-row a').filter({ hasText: new RegExp(`^${units[0].building}-${units[0].number}$`) }).click();
  const drawer = chair.locator('.ant-drawer-body');
  await expect(drawer).toContainText('使用支出');
  await expect(drawer).toContainText('首期交存');
  await shot(chair, 'f15-fund-unit-ledger');

  // -- the district publishes a statement for this half-year and reads it -----------------------
  await district.goto('/funds');
  await chooseOption(district, district.getByTestId('estate-select'), '翠竹苑');
  await district.getByRole('tab', { name: '对账单' }).click();
  // a period must end before today (today's bookings are not complete yet): this half-year up to yesterday
  const today = new Date(Date.now() - 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const start = today.slice(5) >= '07-01' ? `${today.slice(0, 4)}-07-01` : `${today.slice(0, 4)}-01-01`;
  await district.getByPlaceholder('期初').click();
  await district.getByPlaceholder('期初').fill(start);
  await district.getByPlaceholder('期初').press('Enter');
  await district.getByPlaceholder('期末').fill(today);
  await district.getByPlaceholder('期末').press('Enter');
  await district.getByRole('button', { name: '发布对账单' }).click();
  const statement = district.getByTestId('fund-statements').locator('.ant-table-row').filter({ hasText: `${start} ~ ${today}` });
  await expect(statement).toHaveCount(1);
  await statement.getByText('查看', { exact: true }).click();
  const body = district.locator('.ant-modal:visible');
  await expect(body).toContainText('全小区合计');
  await expect(body).toContainText('使用支出');
  await shot(district, 'f16-fund-statement');
});
