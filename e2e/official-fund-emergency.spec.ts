import { expect, test } from '@playwright/test';
import {
  confirmAction, ensureBalances, idFromUrl, modalAction, openApplication, ownersUnits, pickUnits, PNG, signedIn,
} from './official-fund-support.ts';
import { chooseOption, selectOption, shot } from './support.ts';

// The emergency use of the maintenance fund (办法 第24条): no owner vote. The committee applies
// with evidence attached; work that the city's emergency list does not cover is refused the
// emergency path with the server's Chinese message; with a listed category the committee
// confirms, the street office confirms from its queue, the district approves from its review
// queue, stage 1 is paid, the works are accepted and settled, and the use is published to the
// owners in scope afterwards.

const TITLE = `电梯曳引机故障应急更换 E2E ${Date.now() % 100_000}`;

test('emergency use: an unlisted category is refused in Chinese; committee and street confirm, district approves, paid, settled, published', async ({ browser, baseURL }) => {
  test.setTimeout(600_000);
  const units = await ownersUnits();
  expect(units.length).toBeGreaterThanOrEqual(2);
  await ensureBalances(baseURL!, units, 500_000);

  // -- the committee drafts an emergency application --------------------------------------------
  const chair = await signedIn(browser, 'chair');
  await chair.goto('/funds/applications/new');
  await expect(chair.getByText('申请人：业主委员会')).toBeVisible();
  await chooseOption(chair, chair.getByTestId('estate-select'), '翠竹苑');
  await chair.getByTestId('fund-title').fill(TITLE);
  await chooseOption(chair, chair.getByTestId('fund-category'), '电梯');
  await chair.getByTestId('fund-path').getByText('应急使用（无需表决）').click();
  // work the city's list does not cover: offered, and refused at submission
  await chair.getByTestId('fund-emergency-category').click();
  await expect(chair.locator('.ant-select-dropdown:visible')).toContainText('电梯故障危及人身安全');
  await selectOption(chair, chair.getByTestId('fund-emergency-category'), { option: /未列明/ });
  await chair.getByTestId('fund-reason').fill('2号电梯曳引机异响后停运，维保单位检测认为继续运行有坠梯风险，须立即更换曳引机。');
  await pickUnits(chair, units);
  await chair.getByTestId('fund-budget').fill('4200');
  await expect(chair.getByTestId('preview-total')).toContainText('¥4,200.00');
  await chair.getByTestId('fund-contractor').fill('示范市迅达电梯工程有限公司');
  for (const k of ['warranty', 'utility', 'personDamage', 'companyUpkeep']) await chair.getByTestId(`exclusion-${k}`).check();
  await shot(chair, 'g1-fund-emergency-form');
  await chair.getByTestId('fund-save').click();
  await expect(chair).toHaveURL(/\/funds\/applications\/\d+$/);
  const id = idFromUrl(chair);

  // evidence: the maintenance company's inspection notice and a photo
  await chair.getByRole('tab', { name: /附件/ }).click();
  await expect(chair.getByTestId('fund-attachments')).toContainText('应急使用须上传');
  await chair.getByTestId('fund-attachments').locator('input[type=file]').setInputFiles({ name: '电梯检测整改通知.png', mimeType: 'image/png', buffer: PNG });
  await expect(chair.getByTestId('fund-attachments')).toContainText('电梯检测整改通知.png');

  await confirmAction(chair, 'submit', 'refused');
  const refusal = chair.getByTestId('fund-action-error');
  await expect(refusal).toContainText('应急维修目录中，请按一般程序（业主表决）申请');
  await expect(refusal).toContainText('未列明');
  await expect(chair.getByTestId('fund-state')).toHaveText('草稿');
  await shot(chair, 'g2-fund-emergency-refused');

  // a listed category: the draft is corrected and submitted
  await chair.getByTestId('fund-edit').click();
  await expect(chair).toHaveURL(new RegExp(`/funds/applications/${id}/edit`));
  await selectOption(chair, chair.getByTestId('fund-emergency-category'), { option: /电梯故障危及人身安全/ });
  await chair.getByTestId('fund-save').click();
  await expect(chair).toHaveURL(new RegExp(`/funds/applications/${id}$`));
  await confirmAction(chair, 'submit');
  await expect(chair.getByTestId('fund-state')).toHaveText('已提交');

  // -- the committee confirms from its queue ------------------------------------------------------
  await chair.getByRole('menuitem', { name: '应急确认' }).click();
  const mine = chair.getByTestId('confirmation-queue').locator('.ant-table-row').filter({ hasText: TITLE });
  await expect(mine).toContainText('待业委会确认');
  await shot(chair, 'g3-fund-committee-confirmation-queue');
  await mine.getByRole('link', { name: TITLE }).click();
  await modalAction(chair, 'committee_confirm', async (m) => {
    await m.getByTestId('action-text').fill('已核对检测整改通知和现场照片，属电梯故障危及人身安全。');
  });
  await expect(chair.getByTestId('fund-state')).toHaveText('业委会已确认');

  // -- the street office confirms: the district review starts -------------------------------------
  const street = await signedIn(browser, 'street');
  await street.getByRole('menuitem', { name: '应急确认' }).click();
  const waiting = street.getByTestId('confirmation-queue').locator('.ant-table-row').filter({ hasText: TITLE });
  await expect(waiting).toContainText('待街道（社区）确认');
  await shot(street, 'g4-fund-street-confirmation-queue');
  await waiting.getByRole('link', { name: TITLE }).click();
  await expect(street.getByTestId('fund-attachments').or(street.getByRole('tab', { name: /附件（1）/ }))).toBeVisible();
  await modalAction(street, 'street_confirm', async (m) => {
    await m.getByTestId('action-text').fill('现场核实，同意应急维修。');
  });
  await expect(street.getByTestId('fund-state')).toHaveText('区住建部门审核中');
  await shot(street, 'g5-fund-street-confirmed');

  // -- the district approves from its queue --------------------------------------------------------
  const district = await signedIn(browser, 'district');
  await district.goto('/funds/reviews');
  const queued = district.getByTestId('review-queue').locator('.ant-table-row').filter({ hasText: TITLE });
  await expect(queued).toHaveCount(1);
  await shot(district, 'g6-fund-review-queue');
  await queued.getByRole('link', { name: TITLE }).click();
  await modalAction(district, 'approve', async (m) => {
    await m.getByTestId('action-text').fill('应急情形属实，同意使用。');
  });
  await expect(district.getByTestId('fund-state')).toHaveText('审核通过');
  await district.getByRole('tab', { name: '拨付' }).click();
  await district.getByTestId('disburse-1').click();
  await district.locator('.ant-popconfirm:not(.ant-popover-hidden)').getByRole('button', { name: /拨\s?付/ }).click();
  await expect(district.getByTestId('stage-1-paid')).toContainText('¥2,940.00');
  await shot(district, 'g7-fund-emergency-stage1');

  // -- acceptance, settlement at a lower actual cost, publication ---------------------------------
  await openApplication(chair, id);
  await modalAction(chair, 'accept', async (m) => {
    await m.getByTestId('owner-reps').click();
    await chair.keyboard.type('赵卫东');
    await chair.keyboard.press('Enter');
  });
  await expect(chair.getByTestId('fund-state')).toHaveText('已验收');
  await openApplication(district, id);
  await modalAction(district, 'settle', async (m) => {
    await m.getByTestId('actual-cost').fill('4100.50');
  });
  await expect(district.getByTestId('fund-state')).toHaveText('已结算');
  await openApplication(chair, id);
  await confirmAction(chair, 'publish');
  await expect(chair.getByTestId('fund-state')).toHaveText('已公布');
  await expect(chair.getByTestId('fund-timeline')).toContainText('街道（社区）确认');
  await shot(chair, 'g8-fund-emergency-published');
  await chair.getByRole('tab', { name: '每户分摊' }).click();
  await expect(chair.getByTestId('fund-shares')).toContainText('¥4,100.50');
  await shot(chair, 'g9-fund-emergency-shares');

  // -- the district rejects an overdue review (the demo city has one), naming the exclusion ------
  await district.goto('/funds/reviews?overdue=true');
  await expect(district.getByText(/今天 \d{4}-\d{2}-\d{2}，共 \d+ 件/)).toBeVisible();
  const overdue = district.getByTestId('review-queue').locator('.ant-table-row').filter({ hasText: '逾期' }).first();
  if (await overdue.count()) {
    await shot(district, 'g10-fund-overdue-reviews');
    await overdue.locator('a').first().click();
    await modalAction(district, 'reject', async (m) => {
      await selectOption(district, m.getByTestId('reject-exclusion'), { option: /保修期内/ });
      await m.getByTestId('action-text').fill('屋面防水工程竣工未满五年，仍在保修期内，应由建设单位负责维修。');
    });
    await expect(district.getByTestId('fund-state')).toHaveText('未通过');
    await expect(district.getByTestId('fund-rejected')).toContainText('保修期内');
    await shot(district, 'g11-fund-rejected-with-exclusion');
  }
});
