import { expect, test } from '@playwright/test';
import { estateByName } from './meeting-db.ts';
import { apiAs, ok, signedIn } from './official-fund-support.ts';
import { selectOption, shot } from './support.ts';

// The district officer's manual bookings (记账) on an estate's fund: an interest allocation shows
// up in the movements, and a refund larger than the unit's balance is refused in plain Chinese
// with what was typed still there.

const STAMP = Date.now() % 100_000;

test('district officer: books interest on 翠竹苑 and sees it in the movements; an overdrawing refund is refused plainly', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const estate = await estateByName('翠竹苑');

  const page = await signedIn(browser, 'district');
  await page.goto(`/funds?estateId=${estate.id}`);
  await page.getByTestId('fund-booking').click();
  const drawer = page.getByTestId('booking-drawer');

  // -- interest: 123.45 元 shared over the accounts by balance -------------------------------------
  await drawer.getByRole('tab', { name: '利息分配' }).click();
  await drawer.getByTestId('booking-interest-total').fill('123.45');
  await drawer.getByTestId('booking-interest-form').getByTestId('booking-memo').fill(`E2E 存款利息 ${STAMP}`);
  await shot(page, 'k1-fund-booking-interest');
  await drawer.getByTestId('booking-submit-interest').click();
  await expect(page.locator('.ant-message')).toContainText('已记账：利息 ¥123.45 已按余额分配到');
  await expect(drawer.getByTestId('booking-interest-total')).toHaveValue('');

  // -- refund: 100 元 more than the unit holds -------------------------------------------------------
  // (its balance read after the interest, which added to it)
  const district = await apiAs(baseURL!, 'district');
  const units = await ok<{ items: { unit: string; balanceFen: number }[] }>(
    await district.get(`/api/v1/estates/${estate.id}/fund/units`, { params: { page: 1, pageSize: 1 } }), 'units');
  await district.dispose();
  const unit = units.items[0]!;
  const tooMuch = ((unit.balanceFen + 10_000) / 100).toFixed(2);
  await drawer.getByRole('tab', { name: '退还业主' }).click();
  const select = drawer.getByTestId('booking-unit');
  await selectOption(page, select, { option: new RegExp(`^${unit.unit}（余额`), search: unit.unit });
  await drawer.getByTestId('booking-refund-amount').fill(tooMuch);
  await drawer.getByTestId('booking-refund-payee').fill('张三');
  await drawer.getByTestId('booking-refund-reason').fill('重复交存，退还多交部分');
  await drawer.getByTestId('booking-submit-refund').click();
  const refusal = drawer.getByTestId('booking-refund-form').getByTestId('booking-error');
  await expect(refusal).toContainText(`${unit.unit} 的维修资金余额只有`);
  await expect(refusal).toContainText('还差 ¥100.00');
  await expect(drawer.getByTestId('booking-refund-form')).toContainText('超过该户余额');
  // nothing typed was lost
  await expect(drawer.getByTestId('booking-refund-amount')).toHaveValue(tooMuch);
  await expect(drawer.getByTestId('booking-refund-payee')).toHaveValue('张三');
  await shot(page, 'k2-fund-booking-refund-refused');

  // -- the interest is in the movements ----------------------------------------------------------------
  await page.locator('.ant-drawer-close').click();
  await page.getByRole('tab', { name: '资金流水' }).click();
  const row = page.getByTestId('fund-movements').locator('tr').filter({ hasText: `E2E 存款利息 ${STAMP}` });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('+¥123.45');
  await shot(page, 'k3-fund-booking-movements');
});
