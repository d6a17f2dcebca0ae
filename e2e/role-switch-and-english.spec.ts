import { expect, test } from '@playwright/test';
import { loginAsDemo, selectOption, shot } from './support.ts';

test('committee member who is also an owner: switches role to owner and the app to English', async ({ page }) => {
  await loginAsDemo(page, 'member');
  await expect(page).toHaveURL(/\/registry\/estates/);
  const switcher = page.getByTestId('role-switcher');
  await expect(switcher).toContainText('业委会委员');
  await shot(page, 'c1-member-as-committee');

  // the owner role, not the committee one (its label also says 业主: 业委会)
  await selectOption(page, switcher, { option: /^(?!.*业委会).*业主/, chosen: async () => /\/m\/units/.test(page.url()) });
  // the owner role brings the phone-first layout and its own pages
  await expect(page).toHaveURL(/\/m\/units/);
  await expect(page.getByTestId('my-unit').first()).toBeVisible();
  await shot(page, 'c2-member-as-owner');

  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('heading', { name: 'My units' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Bind a unit' })).toBeVisible();
  await shot(page, 'c3-owner-english');

  // the choice is kept across a reload
  await page.reload();
  await expect(page.getByRole('heading', { name: 'My units' })).toBeVisible();
  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('heading', { name: '我的房屋' })).toBeVisible();
});
