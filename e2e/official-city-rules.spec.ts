import { expect, test } from '@playwright/test';
import { chooseOption, loginAsDemo, shot } from './support.ts';

// 本市公开规则: the city officer reads the demo city's disclosure rule on the filing status page,
// sets the answer days and the period, saves, and reads the saved rule back (also after a reload).
// The street officer's page has no such card. The journeys share one demo city: the rule is put
// back as it was at the end, since the later journeys file quarterly packages.

test('city officer: sets the city\'s disclosure rule on the filing status page', async ({ page }) => {
  await loginAsDemo(page, 'city');
  await page.goto('/filings/status');
  const card = page.getByTestId('city-rules');
  await expect(card).toContainText('本市公开规则');
  await expect(card).toContainText('质询答复期限');
  await shot(page, 'city-rules-01-shown');

  await page.getByTestId('city-rules-edit').click();
  await chooseOption(page, page.getByTestId('city-rules-period'), '月度');
  const answer = page.getByTestId('city-rules-answer');
  await answer.fill('10');
  await expect(answer).toHaveValue('10');
  await shot(page, 'city-rules-02-editing');
  const put = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/disclosure/city-rules/'));
  await page.getByTestId('city-rules-save').click();
  const res = await put;
  const url = res.url();
  try {
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ periodKind: 'month', answerDays: 10, configured: true });
    await expect(card).toContainText('10 天');
    await expect(card).toContainText('月度');
    await shot(page, 'city-rules-03-saved');

    await page.reload();
    await expect(page.getByTestId('city-rules')).toContainText('10 天');
  } finally {
    // the demo city has no rule of its own: back to the defaults the other journeys expect
    const restored = await page.request.put(url, { data: { periodKind: 'quarter', filingDueDays: 30, fileWith: 'street', answerDays: 7 } });
    expect(restored.status(), await restored.text()).toBe(200);
  }
});

test('street officer: no city rule card', async ({ page }) => {
  await loginAsDemo(page, 'street');
  await page.goto('/filings/status');
  await expect(page.getByTestId('status-table')).toBeVisible();
  await expect(page.getByTestId('city-rules')).toHaveCount(0);
});
