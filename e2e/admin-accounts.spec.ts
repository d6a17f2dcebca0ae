import { expect, test } from '@playwright/test';
import { chooseOption, loginAsDemo, selectOption, shot } from './support.ts';

test('admin: opens 账号管理, creates a street officer and finds it in the list', async ({ page }) => {
  await loginAsDemo(page, 'admin');
  await page.getByRole('menuitem', { name: '账号管理' }).click();
  await expect(page).toHaveURL(/\/accounts/);
  await expect(page.getByRole('heading', { name: '账号管理' })).toBeVisible();

  const username = `e2e${Date.now() % 1_000_000}`;
  await page.getByRole('button', { name: '新建账号' }).click();
  const drawer = page.locator('.ant-drawer');
  await expect(drawer.locator('#username')).toBeVisible();
  await drawer.locator('#username').fill(username);
  await drawer.locator('#displayName').fill('王街道');
  await drawer.locator('#password').fill('street-pass-88');
  await chooseOption(page, drawer.getByTestId('role-select'), '街道工作人员');
  // the region picker is a tree of the admin's city; search it and pick the street
  const region = drawer.locator('.ant-form-item').filter({ hasText: '行政区域' }).locator('.ant-select');
  await selectOption(page, region, { option: /^明德街道（/, search: '明德街道', tree: true, chosen: async () => (await region.filter({ hasText: '明德街道' }).count()) > 0 });
  await drawer.getByTestId('create-account-submit').click();
  await expect(drawer).toBeHidden();

  await page.getByPlaceholder('用户名/手机号/姓名').fill(username);
  await page.getByRole('button', { name: /搜\s?索/ }).click();
  const row = page.locator('.ant-table-row').filter({ hasText: username });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('街道工作人员 · 明德街道');
  await page.getByRole('button', { name: /重\s?置/ }).click();
  await expect(page.locator('.ant-table-row').filter({ hasText: username })).toHaveCount(1);
  await shot(page, 'g1-admin-accounts');
});
