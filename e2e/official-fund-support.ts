import { expect, request as playwrightRequest, type APIRequestContext, type Browser, type Page, type Request } from '@playwright/test';
import { estateByName, withDb } from './meeting-db.ts';
import { DEMO_PASSWORD, loginAsDemo, selectOption } from './support.ts';

// What the two fund journeys (official-fund-ordinary / -emergency) share: sign-ins, the units
// they charge (the bound units of owner1 and owner2 in 翠竹苑, so the owners who vote on an
// ordinary use are exactly the scope's heads), money in those units' accounts, and clicks on the
// application page's actions.

// a 1×1 transparent PNG: the platform accepts files by their leading bytes
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

export async function signedIn(browser: Browser, username: string): Promise<Page> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await loginAsDemo(page, username);
  return page;
}

export async function apiAs(baseURL: string, username: string): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL });
  const res = await api.post('/api/v1/auth/login', { data: { login: username, password: DEMO_PASSWORD } });
  expect(res.ok(), `login ${username}: ${await res.text()}`).toBeTruthy();
  return api;
}

export async function ok<T = Record<string, unknown>>(res: Awaited<ReturnType<APIRequestContext['post']>>, what: string): Promise<T> {
  expect(res.ok(), `${what}: ${res.status()} ${await res.text()}`).toBeTruthy();
  return (await res.json()) as T;
}

export interface ScopeUnit { id: number; number: string; building: string }

/** The units owner1 and owner2 are bound to in 翠竹苑 (residential first), in a stable order. */
export async function ownersUnits(): Promise<ScopeUnit[]> {
  return withDb(async (db) => {
    const r = await db.query(
      `SELECT DISTINCT u.id, u.number, b.name AS building, u.kind
         FROM accounts a JOIN bindings bi ON bi.account_id = a.id AND bi.status = 'approved'
         JOIN units u ON u.id = bi.unit_id JOIN buildings b ON b.id = u.building_id
         JOIN estates e ON e.id = u.estate_id
        WHERE a.username = ANY($1) AND e.name = '翠竹苑'
        ORDER BY u.kind DESC, u.id`,
      [['owner1', 'owner2']],
    );
    return r.rows.map((x) => ({ id: Number(x.id), number: String(x.number), building: String(x.building) }));
  });
}

/**
 * Makes sure each unit holds at least `minFen`: the district officer books a replenishment for
 * those short of it (the demo city's balances differ by building; one is below the 30% line).
 */
export async function ensureBalances(baseURL: string, units: ScopeUnit[], minFen: number): Promise<void> {
  const district = await apiAs(baseURL, 'district');
  const estate = await estateByName('翠竹苑');
  const lines: { unitId: number; amountFen: number }[] = [];
  for (const u of units) {
    const r = await district.get(`/api/v1/fund/units/${u.id}/movements`);
    const balance = r.ok() ? Number((await r.json()).balanceFen) : 0;
    if (balance < minFen) lines.push({ unitId: u.id, amountFen: minFen - balance });
  }
  if (lines.length) {
    // a replenishment (续筹), as owners top up a building that has spent its fund
    await ok(await district.post(`/api/v1/estates/${estate.id}/fund/deposits`, { data: { kind: 'replenishment', memo: '续筹（测试用补足余额）', lines } }), 'replenishment');
  }
  await district.dispose();
}

/** Picks units in the form's unit picker by number. */
export async function pickUnits(page: Page, units: ScopeUnit[]): Promise<void> {
  const select = page.getByTestId('scope-units');
  for (const u of units) {
    const tag = select.locator('.ant-select-selection-item').filter({ hasText: new RegExp(`^${u.number}（`) });
    await selectOption(page, select, { option: new RegExp(`^${u.number}（`), search: u.number, chosen: async () => (await tag.count()) > 0 });
    await page.keyboard.press('Escape');
  }
}

/** Opens an application's page. */
export async function openApplication(page: Page, id: number, tab?: string): Promise<void> {
  await page.goto(`/funds/applications/${id}${tab ? `?tab=${tab}` : ''}`);
  await expect(page.getByTestId('fund-title-view')).toBeVisible();
}

/**
 * Clicks an action that asks only for a confirmation (submit, publish) and checks the server took it.
 * The confirmation is clicked again only while no request has gone out (a click that landed while
 * the popover was still opening), so an action is never sent twice; the server's answer is
 * asserted here (taken, or refused where the journey expects a refusal), so a surprise fails
 * this step with the server's message instead of a later state check.
 */
export async function confirmAction(page: Page, action: string, outcome: 'taken' | 'refused' = 'taken'): Promise<void> {
  const seen: { request?: Request } = {};
  const onRequest = (r: Request) => {
    if (r.method() === 'POST' && /\/api\/v1\/fund\/applications\/\d+\//.test(r.url())) seen.request ??= r;
  };
  page.on('request', onRequest);
  try {
    const pop = page.locator('.ant-popconfirm:not(.ant-popover-hidden)');
    await expect(async () => {
      if (seen.request) return;
      if (!(await pop.count())) await page.getByTestId(`fund-action-${action}`).click({ timeout: 5_000 });
      await pop.getByRole('button', { name: /确\s?定/ }).click({ timeout: 5_000 });
      await expect.poll(() => seen.request !== undefined, { timeout: 3_000 }).toBe(true);
    }).toPass({ timeout: 30_000 });
    const response = await seen.request!.response();
    const status = response?.status() ?? 0;
    const said = `${action}: ${status} ${await response?.text()}`;
    if (outcome === 'taken') expect(status, said).toBeLessThan(300);
    else expect(status, said).toBeGreaterThanOrEqual(400);
  } finally {
    page.off('request', onRequest);
  }
}

/** Opens an action's modal (note / reason / representatives / cost), fills it with `fill`, sends it. */
export async function modalAction(page: Page, action: string, fill: (modal: ReturnType<Page['locator']>) => Promise<void>): Promise<void> {
  await page.getByTestId(`fund-action-${action}`).click();
  const modal = page.locator('.ant-modal:visible');
  await expect(modal).toHaveCount(1);
  await fill(modal);
  await modal.getByTestId('action-modal-ok').click();
  await expect(modal).toHaveCount(0);
}

export async function applicationState(id: number): Promise<string> {
  return withDb(async (db) => String((await db.query('SELECT state FROM fund_applications WHERE id = $1', [id])).rows[0].state));
}

export function idFromUrl(page: Page): number {
  return Number(/\/funds\/applications\/(\d+)/.exec(page.url())![1]);
}
