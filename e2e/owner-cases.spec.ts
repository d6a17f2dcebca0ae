import { demoPhotoPng } from '@gongzhi/server/modules/demo/demo-photo.ts';
import { expect, test, type Page } from '@playwright/test';
import { apiAs, ok } from './official-fund-support.ts';
import { chooseOption, expectNoHorizontalOverflow, loginAsDemo, shot } from './support.ts';

// An owner reports a problem on a phone (issue 6): owner1 opens 报事 from the tab bar, files an
// urgent common-area repair with a photo, lands on the case page (its number, 待响应, the photo,
// the timeline's 提交 entry with its deadlines), finds it under 我的 and under 小区公共, and takes it
// one rung up (to the committee) with a reason; the page says so and the timeline shows the hop.
// The committee resolves it (API); owner1 asks for it to be redone, then confirms with four stars.
// A second report, about owner1's own unit (private: not under 小区公共), carries a file that is
// not an image: it is refused with the server's words, the real photo is on the case. Last, the pages in English fit the phone.

const tag = String(Date.now() % 100_000);
const TITLE = `北门消防通道被车辆堵塞 ${tag}`;
const PLACE = `北门消防通道 ${tag}`;

/** a full-page screenshot taken from the top, after checking nothing sticks out sideways */
async function snap(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectNoHorizontalOverflow(page);
  await shot(page, name);
}

async function fillForm(page: Page, opts: { title: string; place: string; files: { name: string; mimeType: string; buffer: Buffer }[] }) {
  await page.getByTestId('case-cat-fire_safety').click();
  await expect(page.getByTestId('case-cat-fire_safety')).toHaveAttribute('aria-checked', 'true');
  await page.getByTestId('case-priority').getByText('紧急', { exact: true }).click();
  await page.getByTestId('case-loc-common_area').click();
  await page.getByTestId('case-location-text').fill(opts.place);
  await page.getByTestId('case-title-input').fill(opts.title);
  await page.getByTestId('case-description').fill('今早起北门消防通道停了两辆私家车，消防车无法通行，请尽快处理并设置禁停标志。');
  await page.getByTestId('case-photo-input').setInputFiles(opts.files);
  await expect(page.getByTestId('case-photo-thumb')).toHaveCount(opts.files.length);
}

