// Journey: a liaison officer reads the roster but has no edit actions, and the API refuses a direct write.
import { expect, test } from '@playwright/test';
import { currentOfficeId, logIn } from './support.ts';

test('a liaison officer sees no edit buttons and a direct POST is refused with FORBIDDEN', async ({ page }) => {
  await logIn(page, 'cj.liaison');
  await expect(page).toHaveURL(/\/offices\/[^/]+\/roster$/);
  await expect(page.getByTestId('roster-warnings')).toBeVisible();
  await expect(page.getByTestId('units-table').locator('tr.ant-table-row')).toHaveCount(20);

  await expect(page.getByRole('button', { name: /任\s*命|免\s*职/ })).toHaveCount(0);
  await expect(page.getByTestId('appoint-any')).toHaveCount(0);

  // The UI hides the buttons; the server is what refuses. Same session, same CSRF token as the app would send.
  const officeId = currentOfficeId(page);
  const answer = await page.evaluate(async (office) => {
    const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
    const res = await fetch(`/api/v1/organization/offices/${office}/people`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({ name: '越权新增' }),
    });
    return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
  }, officeId);
  expect(answer.status).toBe(403);
  expect(answer.body.error?.code).toBe('FORBIDDEN');

  // Nothing was created, and the people page offers no 新增人员 either.
  await page.getByRole('menuitem', { name: '人员' }).click();
  await expect(page.getByTestId('people-page')).toBeVisible();
  await expect(page.getByRole('button', { name: /新增人员/ })).toHaveCount(0);
  await page.getByPlaceholder('按姓名、单位或职务搜索').fill('越权新增');
  await expect(page.locator('tr.ant-table-row')).toHaveCount(0);
});
