import { demoPhotoPng } from '@gongzhi/server/modules/demo/demo-photo.ts';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { caseRow, expireCaseDeadline, wakeCasesSweep } from './case-db.ts';
import { caseAction } from './case-support.ts';
import { expectNoHorizontalOverflow, loginAsDemo, selectOption, shot } from './support.ts';

// The journey (issue 6), one case from filing to rating, on a phone and at desks:
// owner1 files a broken unit-door lock with a photo on the phone; the company's staff respond and
// resolve it at a desk; owner1 is not satisfied and reopens it; then nobody acts in time: the
// deadline passes (moved into the past in the database) and the platform's own sweeper job
// escalates the case rung by rung (committee → community → street), each hop on the owner's
// timeline; the street office calls in 明德街道城管执法中队 (吹哨); the squad reports from its own
// queue (报到); the street resolves the case; owner1 confirms and rates it five stars.
// The case is the journey's own: the demo's cases (which other journeys use) are not touched.

const tag = String(Date.now() % 100_000);
const TITLE = `单元门禁锁损坏无法关闭 ${tag}`;
const PLACE = `7号楼一单元门厅 ${tag}`;
const SQUAD = '明德街道城管执法中队';

/** A desk: a context of its own at 1440 × 900 (this file runs in the phone project). */
async function desk(browser: Browser, username: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  await loginAsDemo(page, username);
  return page;
}

/** The owner's phone page, from the top, checked to fit the screen. */
async function phoneShot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectNoHorizontalOverflow(page);
  await shot(page, name);
}