test('owner1 files a case with a photo, follows it, takes it one rung up, reopens and confirms it', async ({ page, baseURL }) => {
  await loginAsDemo(page, 'owner1');
  await page.getByRole('navigation', { name: 'tabs' }).getByRole('link', { name: '报事' }).click();
  await expect(page).toHaveURL(/\/m\/cases$/);
  await expect(page.getByRole('heading', { name: '报事报修' })).toBeVisible();
  await snap(page, 'c6-01-owner-cases-list');

  await page.getByTestId('case-new').click();
  await expect(page.getByRole('heading', { name: '我要报事' })).toBeVisible();
  await fillForm(page, { title: TITLE, place: PLACE, files: [{ name: '消防通道.png', mimeType: 'image/png', buffer: demoPhotoPng([200, 120, 110]) }] });
  await snap(page, 'c6-02-owner-case-form');

  const filed = page.waitForResponse((r) => r.url().endsWith('/api/v1/my/cases') && r.request().method() === 'POST');
  const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/v1/attachments') && r.request().method() === 'POST');
  await page.getByTestId('case-submit').click();
  const created = (await (await filed).json()) as { id: number; no: string };
  expect((await uploaded).status()).toBe(200);
  await expect(page).toHaveURL(new RegExp(`/m/cases/${created.id}$`));

  // the case page: number, state, who holds it, my photo, the timeline's first entry
  await expect(page.getByRole('heading', { name: TITLE })).toBeVisible();
  await expect(page.getByTestId('case-no')).toHaveText(created.no);
  await expect(page.getByTestId('case-state')).toHaveText('待响应');
  await expect(page.getByTestId('case-location')).toContainText(PLACE);
  const photo = page.getByTestId('case-photos-view').locator('img');
  await expect(photo).toHaveCount(1);
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  const timeline = page.getByTestId('case-timeline');
  await expect(timeline.getByTestId('case-event').first()).toHaveAttribute('data-kind', 'filed');
  await expect(timeline.getByTestId('case-event-due').first()).toBeVisible();
  // nothing to confirm yet: greyed with the server's reason
  await expect(page.getByTestId('case-act-confirm')).toBeDisabled();
  await expect(page.getByTestId('case-act-confirm-reason')).not.toBeEmpty();
  await snap(page, 'c6-03-owner-case-page');

  // 我的 and 小区公共 (a common area: every owner of the estate sees it)
  await page.getByRole('navigation', { name: 'tabs' }).getByRole('link', { name: '报事' }).click();
  const mine = page.locator(`[data-testid="case-item"][data-case-id="${created.id}"]`);
  await expect(mine).toContainText(TITLE);
  await expect(mine.getByTestId('case-state')).toHaveText('待响应');
  await expect(mine.getByTestId('case-due')).toBeVisible();
  await page.getByTestId('case-scope').getByText('小区公共', { exact: true }).click();
  await expect(page).toHaveURL(/scope=estate/);
  await expect(page.locator(`[data-testid="case-item"][data-case-id="${created.id}"]`)).toBeVisible();
  await snap(page, 'c6-04-owner-cases-estate');

  // take it to the committee: the button names the rung, the page says what happened
  await page.locator(`[data-testid="case-item"][data-case-id="${created.id}"]`).click();
  const escalate = page.getByTestId('case-act-escalate');
  await expect(escalate).toHaveText('向业主委员会反映');
  await escalate.click();
  await page.getByTestId('case-reason').fill('物业两小时未响应，通道仍被堵塞');
  await snap(page, 'c6-05-owner-case-escalate');
  const sent = page.waitForResponse((r) => r.url().endsWith(`/my/cases/${created.id}/escalate`));
  await page.getByTestId('case-act-submit').click();
  expect((await sent).status()).toBe(200);
  await expect(page.getByTestId('case-done')).toContainText('已升级，现在由业主委员会处理');
  await expect(page.getByTestId('case-handler')).toContainText('业主委员会');
  await expect(page.locator('[data-testid="case-event"][data-kind="escalated"]')).toContainText('物业两小时未响应');
  // once per rung: the committee's own rung may still go on to the community, the old one not again
  await expect(page.getByTestId('case-act-escalate')).not.toHaveText('向业主委员会反映');
  await snap(page, 'c6-06-owner-case-escalated');

  // the committee (the chair, through the API) responds and resolves; owner1 is not satisfied
  const chair = await apiAs(baseURL!, 'chair');
  const resolve = async (text: string) => {
    await ok(await chair.post(`/api/v1/cases/${created.id}/resolve`, { data: { text } }), 'resolve');
  };
  await ok(await chair.post(`/api/v1/cases/${created.id}/respond`, { data: { text: '已联系车主，今天内挪车' } }), 'respond');
  await resolve('车辆已挪走');
  await page.reload();
  await expect(page.getByTestId('case-state')).toHaveText('待业主确认');
  await expect(page.getByTestId('case-auto-close')).toBeVisible();
  await page.getByTestId('case-act-reopen').click();
  await page.getByTestId('case-reason').fill('铁皮棚还在，禁停标志也没有设置');
  const reopened = page.waitForResponse((r) => r.url().endsWith(`/my/cases/${created.id}/reopen`));
  await page.getByTestId('case-act-submit').click();
  expect((await reopened).status()).toBe(200);
  await expect(page.getByTestId('case-done')).toContainText('已退回处理方重新处理');
  await expect(page.getByTestId('case-state')).toHaveText('处理中');
  await expect(page.locator('[data-testid="case-event"][data-kind="reopened"]')).toContainText('铁皮棚还在');

  // resolved again: owner1 confirms with four stars and a comment
  await resolve('铁皮棚已拆除，北门已设置禁停标志');
  await page.reload();
  await page.getByTestId('case-act-confirm').click();
  await page.locator('.ant-modal .ant-rate-star').nth(3).click();
  await page.getByTestId('case-comment').fill('处理及时，谢谢');
  await snap(page, 'c6-07-owner-case-confirm');
  const confirmed = page.waitForResponse((r) => r.url().endsWith(`/my/cases/${created.id}/confirm`));
  await page.getByTestId('case-act-submit').click();
  const closed = await confirmed;
  expect(closed.status()).toBe(200);
  expect(((await closed.json()) as { rating: number }).rating).toBe(4);
  await expect(page.getByTestId('case-done')).toContainText('已确认办结');
  await expect(page.getByTestId('case-state')).toHaveText('已办结');
  await expect(page.getByTestId('case-closed')).toContainText('处理及时，谢谢');
  await snap(page, 'c6-08-owner-case-closed');
  await chair.dispose();
});

