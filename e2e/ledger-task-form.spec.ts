// Journey: the director changes a task's lead unit to one of its cooperating units; the form takes that unit out of
// the cooperating units as it is chosen (a unit leads a task or cooperates on it, never both: the server and the
// database hold to the same), on a desktop and on a phone, and the saved task page shows the result.
import { expect, test } from '@playwright/test';
import { logIn, pickOption } from './support.ts';

for (const width of [1366, 390]) {
  test(`a new lead unit leaves the cooperating units in the task form (${width} px)`, async ({ browser, baseURL }) => {
    const ctx = await browser.newContext({ baseURL, viewport: { width, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await ctx.newPage();
    await page.goto('/');
    await logIn(page, 'cj.director');
    const office = page.url().match(/offices\/([^/]+)/)![1]!;
    // The task itself is set up through the API (the ledger journey covers creating tasks through an import).
    const task = await page.evaluate(async ({ o, title }) => {
      const units = (await (await fetch(`/api/v1/organization/offices/${o}/units`)).json()).items as Array<{ id: string; name: string }>;
      const id = (n: string) => units.find((u) => u.name === n)!.id;
      const { csrfToken } = await (await fetch('/api/v1/auth/session')).json();
      const res = await fetch(`/api/v1/ledger/offices/${o}/tasks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
        body: JSON.stringify({ title, leadUnitId: id('州发展和改革委员会'), cooperatingUnitIds: [id('州自然资源局'), id('州住房和城乡建设局')], deadline: '2027-01-15' }),
      });
      return { status: res.status, id: (await res.json()).id as string };
    }, { o: office, title: `调整牵头单位（${width}）` });
    expect(task.status).toBe(201);

    await page.goto(`/offices/${office}/ledger/tasks/${task.id}`);
    await page.getByTestId('edit-task').click();
    const cooperating = page.getByTestId('task-cooperating-units');
    await expect(cooperating).toContainText('州自然资源局');
    await pickOption(page, page.getByTestId('task-lead-unit'), '州自然资源局');
    await expect(cooperating).not.toContainText('州自然资源局');
    await expect(cooperating).toContainText('州住房和城乡建设局');
    // the cooperating list offers every unit but the lead
    await cooperating.click();
    await page.keyboard.type('州自然资源局');
    await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^州自然资源局$/ })).toHaveCount(0);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await expect(page.getByRole('dialog')).toBeHidden();

    const saved = await page.evaluate(async ({ o, id }) => (await fetch(`/api/v1/ledger/offices/${o}/tasks/${id}`)).json(), { o: office, id: task.id });
    expect(saved.leadUnitName).toBe('州自然资源局');
    expect(saved.cooperatingUnits.map((u: { name: string }) => u.name)).toEqual(['州住房和城乡建设局']);
    await expect(page.getByTestId('task-page')).toContainText('州自然资源局');
    await ctx.close();
  });
}
