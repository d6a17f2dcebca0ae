import { expect, type Locator, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '@gongzhi/server/modules/demo/accounts.ts';

export { DEMO_PASSWORD };

/** Saves a screenshot of the whole page under e2e/screenshots/ (looked at by a person). */
export async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  // lazy pages and tables show a spinner first; a tooltip left by the last hover hides things
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}

/** Signs in through the login page, using the demo-accounts table as a visitor would. */
export async function loginAsDemo(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId(`demo-use-${username}`).click();
  await expect(page.getByRole('textbox', { name: '用户名或手机号' })).toHaveValue(username);
  await expect(page.locator('input#password')).toHaveValue(DEMO_PASSWORD);
  // antd spaces two-character button labels: "登 录"
  await page.getByRole('button', { name: /^登\s?录$/ }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Picks an option of an antd Select by typing its label. */
export async function pickOption(page: Page, testId: string, label: string): Promise<void> {
  const select = page.getByTestId(testId);
  await select.click();
  await page.keyboard.type(label);
  // the options come from a server search: the select shows its spinner (ant-select-loading)
  // until the answer for the typed text is in (waitForLoadState('networkidle') would not wait:
  // that event fired once, when the page loaded)
  await expect(select).not.toHaveClass(/\bant-select-loading\b/);
  const option = page.locator(`.ant-select-item-option[title="${label}"]`);
  await expect(option).toHaveCount(1);
  await option.click();
  await expect(select).toContainText(label);
}

/**
 * Chooses an option of a plain (non-search) antd Select and checks that the select shows it.
 * On a loaded machine a click can land while the dropdown is still opening or already closing and
 * leave the select unchanged; the journey then failed far away (a field that appears only for the
 * chosen value never came). Opening and choosing again until the select shows the value keeps the
 * failure, if there is one, at this step.
 */
export async function chooseOption(page: Page, select: Locator, title: string): Promise<void> {
  await expect(async () => {
    if (!(await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count())) await select.click();
    await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${title}"]`).click({ timeout: 5_000 });
    await expect(select).toContainText(title, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/** The page fits its viewport: nothing sticks out sideways. */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, 'page wider than the screen').toBeLessThanOrEqual(client);
}
