import { expect, test, type Locator, type Page } from '@playwright/test';
import { estateByName } from './meeting-db.ts';
import { PNG, signedIn } from './official-fund-support.ts';
import { chooseOption, shot } from './support.ts';

// Common revenue and the period's disclosure filing, through the officials' screens: the property
// manager of 翠竹苑 books an income and an expense in 2026 Q3, previews the quarter's statement,
// declares a wrong closing balance and reads the difference on that field, corrects it and
// publishes; opens the printable statement; compiles the quarter's package (a fee standard, the
// service contract, a contractor) and files it. The street officer finds it in the status table
// and returns it with a reason; the manager makes a new version and files it; the street officer
// acknowledges it; the acknowledged version is read-only.

const STAMP = Date.now() % 100_000;

/** Types a date into an antd picker input and confirms it with Enter. */
async function typeDate(input: Locator, value: string): Promise<void> {
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect(input).toHaveValue(value);
}

/** "¥1,234.56" / "-¥12.30" → "1234.56" / "-12.30" (as a person types it) */
function yuanText(shown: string): string {
  return shown.replace(/[¥,\s]/g, '');
}

async function bookEntry(page: Page, e: { direction: '收入' | '支出'; category: string; counterparty: string; bookedOn: string; yuan: string; memo: string; evidence?: string }) {
  const drawer = page.getByTestId('entry-drawer');
  await drawer.getByTestId('entry-direction').getByText(e.direction, { exact: true }).click();
  await chooseOption(page, drawer.getByTestId('entry-category'), e.category);
  await drawer.getByTestId('entry-counterparty').fill(e.counterparty);
  const period = drawer.getByTestId('entry-period').locator('input');
  await typeDate(period.nth(0), '2026-07-01');
  await typeDate(period.nth(1), '2026-09-30');
  await typeDate(drawer.getByTestId('entry-booked-on').locator('input'), e.bookedOn);
  await drawer.getByTestId('entry-amount').fill(e.yuan);
  await drawer.getByTestId('entry-memo').fill(e.memo);
  if (e.evidence) await drawer.locator('input[type=file]').setInputFiles({ name: e.evidence, mimeType: 'image/png', buffer: PNG });
  const posted = page.waitForResponse((r) => r.url().includes('/revenue/entries') && r.request().method() === 'POST');
  await drawer.getByTestId('entry-submit').click();
  const res = await posted;
  expect(res.status(), `booking ${e.memo}: ${await res.text()}`).toBe(200);
  await expect(drawer.getByTestId('entry-amount')).toHaveValue('');
}

