import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { estateByName } from './meeting-db.ts';
import { caseAction } from './case-support.ts';
import { apiAs, ok, PNG, signedIn } from './official-fund-support.ts';
import { chooseOption, pickOption, selectOption, shot } from './support.ts';

// The officials' case screens (issue 6): the company's queue with its tabs and filters, a case
// handled on its page (respond, assign, note, merge a duplicate, resolve with an evidence photo,
// print); the street office blowing the whistle (吹哨) and the department reporting (报到) from
// its own queue; the chair verifying a complaint against the company and the secretary's
// all-estates queue; an estate's rules changed and put back; the figures with their charts.

const STAMP = Date.now() % 100_000;

interface CaseView { id: number; no: string; state: string; level: string; title: string; actions: Record<string, { allowed: boolean; reason?: string }> }

async function fileAsOwner(owner: APIRequestContext, estateId: number, body: Record<string, unknown>): Promise<CaseView> {
  return ok<CaseView>(await owner.post('/api/v1/my/cases', { data: { estateId, ...body } }), `owner files ${String(body.title)}`);
}

async function caseAs(api: APIRequestContext, id: number): Promise<CaseView> {
  return ok<CaseView>(await api.get(`/api/v1/cases/${id}`), `case ${id}`);
}

async function openCase(page: Page, id: number): Promise<void> {
  await page.goto(`/cases/${id}`);
  await expect(page.getByTestId('case-title')).toBeVisible();
}