/** The owner's action: opens it, fills the reason (or rating), sends it and checks the answer. */
async function ownerAction(page: Page, caseId: number, action: 'reopen' | 'confirm', fill: () => Promise<void>): Promise<void> {
  await page.getByTestId(`case-act-${action}`).click();
  await fill();
  const sent = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/my/cases/${caseId}/${action}`));
  await page.getByTestId('case-act-submit').click();
  const res = await sent;
  expect(res.status(), `${action}: ${await res.text()}`).toBe(200);
}

/** Nobody acted in time: the running deadline passes and the sweeper job moves the case up. */
async function deadlinePasses(caseId: number, to: string): Promise<void> {
  await expireCaseDeadline(caseId);
  await wakeCasesSweep();
  await expect.poll(async () => (await caseRow(caseId)).level, { timeout: 30_000, message: `escalated to ${to}` }).toBe(to);
}

test('owner1 files a case with a photo; the company resolves it, owner1 reopens; it climbs to the street, which calls in 城管; 城管 reports, the street resolves, owner1 rates it', async ({ page, browser }) => {
  test.setTimeout(300_000);

  // -- owner1 files on the phone -----------------------------------------------------------------
  await loginAsDemo(page, 'owner1');
  await page.getByRole('navigation', { name: 'tabs' }).getByRole('link', { name: '报事' }).click();
  await page.getByTestId('case-new').click();
  await page.getByTestId('case-cat-common_repair').click();
  await expect(page.getByTestId('case-cat-common_repair')).toHaveAttribute('aria-checked', 'true');
  await page.getByTestId('case-loc-common_area').click();
  await page.getByTestId('case-location-text').fill(PLACE);
  await page.getByTestId('case-title-input').fill(TITLE);
  await page.getByTestId('case-description').fill('单元门电磁锁坏了，门一直关不上，外来人员随意进出，晚上很不安全。');
  await page.getByTestId('case-photo-input').setInputFiles([{ name: '单元门.png', mimeType: 'image/png', buffer: demoPhotoPng([190, 175, 150]) }]);
  await expect(page.getByTestId('case-photo-thumb')).toHaveCount(1);
  await phoneShot(page, 'c7-01-owner-files-case');
  const filed = page.waitForResponse((r) => r.url().endsWith('/api/v1/my/cases') && r.request().method() === 'POST');
  const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/v1/attachments') && r.request().method() === 'POST');
  await page.getByTestId('case-submit').click();
  const created = (await (await filed).json()) as { id: number; no: string };
  expect((await uploaded).status()).toBe(200);
  await expect(page).toHaveURL(new RegExp(`/m/cases/${created.id}$`));
  await expect(page.getByTestId('case-no')).toHaveText(created.no);
  await expect(page.getByTestId('case-state')).toHaveText('待响应');
  await expect(page.getByTestId('case-photos-view').locator('img')).toHaveCount(1);
  expect(await caseRow(created.id)).toMatchObject({ level: 'company', state: 'open' });
  await phoneShot(page, 'c7-02-owner-case-filed');

  // -- the company's staff respond and resolve at a desk -------------------------------------------
  const staff = await desk(browser, 'staff');
  await staff.goto(`/cases/${created.id}`);
  await expect(staff.getByTestId('case-title')).toContainText(TITLE);
  await expect(staff.getByTestId('case-photos').locator('img')).toHaveCount(1);
  await caseAction(staff, 'respond', 'respond', async (m) => {
    await m.getByTestId('case-modal-text').fill('已安排维修工今天下午上门检查门禁锁。');
  });
  await expect(staff.getByTestId('case-title')).toContainText('处理中');
  await caseAction(staff, 'resolve', 'resolve', async (m) => {
    await m.getByTestId('case-evidence').locator('input[type=file]').setInputFiles({ name: '门禁锁修复.png', mimeType: 'image/png', buffer: demoPhotoPng([110, 130, 150]) });
    await expect(m.getByTestId('case-evidence')).toContainText('门禁锁修复.png');
    await m.getByTestId('case-modal-text').fill('已调整电磁锁吸合位置，门可以正常关闭。');
  });
  await expect(staff.getByTestId('case-title')).toContainText('待业主确认');
  await shot(staff, 'c7-03-staff-resolved');

  // -- owner1 is not satisfied: reopens on the phone ----------------------------------------------
  await page.reload();
  await expect(page.getByTestId('case-state')).toHaveText('待业主确认');
  await expect(page.locator('[data-testid="case-event"][data-kind="resolved"]')).toContainText('电磁锁');
  await ownerAction(page, created.id, 'reopen', async () => {
    await page.getByTestId('case-reason').fill('第二天门又关不上了，锁本身坏了，需要更换。');
  });
  await expect(page.getByTestId('case-state')).toHaveText('处理中');
  await expect(page.locator('[data-testid="case-event"][data-kind="reopened"]')).toContainText('需要更换');
  await phoneShot(page, 'c7-04-owner-reopened');

  // -- nobody acts in time: the sweeper takes it up the ladder, rung by rung -----------------------
  const rungs: [level: string, label: string][] = [['committee', '业主委员会'], ['community', '社区居委会'], ['street', '街道办事处']];
  for (const [level, label] of rungs) {
    await deadlinePasses(created.id, level);
    await page.reload();
    await expect(page.getByTestId('case-handler')).toContainText(label);
    await expect(page.locator('[data-testid="case-event"][data-kind="escalated"]').filter({ hasText: `自动升级至${label}` })).toHaveCount(1);
    await expect(page.getByTestId('case-state')).toHaveText('待响应');
  }
  await phoneShot(page, 'c7-05-owner-case-at-street');

  // -- the street office blows the whistle (吹哨) ---------------------------------------------------
  const street = await desk(browser, 'street');
  await street.goto(`/cases/${created.id}`);
  await expect(street.getByTestId('case-level')).toContainText('街道办事处');
  await expect(street.getByTestId('case-escalations')).toContainText('社区居委会');
  await caseAction(street, 'callDepartments', 'call-departments', async (m) => {
    const select = m.getByTestId('case-departments');
    await selectOption(street, select, {
      option: new RegExp(`^${SQUAD}`),
      chosen: async () => (await select.locator('.ant-select-selection-item').filter({ hasText: SQUAD }).count()) > 0,
    });
    await street.keyboard.press('Escape');
    await m.getByTestId('case-modal-text').fill('请城管中队到场督促物业更换单元门电磁锁，核查门禁系统，按时报到。');
  });
  await expect(street.getByTestId('case-level')).toContainText('职能部门');
  await expect(street.getByTestId('case-department-calls')).toContainText(SQUAD);
  expect(await caseRow(created.id)).toMatchObject({ level: 'department', handlerParty: 'department' });
  await shot(street, 'c7-06-street-called-squad');

  // -- the squad reports (报到) from its own queue ---------------------------------------------------
  const dept = await desk(browser, 'dept');
  await expect(dept).toHaveURL(/\/cases/);
  await expect(dept.getByTestId('cases-table').getByTestId(`case-link-${created.id}`)).toBeVisible();
  await shot(dept, 'c7-07-squad-queue');
  await dept.getByTestId('cases-table').getByTestId(`case-link-${created.id}`).click();
  await expect(dept.getByTestId('case-title')).toContainText(TITLE);
  await caseAction(dept, 'report', 'report', async (m) => {
    await m.getByTestId('case-modal-text').fill('已到场，督促物业当场更换单元门电磁锁，门禁恢复正常。');
  });
  await expect(dept.getByTestId('case-department-calls').locator('[data-testid^="call-reported-"]')).toContainText('门禁恢复正常');
  await shot(dept, 'c7-08-squad-reported');

  // -- the street resolves it ------------------------------------------------------------------------
  await street.reload();
  await expect(street.getByTestId('case-department-calls').locator('[data-testid^="call-reported-"]')).toContainText('门禁恢复正常');
  await caseAction(street, 'resolve', 'resolve', async (m) => {
    await m.getByTestId('case-modal-text').fill('城管中队已督促物业更换电磁锁，街道复核门禁正常，请业主确认。');
  });
  await expect(street.getByTestId('case-title')).toContainText('待业主确认');
  await shot(street, 'c7-09-street-resolved');

  // -- owner1 confirms and rates it on the phone -----------------------------------------------------
  await page.reload();
  await expect(page.getByTestId('case-state')).toHaveText('待业主确认');
  await expect(page.getByTestId('case-departments')).toContainText(SQUAD);
  await expect(page.locator('[data-testid="case-event"][data-kind="department_reported"]')).toContainText('门禁恢复正常');
  await phoneShot(page, 'c7-10-owner-before-rating');
  await ownerAction(page, created.id, 'confirm', async () => {
    await page.locator('.ant-modal .ant-rate-star').nth(4).click();
    await page.getByTestId('case-comment').fill('街道和城管出面后一天就修好了，谢谢。');
  });
  await expect(page.getByTestId('case-state')).toHaveText('已办结');
  await expect(page.getByTestId('case-closed')).toContainText('一天就修好了');
  expect(await caseRow(created.id)).toMatchObject({ state: 'closed' });
  await phoneShot(page, 'c7-11-owner-rated');
  await Promise.all([staff.context().close(), street.context().close(), dept.context().close()]);
});