test('property manager books revenue and publishes the quarter; files the package; the street office returns it, then acknowledges v2', async ({ browser }) => {
  test.setTimeout(300_000);
  const estate = await estateByName('翠竹苑');

  // -- the manager books an income and an expense ----------------------------------------------
  const manager = await signedIn(browser, 'manager');
  await manager.goto(`/revenue?estateId=${estate.id}`);
  await expect(manager.getByRole('menuitem', { name: '公共收益' })).toBeVisible();
  await manager.getByTestId('new-entry').click();
  await bookEntry(manager, { direction: '收入', category: '广告', counterparty: `示范传媒有限公司 ${STAMP}`, bookedOn: '2026-09-10', yuan: '12000.50', memo: `电梯轿厢广告位 E2E ${STAMP}`, evidence: '广告位租赁合同.png' });
  await bookEntry(manager, { direction: '支出', category: '税费', counterparty: `示范市税务局（${STAMP}）`, bookedOn: '2026-09-12', yuan: '720.03', memo: `广告收入增值税 E2E ${STAMP}` });
  await manager.locator('.ant-drawer-close').click();
  const ledger = manager.getByTestId('revenue-ledger');
  // the demo's own entries may fill the first page: search for this run's two
  await ledger.getByRole('searchbox').fill(`E2E ${STAMP}`);
  await ledger.getByRole('searchbox').press('Enter');
  await expect(ledger.locator('.ant-table-row')).toHaveCount(2);
  await expect(ledger.getByTestId('ledger-totals')).toContainText('¥12,000.50');
  // the evidence chosen in the drawer was uploaded to the new entry
  await ledger.locator('tr').filter({ hasText: `电梯轿厢广告位 E2E ${STAMP}` }).locator('.ant-table-row-expand-icon').click();
  await expect(ledger.locator('[data-testid^="evidence-"]')).toContainText('广告位租赁合同.png');
  await expect(ledger.locator('tr').filter({ hasText: `电梯轿厢广告位 E2E ${STAMP}` })).toContainText('+¥12,000.50');
  await expect(ledger.locator('tr').filter({ hasText: `广告收入增值税 E2E ${STAMP}` })).toContainText('-¥720.03');
  await shot(manager, 'r01-revenue-ledger');
  const ledgerXlsx = manager.waitForEvent('download');
  await manager.getByTestId('export-entries').click();
  expect((await ledgerXlsx).suggestedFilename()).toMatch(/\.xlsx$/);

  // -- the quarter's statement: preview, a wrong declared balance, then the right one ------------
  await manager.getByRole('tab', { name: '收益公示' }).click();
  await manager.getByTestId('new-statement').click();
  await expect(manager).toHaveURL(/\/revenue\/statements\/new/);
  await chooseOption(manager, manager.getByTestId('statement-period'), '2026年第三季度');
  const closingShown = (await manager.getByTestId('preview-closing').textContent()) ?? '';
  expect(closingShown).toMatch(/¥/);
  const categories = manager.getByTestId('preview-categories');
  await expect(categories.locator('tr').filter({ hasText: '广告' })).toBeVisible();
  await expect(categories.locator('tr').filter({ hasText: '税费' })).toBeVisible();
  const right = yuanText(closingShown);
  // one yuan more than the books
  const [whole, cents] = right.replace('-', '').split('.');
  const wrong = `${right.startsWith('-') ? '-' : ''}${Number(whole) + (right.startsWith('-') ? -1 : 1)}.${cents ?? '00'}`;
  await manager.getByTestId('declared-closing').fill(wrong);
  const refused = manager.waitForResponse((r) => r.url().endsWith('/revenue/statements') && r.request().method() === 'POST');
  await manager.getByTestId('publish-statement').click();
  const refusal = await refused;
  expect(refusal.status(), await refusal.text()).toBe(422);
  const field = manager.locator('.ant-form-item').filter({ has: manager.getByTestId('declared-closing') });
  await expect(field.locator('.ant-form-item-explain-error')).toContainText('差额');
  await expect(field.locator('.ant-form-item-explain-error')).toContainText('¥1.00');
  await expect(manager.getByTestId('declared-closing')).toHaveValue(wrong);
  await shot(manager, 'r02-statement-unbalanced');
  await manager.getByTestId('declared-closing').fill(right);
  const published = manager.waitForResponse((r) => r.url().endsWith('/revenue/statements') && r.request().method() === 'POST');
  await manager.getByTestId('publish-statement').click();
  expect((await published).status()).toBe(200);
  await expect(manager).toHaveURL(/\/revenue\/statements\/\d+$/);

  // -- the printable statement -----------------------------------------------------------------
  const sheet = manager.getByTestId('statement-sheet');
  await expect(sheet).toContainText('2026年第三季度公共收益收支情况公示');
  await expect(sheet.getByTestId('sheet-closing')).toHaveText(closingShown);
  await expect(sheet).toContainText(`电梯轿厢广告位 E2E ${STAMP}`);
  await expect(manager.getByTestId('statement-shares').locator('.ant-table-row').first()).toBeVisible();
  await expect(manager.getByTestId('print-statement')).toBeVisible();
  await shot(manager, 'r03-statement-printable');
  const pdf = manager.waitForEvent('download');
  await manager.getByTestId('statement-pdf').click();
  expect((await pdf).suggestedFilename()).toMatch(/\.pdf$/);
  const xlsx = manager.waitForEvent('download');
  await manager.getByTestId('statement-xlsx').click();
  expect((await xlsx).suggestedFilename()).toMatch(/\.xlsx$/);

  // -- a stated entry is corrected by a reversal booked today (the published statement stands) ---
  await manager.goto(`/revenue?estateId=${estate.id}`);
  // the reversal carries the original's counterparty (its memo names the original and the reason)
  await ledger.getByRole('searchbox').fill(`示范市税务局（${STAMP}）`);
  await ledger.getByRole('searchbox').press('Enter');
  await expect(ledger.locator('.ant-table-row')).toHaveCount(1);
  await expect(ledger.locator('.ant-table-row')).toContainText('已公示');
  await ledger.locator('[data-testid^="reverse-"]').click();
  await manager.getByTestId('reverse-reason').fill('税额计算有误，冲正后重新登记');
  const reversed = manager.waitForResponse((r) => /\/revenue\/entries\/\d+\/reverse$/.test(r.url()));
  await manager.getByTestId('reverse-ok').click();
  const reversedRes = await reversed;
  expect(reversedRes.status(), await reversedRes.text()).toBe(200);
  await expect(ledger.locator('.ant-table-row')).toHaveCount(2);
  await expect(ledger.locator('.ant-table-row').filter({ hasText: '已冲正' })).toContainText('-¥720.03');
  await expect(ledger.locator('.ant-table-row').filter({ hasText: '冲正第' })).toContainText('+¥720.03');
  await shot(manager, 'r03b-revenue-reversal');

  // -- the quarter's package: fee standard, contract, contractor; filed -------------------------
  await manager.getByRole('menuitem', { name: '公示备案' }).click();
  await expect(manager).toHaveURL(/\/filings/);
  if (!/estateId=/.test(manager.url())) await manager.goto(`/filings?estateId=${estate.id}`);
  await expect(manager.getByTestId('city-rules')).toBeVisible();
  await chooseOption(manager, manager.getByTestId('compile-period'), '2026年第三季度');
  await manager.getByTestId('compile-filing').click();
  await expect(manager).toHaveURL(/\/filings\/\d+$/);
  const form = manager.getByTestId('filing-form');
  await form.getByTestId('add-fee').click();
  const fee = form.locator('[data-testid^="fee-row-"]').last();
  await fee.getByTestId('fee-item').fill(`物业服务费（高层）${STAMP}`);
  await fee.getByTestId('fee-basis').fill('按建筑面积，备案价');
  await fee.getByTestId('fee-price').fill('2.35');
  await form.getByTestId('contract-company').fill('示范物业服务有限公司');
  const dates = form.getByTestId('contract-dates').locator('input');
  await typeDate(dates.nth(0), '2025-01-01');
  await typeDate(dates.nth(1), '2027-12-31');
  await form.getByTestId('contract-summary').fill('秩序维护、保洁、绿化养护、共用设施设备日常维护；包干制。');
  await form.getByTestId('add-contractor').click();
  const contractor = form.locator('[data-testid^="contractor-row-"]').last();
  await contractor.getByTestId('contractor-name').fill(`示范电梯工程有限公司 ${STAMP}`);
  await contractor.getByTestId('contractor-service').fill('电梯维保');
  await contractor.getByTestId('contractor-amount').fill('48000');
  await chooseOption(manager, form.getByTestId('link-revenue'), `2026年第三季度（期末 ${closingShown}）`);
  await shot(manager, 'r04-filing-compile');
  await form.getByTestId('file-filing').click();
  const filed = manager.waitForResponse((r) => /\/filings\/\d+\/file$/.test(r.url()));
  await manager.getByTestId('file-confirm').click();
  const filedRes = await filed;
  expect(filedRes.status(), await filedRes.text()).toBe(200);
  await expect(manager.getByTestId('filing-state')).toContainText('已报送');
  await expect(manager.getByTestId('filing-readonly')).toBeVisible();
  const v1Url = manager.url();

  // -- the street officer finds it and returns it -------------------------------------------------
  const street = await signedIn(browser, 'street');
  await street.getByRole('menuitem', { name: '备案情况' }).click();
  await chooseOption(street, street.getByTestId('status-period'), '2026年第三季度');
  const status = street.getByTestId(`status-${estate.id}-company`);
  await expect(status).toContainText('已报送');
  await shot(street, 'r05-filing-status');
  const statusXlsx = street.waitForEvent('download');
  await street.getByTestId('export-status').click();
  expect((await statusXlsx).suggestedFilename()).toMatch(/\.xlsx$/);
  await street.getByTestId(`review-${estate.id}-company`).click();
  await expect(street.getByTestId('filing-content')).toContainText(`物业服务费（高层）${STAMP}`);
  await street.getByTestId('return-filing').click();
  await street.getByTestId('review-text').fill('外包合同金额未附合同扫描件，请补充电梯维保合同后重新报送。');
  const returned = street.waitForResponse((r) => /\/filings\/\d+\/return$/.test(r.url()));
  await street.getByTestId('review-ok').click();
  expect((await returned).status()).toBe(200);
  await expect(street.getByTestId('filing-state')).toContainText('已退回');

  // -- the manager reads the reason and files a new version --------------------------------------
  await manager.goto(v1Url);
  await expect(manager.getByTestId('return-reason')).toContainText('请补充电梯维保合同');
  await shot(manager, 'r06-filing-returned');
  await manager.getByTestId('new-version').click();
  await expect(manager).not.toHaveURL(v1Url);
  await expect(manager.getByRole('heading', { name: /第 2 版/ })).toBeVisible();
  // the content came over from version 1
  await expect(manager.getByTestId('filing-form').getByTestId('contractor-name').last()).toHaveValue(`示范电梯工程有限公司 ${STAMP}`);
  await manager.getByTestId('filing-form').getByTestId('filing-notes').fill('已补充电梯维保合同扫描件。');
  await manager.getByTestId('filing-form').getByTestId('file-filing').click();
  const filed2 = manager.waitForResponse((r) => /\/filings\/\d+\/file$/.test(r.url()));
  await manager.getByTestId('file-confirm').click();
  expect((await filed2).status()).toBe(200);
  await expect(manager.getByTestId('filing-state')).toContainText('已报送');
  const v2Url = manager.url();

  // -- the street officer acknowledges version 2 --------------------------------------------------
  await street.goto('/filings/status');
  await chooseOption(street, street.getByTestId('status-period'), '2026年第三季度');
  await expect(street.getByTestId(`review-${estate.id}-company`)).toContainText('第 2 版');
  await street.getByTestId(`review-${estate.id}-company`).click();
  await street.getByTestId('acknowledge-filing').click();
  const acked = street.waitForResponse((r) => /\/filings\/\d+\/acknowledge$/.test(r.url()));
  await street.getByTestId('review-ok').click();
  expect((await acked).status()).toBe(200);
  await expect(street.getByTestId('filing-state')).toContainText(/已确认|已备案/);

  // -- the acknowledged version is read-only ----------------------------------------------------
  await manager.goto(v2Url);
  await expect(manager.getByTestId('filing-state')).toContainText(/已确认|已备案/);
  await expect(manager.getByTestId('filing-readonly')).toBeVisible();
  await expect(manager.getByTestId('filing-form')).toHaveCount(0);
  await expect(manager.getByTestId('file-filing')).toHaveCount(0);
  await expect(manager.getByTestId('filing-versions')).toContainText('第 1 版');
  await shot(manager, 'r07-filing-acknowledged-readonly');
  await manager.goto(`/filings?estateId=${estate.id}`);
  await expect(manager.getByTestId('filings-table')).toContainText('第 2 版');
  await shot(manager, 'r07b-filings-list');
  await street.goto('/filings/status');
  await chooseOption(street, street.getByTestId('status-period'), '2026年第三季度');
  await expect(street.getByTestId(`status-${estate.id}-company`)).toContainText('已确认');
  await shot(street, 'r08-filing-status-acknowledged');
});
