import { expect, request as playwrightRequest, test, type Browser, type Page } from '@playwright/test';
import { closeVotingNow, meetingState, openVotingNow, rosterHeads } from './meeting-db.ts';
import { DEMO_PASSWORD, loginAsDemo, pickOption, selectOption, shot } from './support.ts';

// The convener's and the street officer's journey through an owners' meeting (issue 3):
// the chair drafts a meeting with a matter and an election, the street office sends it back with
// a reason, the chair corrects and resubmits, the street office approves, the chair publishes
// the notice. Voting then opens (its stored time moved into the past, see meeting-db.ts), two
// owners vote online, the chair enters a paper ballot and a SECOND person (the secretary)
// confirms it; the street officer reads turnout and monitoring flags; voting closes, the tally
// job runs, the chair publishes the result; the printable notice and the PDF.

const TITLE = `翠竹苑业主大会会议 E2E ${Date.now() % 100_000}`;

async function signedIn(browser: Browser, username: string): Promise<Page> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await loginAsDemo(page, username);
  return page;
}

async function openMeeting(page: Page, id: number, tab?: string): Promise<void> {
  await page.goto(`/meetings/${id}${tab ? `?tab=${tab}` : ''}`);
  await expect(page.getByTestId('meeting-title')).toContainText(TITLE);
}

/** Clicks an action button and the 确定 of its confirmation. The confirmation closes as soon as
 *  its click lands (onConfirm returns nothing); a CI run once lost that click while the popover
 *  was still zooming in, so the submit never left the page: the click is tried again while the
 *  confirmation stays open. */
