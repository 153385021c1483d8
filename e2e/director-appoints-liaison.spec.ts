// Journey: the office director fixes the A2-2 finding "州气象局有 2 名联络员" by appointing a new liaison officer
// (a person created on the spot) with "end the current holders"; the history keeps both ended appointments.
import { expect, test } from '@playwright/test';
import { chinaDate, logIn, logOut, pickOption } from './support.ts';

test('director appoints a new liaison officer for 州气象局 and the A2-2 warning clears', async ({ page }) => {
  await logIn(page, 'cj.director');
  await expect(page).toHaveURL(/\/offices\/[^/]+\/roster$/);

  const warnings = page.getByTestId('roster-warnings');
  await expect(warnings.getByTestId('roster-warning').filter({ hasText: '州气象局有 2 名联络员' })).toContainText('A2-2');
  await expect(warnings).toContainText('国网昌吉供电公司未确定联络员');

  const unitRow = page.getByTestId('units-table').locator('tr.ant-table-row').filter({ hasText: '州气象局' });
  const liaisons = unitRow.getByTestId('unit-liaisons').getByTestId('roster-person');
  await expect(liaisons).toHaveCount(2);
  await unitRow.getByRole('button', { name: '任命联络员' }).click();

  const dialog = page.getByRole('dialog', { name: '任命联络员：州气象局' });
  await dialog.getByText('新建人员').click();
  await dialog.getByLabel('姓名').fill('江雪莲');
  await dialog.getByLabel('职务（职称）').fill('科长');
  await dialog.getByLabel('手机').fill('13900001234');
  await expect(dialog.getByLabel('任职日期', { exact: true })).toHaveValue(chinaDate());
  await expect(dialog.getByRole('checkbox', { name: /同时结束现任者的任职/ })).toBeChecked();
  await expect(dialog).toContainText('将结束：');
  await dialog.getByRole('button', { name: /任\s*命/ }).click();
  await expect(dialog).toBeHidden();

  // The roster reloads: 州气象局 has one liaison officer, the other finding stays.
  await expect(liaisons).toHaveCount(1);
  await expect(liaisons).toContainText('江雪莲');
  await expect(warnings).not.toContainText('州气象局');
  await expect(warnings.getByTestId('roster-warning').filter({ hasText: '国网昌吉供电公司未确定联络员' })).toHaveAttribute('data-code', 'LIAISON_MISSING');

  // The appointment history keeps the two ended appointments (ended the day before the new one starts).
  await page.getByRole('menuitem', { name: '任免记录' }).click();
  await expect(page).toHaveURL(/\/appointments/);
  await pickOption(page, page.getByTestId('filter-post'), '联络员');
  await pickOption(page, page.getByTestId('filter-unit'), '州气象局');
  const rows = page.getByTestId('appointments-table').locator('tr.ant-table-row');
  await expect(rows).toHaveCount(3);
  const ended = rows.filter({ has: page.locator('[data-testid="appointment-status"][data-state="former"]') });
  await expect(ended).toHaveCount(2);
  for (const row of await ended.all()) await expect(row).toContainText(chinaDate(-1));
  await expect(rows.filter({ hasText: '现任' })).toContainText('江雪莲');

  await logOut(page);
});