test('owner1 reports a leak in their own unit (private); a file that is not an image is refused with the server\'s words', async ({ page }) => {
  await loginAsDemo(page, 'owner1');
  const mine = (await (await page.request.get('/api/v1/my/units')).json()) as { units: { unitId: number; building: string; number: string }[] };
  expect(mine.units.length).toBeGreaterThan(1);
  const unit = mine.units[mine.units.length - 1]!;
  await page.goto('/m/cases/new');
  await page.getByTestId('case-cat-common_repair').click();
  await page.getByTestId('case-loc-unit').click();
  // two units: the owner says which (the form shows only its own units)
  await chooseOption(page, page.getByTestId('case-unit'), `${unit.building} ${unit.number}`);
  await page.getByTestId('case-title-input').fill(`卫生间顶部渗水 ${tag}`);
  await page.getByTestId('case-description').fill('楼上管道渗漏，卫生间吊顶滴水，请物业查看公共管道。');
  await page.getByTestId('case-photo-input').setInputFiles([
    { name: '渗水.png', mimeType: 'image/png', buffer: demoPhotoPng([180, 180, 170]) },
    // named like a photo, but text: the server sniffs what it is
    { name: '说明.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('这不是一张照片，只是一段文字。'.repeat(20)) },
  ]);
  await expect(page.getByTestId('case-photo-thumb')).toHaveCount(2);
  const filed = page.waitForResponse((r) => r.url().endsWith('/api/v1/my/cases') && r.request().method() === 'POST');
  await page.getByTestId('case-submit').click();
  const created = (await (await filed).json()) as { id: number; no: string };
  const results = page.getByTestId('case-photo-results');
  await expect(results).toContainText(created.no);
  await expect(results.locator('[data-ok="yes"]')).toContainText('渗水.png');
  const refused = results.locator('[data-ok="no"]');
  await expect(refused).toContainText('说明.jpg');
  await expect(refused).toContainText('照片须为 JPG/PNG/WebP 图片');
  await snap(page, 'c6-09-owner-case-photo-refused');
  await page.getByTestId('case-open').click();
  await expect(page).toHaveURL(new RegExp(`/m/cases/${created.id}$`));
  await expect(page.getByTestId('case-location')).toContainText(unit.number);
  await expect(page.getByTestId('case-photos-view').locator('img')).toHaveCount(1);
  // about my own unit: under 我的, never under 小区公共
  await page.goto('/m/cases');
  await expect(page.locator(`[data-testid="case-item"][data-case-id="${created.id}"]`)).toBeVisible();
  await page.goto('/m/cases?scope=estate');
  await expect(page.getByTestId('case-item').first()).toBeVisible();
  await expect(page.locator(`[data-testid="case-item"][data-case-id="${created.id}"]`)).toHaveCount(0);
});

test('owner1 in English: the case pages fit the phone', async ({ page }) => {
  await loginAsDemo(page, 'owner1');
  await page.evaluate(() => localStorage.setItem('gongzhi.lang', 'en'));
  await page.goto('/m/units');
  const tabs = page.getByRole('navigation', { name: 'tabs' });
  await expectNoHorizontalOverflow(page);
  await tabs.getByRole('link', { name: 'Report' }).click();
  await expect(page.getByRole('heading', { name: 'Reports' })).toBeVisible();
  await expect(page.getByTestId('case-item').first()).toBeVisible();
  await snap(page, 'c6-10-owner-cases-en');
  await page.getByTestId('case-item').first().click();
  await expect(page.getByTestId('case-timeline')).toBeVisible();
  await snap(page, 'c6-11-owner-case-en');
  await page.goto('/m/cases/new');
  await expect(page.getByTestId('case-cat-common_repair')).toHaveText('Common-part repair');
  await snap(page, 'c6-12-owner-case-form-en');
});
