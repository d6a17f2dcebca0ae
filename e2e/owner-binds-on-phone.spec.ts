import { expect, test } from '@playwright/test';
import { DEMO_INVITATION_CODE } from '@gongzhi/server/modules/demo/accounts.ts';
import { expectNoHorizontalOverflow, loginAsDemo, shot } from './support.ts';

test('owner on a phone: binds a unit with the invitation code and sees it in 我的房屋', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByText('演示账号', { exact: true })).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await shot(page, 'b1-login-phone');

  // owner3 has an account but no unit yet
  await loginAsDemo(page, 'owner3');
  await expect(page).toHaveURL(/\/m\/units/);
  await expect(page.getByText('您还没有绑定房屋')).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await shot(page, 'b2-my-units-empty');

  await page.getByRole('navigation', { name: 'tabs' }).getByRole('link', { name: '绑定房屋' }).click();
  await expect(page).toHaveURL(/\/m\/bind/);
  await page.getByRole('textbox', { name: '邀请码' }).fill(DEMO_INVITATION_CODE.toLowerCase());
  await shot(page, 'b3-bind-form');
  await page.getByRole('button', { name: /^提\s?交$/ }).click();
  await expect(page.getByText('绑定成功')).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await shot(page, 'b4-bind-success');

  await page.getByRole('button', { name: '查看我的房屋' }).click();
  await expect(page).toHaveURL(/\/m\/units/);
  const card = page.getByTestId('my-unit');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('翠竹苑');
  await expect(card).toContainText(/\d+\.\d{2} ㎡/);
  await expectNoHorizontalOverflow(page);
  await shot(page, 'b5-my-units');

  await page.getByRole('navigation', { name: 'tabs' }).getByRole('link', { name: '消息' }).click();
  await expect(page).toHaveURL(/\/m\/messages/);
  await expectNoHorizontalOverflow(page);
  await shot(page, 'b6-messages');
});