test('property manager: queue tabs and filters with Excel; responds, assigns, notes, merges a duplicate, resolves with a photo and prints the case', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const estate = await estateByName('翠竹苑');
  const owner1 = await apiAs(baseURL!, 'owner1');
  const place = `E2E 东门岗亭 ${STAMP}`;
  // two reports of one place within a day: likely duplicates
  const a = await fileAsOwner(owner1, estate.id, {
    category: 'common_repair', locationKind: 'common_area', locationText: place,
    title: `东门岗亭道闸无法抬杆 ${STAMP}`, description: '东门岗亭车辆道闸早上起无法抬杆，车辆排队进不来。',
  });
  const owner2 = await apiAs(baseURL!, 'owner2');
  const b = await fileAsOwner(owner2, estate.id, {
    category: 'common_repair', locationKind: 'common_area', locationText: place,
    title: `东门道闸坏了 ${STAMP}`, description: '东门道闸坏了，车出不去。',
  });
  expect(a.state).toBe('open');

  const page = await signedIn(browser, 'manager');
  // the menu leads to the queue
  await page.getByRole('menuitem', { name: '案件办理' }).click();
  await expect(page).toHaveURL(/\/cases$/);
  await expect(page.getByTestId('cases-table')).toBeVisible();

  // -- tabs and filters ------------------------------------------------------------------------
  await page.getByTestId('cases-state-tabs').getByRole('tab', { name: '待响应' }).click();
  await expect(page).toHaveURL(/state=open/);
  const table = page.getByTestId('cases-table');
  await expect(table.getByTestId(`case-link-${a.id}`)).toBeVisible();
  await expect(table.locator('tbody tr.ant-table-row').filter({ hasText: '处理中' })).toHaveCount(0);
  await chooseOption(page, page.getByTestId('filter-category'), '共用部位报修');
  await expect(page).toHaveURL(/category=common_repair/);
  await expect(table.getByTestId(`case-link-${a.id}`)).toBeVisible();
  // the new case's deadline runs: 'x 小时后到期' (or minutes/days), not overdue
  await expect(table.getByTestId(`case-due-${a.id}`)).toContainText('后到期');
  await shot(page, 'oc1-case-queue-open-repairs');
  // 指派给我: the queue asks the server for the caller's own cases, then back to all
  const mine = page.waitForResponse((r) => /\/api\/v1\/cases\?.*assignee=me/.test(r.url()));
  await page.getByTestId('filter-mine').click();
  expect((await mine).status()).toBe(200);
  await expect(table.getByTestId(`case-link-${a.id}`)).toHaveCount(0);
  await page.getByTestId('filter-mine').click();
  await expect(page).not.toHaveURL(/assignee=me/);

  // overdue only, every state: the demo's street cases past their deadline, all in red
  await page.getByTestId('cases-state-tabs').getByRole('tab', { name: '全部' }).click();
  await chooseOption(page, page.getByTestId('filter-category'), '消防安全');
  await page.getByTestId('filter-overdue').click();
  await expect(page).toHaveURL(/overdue=1/);
  await chooseOption(page, page.getByTestId('filter-priority'), '紧急');
  await expect(page).toHaveURL(/priority=urgent/);
  const rows = table.locator('tbody tr.ant-table-row');
  await expect(rows.first()).toContainText('紧急');
  await expect(rows.first()).toBeVisible();
  const n = await rows.count();
  for (let i = 0; i < n; i++) await expect(rows.nth(i)).toContainText('已超时');
  await shot(page, 'oc2-case-queue-overdue');
  const download = page.waitForEvent('download');
  await page.getByTestId('cases-export').click();
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);

  // -- the case page: respond, assign, note ------------------------------------------------------
  await openCase(page, a.id);
  await expect(page.getByTestId('case-title')).toContainText('待响应');
  await caseAction(page, 'respond', 'respond', async (m) => {
    await m.getByTestId('case-modal-text').fill('已通知道闸维保单位，预计 2 小时内到场。');
  });
  await expect(page.getByTestId('case-title')).toContainText('处理中');
  await expect(page.locator('[data-testid="case-event"][data-kind="responded"]')).toContainText('已通知道闸维保单位');

  const manager = await apiAs(baseURL!, 'manager');
  const people = await ok<{ items: { accountId: number; name: string; role: string; roleLabel: string }[] }>(
    await manager.get(`/api/v1/cases/assignees?caseId=${a.id}`), 'assignees');
  const staff = people.items.find((p) => p.role === 'property_staff') ?? people.items[0]!;
  await caseAction(page, 'assign', 'assign', async (m) => {
    await chooseOption(page, m.getByTestId('case-assignee'), `${staff.name}（${staff.roleLabel}）`);
  });
  await expect(page.getByTestId('case-assignee-view')).toHaveText(staff.name);
  await caseAction(page, 'note', 'notes', async (m) => {
    await m.getByTestId('case-modal-text').fill('维保人员已到场，更换道闸控制板。');
  });
  await expect(page.locator('[data-testid="case-event"][data-kind="note"]')).toContainText('更换道闸控制板');

  // -- the duplicate owner2 filed goes into this case ---------------------------------------------
  const dup = page.getByTestId('case-duplicates');
  await expect(dup).toContainText(b.no);
  await shot(page, 'oc3-case-page-duplicates');
  const merged = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/cases/${b.id}/merge`));
  await dup.getByTestId(`merge-into-this-${b.id}`).click();
  await page.locator('.ant-popconfirm:not(.ant-popover-hidden)').getByRole('button', { name: /合\s?并/ }).click();
  expect((await merged).status()).toBe(200);
  await expect(page.locator('.ant-message')).toContainText('已合并');
  expect((await caseAs(manager, b.id)).state).toBe('merged');
  await expect(page.getByTestId('case-duplicates')).toHaveCount(0);

  // -- resolve with an evidence photo ------------------------------------------------------------
  await caseAction(page, 'resolve', 'resolve', async (m) => {
    await m.getByTestId('case-evidence').locator('input[type=file]').setInputFiles({ name: '道闸修复后.png', mimeType: 'image/png', buffer: PNG });
    await expect(m.getByTestId('case-evidence')).toContainText('道闸修复后.png');
    await m.getByTestId('case-modal-text').fill('已更换道闸控制板，抬杆正常，请业主确认。');
  });
  await expect(page.getByTestId('case-title')).toContainText('待业主确认');
  await expect(page.getByTestId('photos-evidence').locator('img')).toHaveCount(1);
  await expect(page.locator('[data-testid="case-event"][data-kind="resolved"]')).toBeVisible();
  await shot(page, 'oc4-case-page-resolved');

  // -- the printable sheet -----------------------------------------------------------------------
  await page.getByTestId('case-print').click();
  await expect(page).toHaveURL(new RegExp(`/cases/${a.id}/print$`));
  const sheet = page.getByTestId('case-sheet');
  await expect(sheet).toContainText('案件处理单');
  await expect(sheet).toContainText(a.no);
  await expect(sheet).toContainText('已更换道闸控制板');
  await shot(page, 'oc5-case-print-sheet');
  await Promise.all([owner1.dispose(), owner2.dispose(), manager.dispose()]);
});

test('street officer: calls in the urban-management squad on a case at the street (吹哨); the department officer lands on its queue and reports (报到)', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const page = await signedIn(browser, 'street');
  await page.goto('/cases');
  await chooseOption(page, page.getByTestId('filter-level'), '街道办事处');
  await expect(page).toHaveURL(/level=street/);
  const table = page.getByTestId('cases-table');
  const row = table.locator('tbody tr.ant-table-row').filter({ hasText: '北门门禁长期损坏' });
  await expect(row).toHaveCount(1);
  await shot(page, 'oc6-street-queue');
  await row.getByRole('link').first().click();
  await expect(page.getByTestId('case-title')).toContainText('北门门禁');
  const id = Number(/\/cases\/(\d+)/.exec(page.url())![1]);

  const squad = '明德街道城管执法中队';
  await caseAction(page, 'callDepartments', 'call-departments', async (m) => {
    const select = m.getByTestId('case-departments');
    await selectOption(page, select, {
      option: new RegExp(`^${squad}`),
      chosen: async () => (await select.locator('.ant-select-selection-item').filter({ hasText: squad }).count()) > 0,
    });
    await page.keyboard.press('Escape');
    await m.getByTestId('case-report-days').fill('2');
    await m.getByTestId('case-modal-text').fill('请城管中队 2 个工作日内到场，督促物业修复北门门禁并核查门岗值守。');
  });
  await expect(page.getByTestId('case-department-calls')).toContainText(squad);
  await expect(page.getByTestId('case-level')).toContainText('职能部门');
  await shot(page, 'oc7-street-called-department');

  // the department officer signs in straight onto the cases it was called in on
  const dept = await signedIn(browser, 'dept');
  await expect(dept).toHaveURL(/\/cases$/);
  await expect(dept.getByText('召集案件（吹哨报到）')).toBeVisible();
  await chooseOption(dept, dept.getByTestId('filter-called'), '待报到');
  await expect(dept.getByTestId('cases-table').getByTestId(`case-link-${id}`)).toBeVisible();
  await shot(dept, 'oc8-department-queue');
  await openCase(dept, id);
  await caseAction(dept, 'report', 'report', async (m) => {
    await m.getByTestId('case-modal-text').fill('已到场督促物业更换北门门禁控制器，门禁恢复，门岗已安排 24 小时值守。');
  });
  const calls = dept.getByTestId('case-department-calls');
  await expect(calls.locator('[data-testid^="call-reported-"]')).toContainText('门禁恢复');
  await shot(dept, 'oc9-department-reported');
});

test('committee chair: verifies a complaint against the company; the secretary sees every estate she serves', async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  const estate = await estateByName('翠竹苑');
  const owner1 = await apiAs(baseURL!, 'owner1');
  const c = await fileAsOwner(owner1, estate.id, {
    category: 'company_conduct', locationKind: 'estate',
    title: `物业未按合同每日保洁 ${STAMP}`, description: '合同约定楼道每日保洁，实际一周只打扫一次。',
  });
  const page = await signedIn(browser, 'chair');
  await openCase(page, c.id);
  await caseAction(page, 'verify', 'verify', async (m) => {
    await m.getByTestId('case-modal-text').fill('抽查 5 个楼栋保洁记录，与合同约定不符，投诉属实。');
  });
  await expect(page.getByTestId('case-title')).toContainText('投诉属实');
  await expect(page.getByTestId('case-action-verify')).toBeDisabled();
  await shot(page, 'oc10-chair-verified-complaint');

  const secretary = await signedIn(browser, 'secretary');
  await secretary.goto('/cases');
  const listed = secretary.waitForResponse((r) => /\/api\/v1\/cases\?.*mine=secretary/.test(r.url()));
  await secretary.getByTestId('filter-secretary').click();
  expect((await listed).status()).toBe(200);
  await expect(secretary).toHaveURL(/mine=secretary/);
  await expect(secretary.getByTestId('cases-table').locator('tbody tr.ant-table-row').first()).toBeVisible();
  await shot(secretary, 'oc11-secretary-all-estates');
  await owner1.dispose();
});

test('committee chair: changes and restores the routing and deadline rules of 翠竹苑; street officer: figures by estate and by department with charts and Excel', async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await signedIn(browser, 'chair');
  await page.goto('/cases/rules');
  await pickOption(page, 'estate-select', '翠竹苑');
  await expect(page.getByTestId('rules-routing')).toBeVisible();
  await expect(page.getByTestId('routing-view-parking')).toContainText('物业服务企业');

  await page.getByTestId('rules-edit').click();
  await chooseOption(page, page.getByTestId('routing-party-parking'), '业主委员会');
  await page.getByTestId('deadline-amount-respond-noise-normal').fill('6');
  await page.getByTestId('rules-auto-close').fill('10');
  const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && /\/case-rules$/.test(r.url()));
  await page.getByTestId('rules-save').click();
  const res = await saved;
  expect(res.status(), await res.text()).toBe(200);
  await expect(page.getByTestId('routing-view-parking')).toContainText('业主委员会');
  await expect(page.getByTestId('rules-auto-close-view')).toHaveText('10');
  await expect(page.getByTestId('rules-deadlines').locator('tr').filter({ hasText: '噪音扰民' }).first()).toContainText(/6 个工作(小时|日)/);
  await shot(page, 'oc12-case-rules-changed');

  // back to the platform defaults (the owner journeys file with them)
  await page.getByTestId('rules-edit').click();
  await page.getByTestId('reset-r:parking').click();
  await page.getByTestId('reset-d:noise:normal').click();
  await page.getByTestId('rules-auto-close').fill('7');
  const restored = page.waitForResponse((r) => r.request().method() === 'PUT' && /\/case-rules$/.test(r.url()));
  await page.getByTestId('rules-save').click();
  expect((await restored).status()).toBe(200);
  await expect(page.getByTestId('routing-view-parking')).toContainText('物业服务企业');
  await expect(page.getByTestId('rules-auto-close-view')).toHaveText('7');

  // -- figures -------------------------------------------------------------------------------------
  const street = await signedIn(browser, 'street');
  await street.getByRole('menuitem', { name: '案件统计' }).click();
  await expect(street).toHaveURL(/\/cases\/figures/);
  await expect(street.getByTestId('figures-totals')).toBeVisible();
  await expect(street.getByTestId('figures-table')).toContainText('翠竹苑');
  await expect(street.getByTestId('figures-volume-chart').locator('canvas')).toHaveCount(1);
  await expect(street.getByTestId('figures-rates-chart').locator('canvas')).toHaveCount(1);
  await shot(street, 'oc13-case-figures-by-estate');
  await pickOption(street, 'estate-select', '翠竹苑');
  await expect(street).toHaveURL(/estateId=\d+/);
  await expect(street.getByTestId('figures-table')).toContainText('翠竹苑');
  await chooseOption(street, street.getByTestId('figures-group'), '按职能部门');
  await expect(street).toHaveURL(/groupBy=department/);
  await expect(street.getByTestId('figures-table')).toContainText('明德街道城管执法中队');
  await shot(street, 'oc14-case-figures-by-department');
  const download = street.waitForEvent('download');
  await street.getByTestId('figures-export').click();
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
});
