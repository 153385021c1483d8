// Runs before the journeys (playwright.config.ts, project "setup"), right after the server starts.
//
// Why a setup step: the app runs on the real clock (late November 2026), so the quarter that just ended (Q3 2026)
// was due 10 working days after 30 September — a first submission now would be late. A real office grants the
// extension (A1-10): the director opens the quarter and extends its deadline, with a reason, on its status page.
// The server's daily job would open the quarter by itself on its first tick (JOB_INTERVAL_SECONDS after start:
// 300 s in playwright.config.ts); this step opens it first, through the UI.
import { expect, test as setup } from '@playwright/test';
import { chinaDate, logIn, logOut } from './support.ts';

setup('the prefecture office opens the quarter and extends its deadline with a reason', async ({ page }) => {
  await logIn(page, 'cj.director');
  await page.getByRole('menuitem', { name: '季度汇报' }).click();
  await expect(page.getByTestId('report-cycles-page')).toBeVisible();

  // Rule data (A1-16): inherited from the template until the office saves its own (it applies to quarters opened later).
  await page.getByTestId('report-rules-link').click();
  await expect(page.getByTestId('rules-source')).toHaveAttribute('data-source', 'default');
  await page.getByLabel('黄灯提醒（期限前的工作日数）').fill('5');
  await page.getByTestId('save-rules').click();
  await expect(page.getByTestId('rules-source')).toHaveAttribute('data-source', 'own');
  await page.getByRole('button', { name: '返回' }).click();

  // 开启季度汇报 proposes the quarter that ended last; it opens with the office's deadline of 10 working days.
  await page.getByTestId('open-cycle').click();
  const dialog = page.getByRole('dialog', { name: '开启季度汇报周期' });
  await dialog.getByRole('button', { name: '开启季度汇报' }).click();
  await expect(page.getByTestId('report-status-page')).toBeVisible();
  const deadline = page.getByTestId('cycle-deadline');
  await expect(deadline).toContainText('季度结束后 10 个工作日');

  await page.getByTestId('extend-deadline').click();
  const extend = page.getByRole('dialog', { name: /延长.*报送期限/ });
  await extend.getByLabel('报送期限（季度结束后的工作日数）').fill('60');
  await extend.getByLabel('延期理由').fill('系统上线首季度，统一顺延报送期限');
  await extend.getByRole('button', { name: '延长期限' }).click();
  await expect(deadline).toContainText('季度结束后 60 个工作日');
  const due = /\d{4}-\d{2}-\d{2}/.exec((await deadline.textContent()) ?? '')?.[0] ?? '';
  expect(due > chinaDate(), `the extended deadline ${due} is after today`).toBe(true);
  await logOut(page);
});
