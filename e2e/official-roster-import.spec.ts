import { expect, test } from '@playwright/test';
import { loginAsDemo, pickOption, shot } from './support.ts';
import { rosterFixed, rosterWithErrors } from './roster-file.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ESTATE = '光明花园'; // in 明德街道, the street officer's region

test('street officer: imports a roster with errors, sees them, fixes the file, imports and finds the unit', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByText('演示账号', { exact: true })).toBeVisible();
  await shot(page, 'a1-login-desktop');

  await loginAsDemo(page, 'street');
  await expect(page).toHaveURL(/\/registry\/estates/);
  await expect(page.getByRole('cell', { name: ESTATE })).toBeVisible();
  await shot(page, 'a2-estates-list');

  await page.getByRole('menuitem', { name: '名册导入导出' }).click();
  await expect(page).toHaveURL(/\/roster/);
  await pickOption(page, 'estate-select', ESTATE);
  await shot(page, 'a3-roster-page');

  const fileInput = page.locator('input[type=file]');
  await fileInput.setInputFiles({ name: '光明花园名册-有错误.xlsx', mimeType: XLSX, buffer: await rosterWithErrors() });
  const issues = page.getByTestId('import-issues');
  await expect(issues).toBeVisible();
  await expect(page.getByTestId('import-issues-count')).toHaveText(/共 \d+ 处错误，未导入任何数据/);
  // each mistake is named by spreadsheet row (the header is row 1) and column, in Chinese
  const rows = await issues.locator('tbody tr').allInnerTexts();
  const expectIssue = (row: number, column: string) =>
    expect(rows, `an issue at row ${row}, column ${column}`).toContainEqual(expect.stringMatching(new RegExp(`^${row}\\s+${column}\\S*\\s+\\S`)));
  expectIssue(2, '楼栋'); // unknown building
  expectIssue(3, '面积'); // negative area
  expectIssue(4, '证件号码'); // bad check digit
  expect(rows.some((r) => /^[56]\s+房号/.test(r)), 'the duplicate unit is named').toBe(true);
  await shot(page, 'a4-import-errors');

  await fileInput.setInputFiles({ name: '光明花园名册-已修正.xlsx', mimeType: XLSX, buffer: await rosterFixed() });
  await expect(page.getByTestId('import-success')).toBeVisible();
  await expect(page.getByTestId('import-success')).toContainText('导入成功');
  await expect(page.getByTestId('import-issues')).toHaveCount(0);
  await shot(page, 'a5-import-success');

  await page.getByRole('menuitem', { name: '房屋', exact: true }).click();
  // the units page is on screen (the roster page has an estate select of its own)
  const search = page.getByPlaceholder('房号或业主姓名');
  await expect(search).toBeVisible();
  await pickOption(page, 'estate-select', ESTATE);
  await search.fill('1-9902');
  await search.press('Enter');
  const link = page.getByRole('link', { name: '1-9902' });
  await expect(link).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '1-9902' })).toContainText('96.20 ㎡');
  await shot(page, 'a6-units-search');

  await link.click();
  await expect(page).toHaveURL(/\/registry\/units\/\d+/);
  await expect(page.getByTestId('unit-area')).toHaveText('96.20 ㎡');
  const history = page.getByTestId('ownership-history');
  await expect(history).toContainText('测试丙');
  // the ID number is masked: only the last four digits show
  await expect(history).not.toContainText('110105198001010');
  await shot(page, 'a7-unit-page');
});
