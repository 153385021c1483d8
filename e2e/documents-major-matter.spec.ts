// Journey (A2-11, A2-12): a member unit's liaison officer reports a major matter (what, why urgent, what is asked);
// the office registers it under its incoming number with a time limit, tries to forward it to the director — refused,
// the rule named: major matters go to the leader — and forwards it to the leader, who records his instruction; the
// office makes the instruction a ledger task (lead unit, deadline) and closes the item; the unit sees the instruction
// and the whole route.
import { expect, test, type Page } from '@playwright/test';
import { checkRadio, chinaDate, confirmPopover, logIn, logOut, pickOption } from './support.ts';

const TITLE = '关于某重点项目施工许可办理受阻的紧急报告（e2e）';
const INSTRUCTION = '请州住建局牵头，会同消防救援支队本周内协调解决。';
const menu = (page: Page, name: string) => page.getByRole('menuitem').filter({ hasText: new RegExp(`^${name}$`) }).click();

test('major matter: the unit reports, the office registers and forwards to the leader (not the director), the leader instructs', async ({ page }) => {
  test.setTimeout(180_000);

  await logIn(page, 'cj.liaison');
  await menu(page, '报送');
  await page.getByTestId('new-submission').click();
  const dialog = page.getByRole('dialog', { name: '报送' });
  await pickOption(page, dialog.getByTestId('submission-category'), '重大事项报告');
  await dialog.getByTestId('submission-title').fill(TITLE);
  await dialog.getByTestId('matter-what').fill('重点项目因消防审验意见分歧，施工许可无法按期核发。');
  await dialog.getByTestId('matter-why').fill('项目须于12月开工，否则影响年度投资目标。');
  await dialog.getByTestId('matter-request').fill('请领导小组协调住建、消防部门于一周内形成统一意见。');
  await dialog.getByTestId('submission-submit').click();
  await expect(page.getByTestId('incoming-item-page')).toHaveAttribute('data-status', 'submitted');
  await expect(page.getByTestId('incoming-matter')).toContainText('施工许可无法按期核发');
  await logOut(page);

  await logIn(page, 'cj.staff');
  await menu(page, '收文');
  await page.getByTestId('incoming-link').filter({ hasText: TITLE }).click();
  await page.getByTestId('register-item').click();
  await confirmPopover(page, 'register-confirm');
  await expect(page.getByTestId('incoming-item-page')).toHaveAttribute('data-status', 'registered');
  await expect(page.getByTestId('incoming-number')).toHaveText(/^收文〔\d{4}〕\d+号$/);
  await expect(page.getByTestId('incoming-light').first()).toBeVisible();

  await page.getByTestId('forward-item').click();
  const fwd = page.getByRole('dialog', { name: '呈批' });
  await checkRadio(fwd.getByRole('radio', { name: '办公室主任' }));
  await fwd.getByTestId('forward-submit').click();
  await expect(fwd.getByTestId('forward-error')).toHaveAttribute('data-rule', 'A2-12');
  await checkRadio(fwd.getByRole('radio', { name: '组长' }));
  await fwd.getByTestId('forward-submit').click();
  await expect(fwd).toBeHidden();
  await expect(page.getByTestId('incoming-item-page')).toHaveAttribute('data-status', 'forwarded');
  await page.getByTestId('open-batch').click();
  await expect(page.getByTestId('batch-table')).toContainText(TITLE);
  await logOut(page);

  await logIn(page, 'cj.leader');
  await menu(page, '收文');
  await page.getByTestId('incoming-link').filter({ hasText: TITLE }).click();
  await page.getByTestId('instruction-input').fill(INSTRUCTION);
  await page.getByTestId('instruct-submit').click();
  await expect(page.getByTestId('incoming-item-page')).toHaveAttribute('data-status', 'instructed');
  await logOut(page);

  // The office turns the instruction into a ledger task led by 州住房和城乡建设局, then closes the item.
  await logIn(page, 'cj.staff');
  await menu(page, '收文');
  await page.getByTestId('incoming-link').filter({ hasText: TITLE }).click();
  await pickOption(page, page.getByTestId('task-lead-unit'), '州住房和城乡建设局');
  await page.getByTestId('task-deadline').fill(chinaDate(30));
  await page.getByTestId('task-create').click();
  await expect(page.getByTestId('task-open')).toBeVisible();
  await page.getByTestId('close-item').click();
  await confirmPopover(page, /办\s*结/);
  await expect(page.getByTestId('incoming-item-page')).toHaveAttribute('data-status', 'closed');
  await page.getByTestId('task-open').click();
  await expect(page.getByTestId('task-page')).toContainText(INSTRUCTION);
  await logOut(page);

  await logIn(page, 'cj.liaison');
  await menu(page, '报送');
  await page.getByTestId('submission-link').filter({ hasText: TITLE }).click();
  await expect(page.getByTestId('instruction')).toContainText(INSTRUCTION);
  await expect(page.getByTestId('incoming-route').getByTestId('event')).toHaveCount(6);
});
