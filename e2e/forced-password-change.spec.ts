// Journey: the system admin resets a user's password; the one-time password shown once gets the user in,
// every route leads to the password page, the policy's problems are listed, and a good password lands on the roster.
import { expect, test } from '@playwright/test';
import { logIn, logOut } from './support.ts';

test('after a reset the user must change the password before anything else', async ({ page }) => {
  await logIn(page, 'sysadmin');
  await expect(page).toHaveURL(/\/admin\/accounts$/);

  const row = page.locator('tr.ant-table-row').filter({ hasText: 'cj.staff' });
  await row.getByRole('button', { name: '重置密码' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '重置密码' }).click();
  const otpDialog = page.getByRole('dialog', { name: '一次性密码' });
  const oneTimePassword = (await otpDialog.getByTestId('one-time-password').innerText()).trim();
  expect(oneTimePassword).toHaveLength(16);
  await otpDialog.getByRole('button', { name: '我已记下' }).click();
  await expect(row).toContainText('待修改密码');
  await logOut(page);

  await logIn(page, 'cj.staff', oneTimePassword);
  await expect(page).toHaveURL(/\/password$/);
  await expect(page.getByTestId('must-change-password')).toBeVisible();
  // Any other route leads back here.
  await page.goto('/offices/any/roster');
  await expect(page).toHaveURL(/\/password$/);

  await page.getByLabel('当前密码').fill(oneTimePassword);
  await page.getByLabel('新密码', { exact: true }).fill('short');
  await page.getByLabel('确认新密码').fill('short');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  const problems = page.getByTestId('password-error');
  await expect(problems).toContainText('新密码不符合安全策略');
  await expect(problems).toContainText('至少 10 个字符');

  await page.getByLabel('新密码', { exact: true }).fill('Gongzuo-Ping-2027');
  await page.getByLabel('确认新密码').fill('Gongzuo-Ping-2027');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page).toHaveURL(/\/offices\/[^/]+\/roster$/);
  await expect(page.getByTestId('roster-page')).toBeVisible();

  await logOut(page);
  await logIn(page, 'cj.staff', 'Gongzuo-Ping-2027');
  await expect(page).toHaveURL(/\/offices\/[^/]+\/roster$/);
});
