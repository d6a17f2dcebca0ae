import { expect, test } from '@playwright/test';
import { chooseOption, loginAsDemo, selectOption, shot } from './support.ts';

// The department scope in the browser: the admin grants 职能部门工作人员 on a department picked
// from the departments of the city; the list names the department; the new officer signs in and
// its role names the department.

test('admin: creates a department officer of 明德街道城管执法中队, who then signs in', async ({ page }) => {
  await loginAsDemo(page, 'admin');
  await page.getByRole('menuitem', { name: '账号管理' }).click();
  await expect(page.getByRole('heading', { name: '账号管理' })).toBeVisible();

  const username = `dept${Date.now() % 1_000_000}`;
  await page.getByRole('button', { name: '新建账号' }).click();
  const drawer = page.locator('.ant-drawer');
  await expect(drawer.locator('#username')).toBeVisible();
  await drawer.locator('#username').fill(username);
  await drawer.locator('#displayName').fill('李城管');
  await drawer.locator('#password').fill('urban-squad-88');
  await chooseOption(page, drawer.getByTestId('role-select'), '职能部门工作人员');
  const dept = drawer.getByTestId('department-select');
  await expect(drawer.locator('.ant-form-item-label').filter({ hasText: '职能部门' })).toBeVisible();
  await selectOption(page, dept, { option: /^明德街道城管执法中队（明德街道）$/, search: '城管' });
  await expect(dept).toContainText('明德街道城管执法中队');
  await shot(page, 'c4-1-grant-department');
  await drawer.getByTestId('create-account-submit').click();
  await expect(drawer).toBeHidden();

  await page.getByPlaceholder('用户名/手机号/姓名').fill(username);
  await page.getByRole('button', { name: /搜\s?索/ }).click();
  const row = page.locator('.ant-table-row').filter({ hasText: username });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('职能部门工作人员 · 明德街道城管执法中队');
  await shot(page, 'c4-2-department-officer-listed');

  // the new officer signs in with its password
  await page.context().clearCookies();
  await page.goto('/login');
  await page.getByRole('textbox', { name: '用户名或手机号' }).fill(username);
  await page.locator('input#password').fill('urban-squad-88');
  await page.getByRole('button', { name: /^登\s?录$/ }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByText('明德街道城管执法中队').first()).toBeVisible();
  await shot(page, 'c4-3-department-officer-home');
});
