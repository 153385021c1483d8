// Journey (A1-10): a member unit's liaison officer submits the quarterly written report, the office director returns
// it with a reason, the liaison revises and resubmits, the director accepts; the status table shows it on time (按时).
//
// On time although the clock says late November: the prefecture office granted an extension (A1-10) — the director
// opened the quarter and extended its deadline to 60 working days after the quarter, with a reason, through the UI,
// in e2e/report-deadline.setup.ts.
import { expect, test, type Page } from '@playwright/test';
import { chinaDate, confirmPopover, logIn, logOut } from './support.ts';

const UNIT = '州发展和改革委员会';
const REASON = '请补充第三季度审批时限压减的具体数据';

/** The quarter that ended last (the one the setup opened). */
function lastEndedQuarter(today: string) {
  const y = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  return q === 1 ? { year: y - 1, quarter: 4 } : { year: y, quarter: q - 1 };
}
const { year, quarter } = lastEndedQuarter(chinaDate());
const PERIOD = `${year} 年第 ${quarter} 季度`;

async function openStatusTable(page: Page) {
  await page.getByRole('menuitem', { name: '季度汇报' }).click();
  await page.getByTestId('cycle-row').filter({ hasText: PERIOD }).click();
  await expect(page.getByTestId('report-status-page')).toBeVisible();
}
const unitRow = (page: Page) => page.getByTestId('status-table').locator('tr.ant-table-row').filter({ hasText: UNIT });

test('liaison submits, director returns with a reason, liaison resubmits, director accepts — on time', async ({ page }) => {
  test.setTimeout(120_000); // four sign-ins by two people
  // The director reminds the units that have not submitted (in-app notification to their liaison officers).
  await logIn(page, 'cj.director');
  await openStatusTable(page);
  await expect(page.getByTestId('cycle-deadline')).toContainText('季度结束后 60 个工作日');
  await expect(unitRow(page).getByTestId('report-status')).toHaveAttribute('data-status', 'missing');
  await page.getByTestId('remind-all').click();
  await confirmPopover(page, /催\s*报/);
  await expect(page.getByText(/已提醒 \d+ 个单位的 \d+ 名联络员/)).toBeVisible();
  await logOut(page);

  // The liaison officer follows the reminder from the bell to the unit's page and writes the report.
  await logIn(page, 'cj.liaison');
  const bell = page.getByTestId('notification-bell');
  await expect(bell).not.toHaveAttribute('data-unread', '0');
  await bell.click();
  const reminder = page.getByTestId('notification').filter({ hasText: `${year} 年第 ${quarter} 季度改革工作书面汇报` }).first();
  await expect(reminder).toHaveAttribute('data-read', 'false');
  await reminder.getByTestId('notification-open').click();
  await expect(page).toHaveURL(/\/reports\/my$/);

  const card = page.locator(`[data-testid="my-cycle"][data-period="${year}Q${quarter}"]`);
  await expect(card.getByTestId('report-status')).toHaveAttribute('data-status', 'missing');
  await expect(card.getByTestId('days-left')).toContainText(/距期限还有 \d+ 个工作日/);
  await card.getByTestId('open-my-report').click();
  await page.getByLabel('标题').fill(`${UNIT}${year}年第${quarter}季度改革工作推进落实情况汇报`);
  await page.getByLabel('正文').fill('一、工作推进情况\n本季度牵头推进工程建设项目审批制度改革。\n二、下一步打算\n继续压减审批时限。');
  await page.getByTestId('submit-report').click();
  await confirmPopover(page, /提\s*交/);
  await expect(page.getByTestId('my-report-page').getByTestId('report-status')).toHaveAttribute('data-status', 'submitted');
  await expect(page.getByTestId('timeliness')).toHaveAttribute('data-timeliness', 'on_time');
  await logOut(page);

  // The director reads it and returns it for revision with a reason.
  await logIn(page, 'cj.director');
  await openStatusTable(page);
  await expect(unitRow(page).getByTestId('report-status')).toHaveAttribute('data-status', 'submitted');
  await unitRow(page).getByText(UNIT).click();
  await expect(page.getByTestId('report-page')).toContainText('本季度牵头推进工程建设项目审批制度改革');
  await page.getByTestId('return-report').click();
  const dialog = page.getByRole('dialog', { name: `退回修改：${UNIT}` });
  await dialog.getByRole('button', { name: '退回修改' }).click();
  await expect(dialog).toContainText('请写明退回理由'); // the reason is required
  await dialog.getByLabel('退回理由（联络员将看到）').fill(REASON);
  await dialog.getByRole('button', { name: '退回修改' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('report-page').getByTestId('report-status')).toHaveAttribute('data-status', 'returned');
  await expect(page.getByTestId('history-reason')).toContainText(REASON);
  await logOut(page);

  // The liaison officer sees the reason, revises and resubmits.
  await logIn(page, 'cj.liaison');
  await page.getByRole('menuitem', { name: '本单位季度汇报' }).click();
  await expect(card.getByTestId('report-status')).toHaveAttribute('data-status', 'returned');
  await expect(card.getByTestId('return-reason')).toContainText(REASON);
  await card.getByTestId('open-my-report').click();
  await expect(page.getByTestId('return-reason')).toContainText(REASON);
  const body = page.getByLabel('正文');
  await body.fill(`${await body.inputValue()}\n三、补充数据\n审批时限由 90 个工作日压减至 80 个工作日。`);
  await page.getByTestId('submit-report').click();
  await confirmPopover(page, /重新提交/);
  await expect(page.getByTestId('my-report-page').getByTestId('report-status')).toHaveAttribute('data-status', 'submitted');
  await expect(page.getByTestId('history-event').filter({ hasText: '提交（第 2 稿）' })).toBeVisible();
  await logOut(page);

  // The director accepts; the status table shows the unit's report accepted and on time (judged by the first submission).
  await logIn(page, 'cj.director');
  await openStatusTable(page);
  await unitRow(page).getByText(UNIT).click();
  await expect(page.getByTestId('report-page')).toContainText('压减至 80 个工作日');
  await page.getByTestId('accept-report').click();
  await confirmPopover(page, /审核通过/);
  await expect(page.getByTestId('report-page').getByTestId('report-status')).toHaveAttribute('data-status', 'accepted');
  await expect(page.getByTestId('history-event')).toHaveCount(4);

  await page.getByRole('button', { name: '返回报送情况' }).click();
  const row = unitRow(page);
  await expect(row.getByTestId('report-status')).toHaveAttribute('data-status', 'accepted');
  await expect(row.getByTestId('timeliness')).toHaveText('按时');
  await expect(row.getByTestId('status-light')).toHaveAttribute('data-light', 'green');
  await expect(page.getByTestId('count-accepted')).toContainText('1');
  await expect(page.getByTestId('count-onTime')).toContainText('1');
  await logOut(page);
});