async function act(page: Page, action: string): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  const pop = page.locator('.ant-popconfirm:not(.ant-popover-hidden)');
  await expect(pop).toHaveCount(1);
  for (let attempt = 1; ; attempt++) {
    await pop.getByRole('button', { name: /确\s?定/ }).click();
    try {
      await expect(pop).toHaveCount(0, { timeout: 5_000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
      console.log(`[e2e] confirm of ${action} missed ${attempt}×`);
    }
  }
}

async function waitForState(id: number, state: string): Promise<void> {
  await expect.poll(() => meetingState(id), { timeout: 30_000 }).toBe(state);
}

test('chair convenes a meeting, street office approves, paper ballot confirmed by a second person, results printed', async ({ browser, baseURL }) => {
  test.setTimeout(600_000);
  const heads = await rosterHeads('翠竹苑');

  // -- the chair drafts the meeting -----------------------------------------------------------
  const chair = await signedIn(browser, 'chair');
  await chair.getByRole('menuitem', { name: '业主大会' }).click();
  await expect(chair.getByRole('heading', { name: '业主大会' })).toBeVisible();
  await chair.getByRole('button', { name: '新建会议' }).click();
  await expect(chair).toHaveURL(/\/meetings\/new/);
  await pickOption(chair, 'estate-select', '翠竹苑');
  await chair.locator('#title').fill(TITLE);
  await chair.locator('#convenerName').fill('翠竹苑业主委员会');
  await chair.locator('#householdCount').fill(String(heads + 1));
  await expect(chair.getByTestId('rules-explain')).toContainText('三分之二以上');

  // a maintenance-fund matter (5) may be limited to some buildings: its scope fields appear
  await selectOption(chair, chair.getByTestId('item-0-matter'), { option: /第5项/ });
  await expect(chair.getByTestId('item-0')).toContainText('列支范围：楼栋');
  // item 1: matter 4 (选聘物业); item 2: an election with two seats
  await selectOption(chair, chair.getByTestId('item-0-matter'), { option: /第4项/ });
  await chair.getByTestId('item-0-title').fill('续聘安居物业为本小区物业服务企业');
  await expect(chair.getByTestId('item-0')).toContainText('过半数');
  await chair.getByTestId('add-election').click();
  await chair.getByTestId('item-1-seats').fill('2');
  await chair.getByTestId('item-1-candidate-0').fill('张明');
  await chair.getByTestId('item-1-add-candidate').click();
  await chair.getByTestId('item-1-candidate-1').fill('张明');
  await chair.getByTestId('item-1-add-candidate').click();
  await chair.getByTestId('item-1-candidate-2').fill('王芳');

  // the same candidate twice: the server's field error lands under the second name
  await chair.getByTestId('meeting-save').click();
  const dupField = chair.locator('.ant-form-item-has-error').filter({ has: chair.getByTestId('item-1-candidate-1') });
  await expect(dupField).toContainText('候选人“张明”重复');
  await shot(chair, 'd2-meeting-form-field-error');
  await chair.getByTestId('item-1-candidate-1').fill('李强');
  await chair.getByTestId('meeting-save').click();
  await expect(chair).toHaveURL(/\/meetings\/\d+$/);
  const id = Number(/\/meetings\/(\d+)/.exec(chair.url())![1]);
  await expect(chair.getByTestId('meeting-state')).toHaveText('草稿');
  await shot(chair, 'd3-meeting-draft');
  await act(chair, 'submit');
  await expect(chair.getByTestId('meeting-state')).toHaveText('待审核');

  // -- the street office: the household count is wrong, so it goes back with a reason --------
  const street = await signedIn(browser, 'street');
  await street.getByRole('menuitem', { name: '会议审核' }).click();
  await expect(street.getByRole('heading', { name: '会议审核' })).toBeVisible();
  const row = street.locator('.ant-table-row').filter({ hasText: TITLE });
  await expect(row).toHaveCount(1);
  await shot(street, 'd4-street-approval-queue');
  await row.getByRole('link', { name: TITLE }).click();
  await expect(street.getByTestId('meeting-title')).toContainText(TITLE);
  await expect(street.getByTestId('approval-checklist')).toContainText('申报户数应与投票名册户数一致');
  await shot(street, 'd4b-street-approval-detail');
  // approving is refused with the domain's reason: the declared count differs from the roster
  await act(street, 'approve');
  await expect(street.locator('.ant-message')).toContainText(`申报户数 ${heads + 1} 与投票名册户数 ${heads} 不一致`);
  await street.getByTestId('action-reject').click();
  await street.getByTestId('reason-input').fill(`申报户数应为 ${heads} 户，请核对后重新提交`);
  await street.getByRole('button', { name: /^退\s?回$/ }).click();
  await expect(street.getByTestId('meeting-state')).toHaveText('草稿');

  // -- the chair sees the reason, corrects the count, resubmits ---------------------------------
  await openMeeting(chair, id);
  await expect(chair.getByTestId('reject-reason')).toContainText(`申报户数应为 ${heads} 户`);
  await chair.getByRole('button', { name: /^编\s?辑$/ }).click();
  await expect(chair).toHaveURL(new RegExp(`/meetings/${id}/edit`));
  await chair.locator('#householdCount').fill(String(heads));
  await chair.getByTestId('meeting-save').click();
  await expect(chair).toHaveURL(new RegExp(`/meetings/${id}$`));
  await act(chair, 'submit');
  await expect(chair.getByTestId('meeting-state')).toHaveText('待审核');

  await openMeeting(street, id);
  await act(street, 'approve');
  await expect(street.getByTestId('meeting-state')).toHaveText('已审核');

  // -- the chair publishes the notice: the roster is frozen ------------------------------------
  await openMeeting(chair, id);
  await act(chair, 'publish_notice');
  await expect(chair.getByTestId('meeting-state')).toHaveText('已公告');
  await shot(chair, 'd5-meeting-notice-published');
  await chair.getByRole('tab', { name: '投票名册' }).click();
  await expect(chair.getByTestId('roster-tab')).toContainText(heads.toLocaleString("en-US"));
  await expect(chair.getByTestId('roster-tab').locator('.ant-table-row').first()).toBeVisible();
  await shot(chair, 'd6-meeting-roster');

  // -- a written proxy brought in on paper: registered with its scan, then approved ----------------
  await chair.getByRole('tab', { name: '委托投票' }).click();
  await chair.getByTestId('register-proxy').click();
  const proxyModal = chair.locator('.ant-modal').filter({ hasText: '登记书面委托' });
  await selectOption(chair, proxyModal.getByTestId('proxy-unit'), { option: /10-303/, search: '10-303' });
  await proxyModal.locator('#holderPhone').fill('17000000014');
  await proxyModal.locator('#holderName').fill('代理人甲');
  await proxyModal.locator('input[type=file]').setInputFiles({ name: '委托书.png', mimeType: 'image/png', buffer: PNG });
  await expect(proxyModal.getByRole('link', { name: /委托书/ })).toBeVisible();
  await proxyModal.getByRole('button', { name: /^登\s?记$/ }).click();
  await expect(proxyModal).toBeHidden();
  const proxyRow = chair.getByTestId('proxies-tab').locator('.ant-table-row').first();
  await expect(proxyRow).toContainText('待审核');
  await proxyRow.locator('[data-testid^=approve-proxy-]').click();
  await chair.locator('.ant-popconfirm:not(.ant-popover-hidden)').getByRole('button', { name: /通\s?过/ }).click();
  await expect(proxyRow).toContainText('已生效');
  await shot(chair, 'd6b-proxies');

  // -- voting opens; two owners vote online ------------------------------------------------------
  await openVotingNow(id);
  await waitForState(id, 'voting_open');
  const meeting = await (await chair.request.get(`/api/v1/meetings/${id}`)).json();
  const [matter, election] = meeting.items as { id: number; candidates: { id: number }[] }[];
  for (const [owner, choice] of [['owner1', 'yes'], ['owner2', 'no']] as const) {
    const api = await playwrightRequest.newContext({ baseURL });
    expect((await api.post('/api/v1/auth/login', { data: { login: owner, password: DEMO_PASSWORD } })).ok()).toBe(true);
    const res = await api.post(`/api/v1/meetings/${id}/ballots`, {
      headers: { 'idempotency-key': `e2e-${owner}-${id}` },
      data: { votes: [{ itemId: matter.id, choice }, { itemId: election.id, approvals: [election.candidates[0].id] }] },
    });
    expect(res.ok(), await res.text()).toBe(true);
    await api.dispose();
  }

  // -- paper ballot: the chair enters it with its scan, the secretary confirms ------------------
  await openMeeting(chair, id, 'paper');
  await chair.getByTestId('enter-paper').click();
  const modal = chair.locator('.ant-modal').filter({ hasText: '录入纸质票' });
  await expect(modal).toContainText('不能是录入人本人');
  // the roster picker searches by number
  await selectOption(chair, modal.getByTestId('paper-unit'), { option: /10-202/, search: '10-202' });
  await expect(modal.getByTestId('paper-unit')).toContainText('10-202');
  await modal.getByTestId('paper-choice-0').getByText('同意').click();
  await modal.getByRole('checkbox', { name: '王芳' }).check();
  await modal.locator('input[type=file]').setInputFiles({ name: '纸质票扫描.png', mimeType: 'image/png', buffer: PNG });
  await expect(modal.getByRole('link', { name: /纸质票扫描/ })).toBeVisible();
  await shot(chair, 'd7-paper-entry');
  await modal.getByRole('button', { name: /^录\s?入$/ }).click();
  await expect(modal).toBeHidden();
  const sheet = chair.getByTestId('paper-tab').locator('.ant-table-row').first();
  await expect(sheet).toContainText('待复核');
  await expect(sheet).toContainText('待他人复核');
  await shot(chair, 'd8-paper-pending-own');

  const secretary = await signedIn(browser, 'secretary');
  await openMeeting(secretary, id, 'paper');
  const pending = secretary.getByTestId('paper-tab').locator('.ant-table-row').first();
  await pending.locator('[data-testid^=confirm-sheet-]').click();
  await secretary.locator('.ant-popconfirm').getByRole('button', { name: '确认计入' }).click();
  await expect(pending).toContainText('已确认');
  await shot(secretary, 'd9-paper-confirmed-by-second-person');

  // -- turnout (chair) and monitoring flags (street officer) ------------------------------------
  await openMeeting(chair, id, 'turnout');
  await expect(chair.getByTestId('turnout-tab')).toContainText('参与表决人数');
  await expect(chair.getByTestId(`turnout-item-${matter.id}`)).toContainText('3 人');
  await shot(chair, 'd10-turnout');
  // reminders to owners who have not voted yet (in-app, at most once an hour)
  await chair.getByTestId('send-reminders').click();
  await chair.locator('.ant-popconfirm:not(.ant-popover-hidden)').getByRole('button', { name: /发\s?送/ }).click();
  await expect(chair.locator('.ant-message')).toContainText(/已向 \d+ 位未投票业主发送提醒/);
  await openMeeting(street, id, 'flags');
  await expect(street.getByTestId('flags-tab')).toContainText('张选票');
  // each flag opens onto the ballots behind it
  const flag = street.getByTestId('flags-tab').locator('.ant-collapse-header').first();
  if (await flag.count()) {
    await flag.click();
    await expect(street.getByTestId('flags-tab').locator('.ant-table-row').first()).toBeVisible();
  }
  await shot(street, 'd11-flags');

  // -- close, tally, publish the result -----------------------------------------------------------
  await closeVotingNow(id);
  await waitForState(id, 'tallied');
  await openMeeting(chair, id, 'results');
  await expect(chair.getByTestId('results-tab')).toContainText('Merkle');
  await expect(chair.getByTestId('result-item-1')).toContainText('未通过');
  await shot(chair, 'd12-results');
  await act(chair, 'publish_result');
  await expect(chair.getByTestId('meeting-state')).toHaveText(/结果已公布|异议期/);

  const pdf = chair.waitForEvent('download');
  await chair.getByRole('tab', { name: '表决结果' }).click();
  await chair.getByTestId('result-pdf').click();
  expect((await pdf).suggestedFilename()).toMatch(/\.pdf$/);
  // each item's decision record (what `gongzhi retally` reads) and the whole export
  const record = chair.waitForEvent('download');
  await chair.getByTestId('result-item-1').getByRole('button', { name: /决议记录/ }).click();
  expect((await record).suggestedFilename()).toMatch(/\.json$/);
  const exported = chair.waitForEvent('download');
  await chair.getByRole('button', { name: /导出全部记录/ }).click();
  expect((await exported).suggestedFilename()).toMatch(/\.json$/);

  await chair.getByTestId('print-notice').click();
  await expect(chair.getByTestId('result-notice')).toContainText('表决结果的公告');
  await shot(chair, 'd13-result-notice');
  await chair.emulateMedia({ media: 'print' });
  await expect(chair.locator('.ant-layout-sider')).toBeHidden();
  await shot(chair, 'd14-result-notice-print');
  await chair.emulateMedia({ media: 'screen' });

  await openMeeting(street, id);
  await shot(street, 'd15-meeting-timeline');
  await street.goto('/meetings');
  await shot(street, 'd1-meetings-list');
});

// a 1×1 transparent PNG: the platform accepts files by their leading bytes
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
