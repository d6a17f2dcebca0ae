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

/**
 * Picks an option of an antd Select or TreeSelect (plain, searched or multiple) and checks that
 * the select shows it. CI has twice lost such a click (the option was clicked, the select stayed
 * empty or unchanged) in ways no local run reproduced, even under CPU throttling; the journey then
 * failed far away (a refused save, a field that never appeared). So each attempt opens the
 * dropdown if it is closed, types the search text if there is one, waits for a server search to
 * answer, clicks the option and checks the select; a lost click is tried again and reported on
 * the console, and a real failure stays at this step. A string option is matched by its exact
 * title, a pattern by its text. `chosen` tells whether the select already shows the choice
 * (default: its text contains `option`); it is checked first, so a retry never toggles a
 * multiple select's choice off again.
 */
export async function selectOption(
  page: Page,
  select: Locator,
  opts: { option: string | RegExp; search?: string; tree?: boolean; chosen?: () => Promise<boolean> },
): Promise<void> {
  const shown = opts.chosen ?? (async () => (await select.filter({ hasText: opts.option }).count()) > 0);
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  // a string names an option by its exact title; a pattern matches the option's text
  const option = typeof opts.option === 'string' && !opts.tree
    ? dropdown.locator(`.ant-select-item-option[title="${opts.option}"]`)
    : dropdown.locator(opts.tree ? '.ant-select-tree-title' : '.ant-select-item-option').filter({ hasText: opts.option });
  const missed: string[] = [];
  await expect(async () => {
    if (await shown()) return;
    try {
      // this select's own state: another select's dropdown may still be closing (it keeps its
      // classes until its animation ends), and waiting for options there loses the attempt
      if (!(await select.evaluate((el) => el.classList.contains('ant-select-open')))) await select.click();
      if (opts.search !== undefined) await select.locator('input').first().fill(opts.search);
      // options from a server search: the select shows its spinner until the answer is in
      await expect(select).not.toHaveClass(/\bant-select-loading\b/);
      await option.first().click({ timeout: 5_000 });
      await expect.poll(shown, { timeout: 2_000 }).toBe(true);
    } catch (e) {
      missed.push(String((e as Error).message).split('\n')[0]!);
      throw e;
    }
  }).toPass({ timeout: 30_000 });
  if (missed.length) console.log(`[e2e] option ${String(opts.option)} missed ${missed.length}×: ${missed.join(' | ')}`);
}

/** Picks an option of a searched antd Select by typing its label. */
export async function pickOption(page: Page, testId: string, label: string): Promise<void> {
  await selectOption(page, page.getByTestId(testId), { option: label, search: label });
}

/** Chooses an option of a plain (non-search) antd Select by its title. */
export async function chooseOption(page: Page, select: Locator, title: string): Promise<void> {
  await selectOption(page, select, { option: title });
}

/** The page fits its viewport: nothing sticks out sideways. */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, 'page wider than the screen').toBeLessThanOrEqual(client);
}
