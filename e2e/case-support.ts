import { expect, type Page } from '@playwright/test';

// What the case journeys (official-cases, owner-case-journey) share on the officials' case page.

/** Opens a case action's modal, lets `fill` fill it, sends it and checks the server took it. */
export async function caseAction(page: Page, action: string, path: string, fill: (modal: ReturnType<Page['locator']>) => Promise<void>): Promise<void> {
  await page.getByTestId(`case-action-${action}`).click();
  const modal = page.locator('.ant-modal:visible');
  await expect(modal).toHaveCount(1);
  await fill(modal);
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new RegExp(`/api/v1/cases/\\d+/${path}$`).test(r.url()));
  await modal.getByTestId('case-modal-ok').click();
  const res = await answer;
  expect(res.status(), `${action}: ${await res.text()}`).toBeLessThan(300);
  await expect(modal).toHaveCount(0);
}
