// Journey (A1-8): a member unit helps prepare a meeting. The office director drafts a special meeting (he convenes and
// chairs it); before the cut-off the unit's liaison officer proposes two agenda items and uploads the material for one;
// the office puts one on the agenda and rejects the other with a reason; the meeting is then cancelled with a reason,
// which the history keeps.
import { expect, test } from '@playwright/test';
import { logIn, logOut, pickOption } from './support.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const TITLE = '联合验收专题会议（e2e）';
const UNIT = '州发展和改革委员会';
const ACCEPTED = '关于推行联合验收“一口受理”的建议';
const REJECTED = '关于调整投资项目审批权限的建议';

function chinaLocal(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000 + 8 * 3_600_000).toISOString().slice(0, 16);
}
/** Logs out; retried because the user menu's dropdown may still be sliding in when the click lands. */

test('special meeting: a liaison officer proposes items and uploads material, the office accepts one and rejects one, then cancels', async ({ page }) => {
  test.setTimeout(180_000);

  await logIn(page, 'cj.director');
  await page.getByRole('menuitem', { name: /会议$/ }).click();
  await page.getByTestId('new-meeting').click();
  const create = page.getByRole('dialog', { name: '拟定会议' });
  await pickOption(page, create.getByTestId('meeting-kind'), '专题会议');
  await create.getByTestId('meeting-title').fill(TITLE);
  await create.getByTestId('meeting-starts').fill(chinaLocal(5 * 24 * 60));
  await create.getByTestId('meeting-place').fill('州住建局五楼会议室');
  await create.getByTestId('create-meeting-submit').click();
  await expect(page.getByTestId('meeting-title')).toHaveText(TITLE);
  const director = (await page.getByTestId('user-menu').getAttribute('aria-label')) ?? '';
  await expect(page.getByTestId('meeting-chair')).toHaveText(director);
  const meetingUrl = new URL(page.url()).pathname;
  await logOut(page);

  // The liaison officer of 州发展和改革委员会 proposes two items for his unit and uploads the material of one.
  await logIn(page, 'cj.liaison');
  await page.getByRole('menuitem', { name: /会议$/ }).click();
  await pickOption(page, page.getByTestId('filter-kind'), '专题会议');
  await page.getByTestId('meeting-link').filter({ hasText: TITLE }).click();
  await expect(page).toHaveURL(meetingUrl);
  await expect(page.getByTestId('add-item')).toHaveCount(0); // the office drafts the agenda
  for (const title of [ACCEPTED, REJECTED]) {
    await page.getByTestId('propose-item').click();
    const dialog = page.getByRole('dialog', { name: '提出议题' });
    await dialog.getByTestId('item-title').fill(title);
    await expect(dialog.getByTestId('item-unit')).toContainText(UNIT); // his only unit, chosen for him
    await dialog.getByTestId('item-description').fill('建议提请会议研究。');
    await dialog.getByTestId('item-submit').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('agenda-item').filter({ hasText: title })).toHaveAttribute('data-status', 'proposed');
  }
  const accepted = page.getByTestId('agenda-item').filter({ hasText: ACCEPTED });
  await expect(accepted).toContainText(`${UNIT}（`);
  await accepted.locator('input[type=file]').setInputFiles({ name: '联合验收建议.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(accepted.getByTestId('material-link')).toHaveText(/联合验收建议\.pdf/);
  await logOut(page);

  // The office accepts one and rejects the other with a reason.
  await logIn(page, 'cj.director');
  await page.goto(meetingUrl);
  await accepted.getByTestId('accept-item').click();
  await expect(accepted).toHaveAttribute('data-status', 'accepted');
  const rejected = page.getByTestId('agenda-item').filter({ hasText: REJECTED });
  await rejected.getByTestId('reject-item').click();
  const reject = page.getByRole('dialog', { name: `不列入议程：${REJECTED}` });
  await reject.getByTestId('reject-item-input').fill('下次全体会议研究');
  await reject.getByTestId('reject-item-submit').click();
  await expect(reject).toBeHidden();
  await expect(rejected).toHaveAttribute('data-status', 'rejected');
  await expect(rejected).toContainText('下次全体会议研究');

  // The place changes while the meeting is being arranged.
  await page.getByTestId('edit-meeting').click();
  const edit = page.getByRole('dialog', { name: '修改会议信息' });
  await edit.getByTestId('edit-meeting-place').fill('州政务服务中心三楼会议室');
  await edit.getByRole('button', { name: /保\s*存/ }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByTestId('meeting-page')).toContainText('州政务服务中心三楼会议室');

  // Cancelled with a reason: the status, the notice and the history say so.
  await page.getByTestId('cancel-meeting').click();
  const cancel = page.getByRole('dialog', { name: '取消会议' });
  await cancel.getByTestId('cancel-submit').click();
  await expect(cancel).toContainText('请写明原因'); // the reason is required
  await cancel.getByTestId('cancel-input').fill('并入第四季度全体会议');
  await cancel.getByTestId('cancel-submit').click();
  await expect(cancel).toBeHidden();
  await expect(page.getByTestId('meeting-status')).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByText('已取消：并入第四季度全体会议')).toBeVisible();
  await expect(page.locator('[data-testid="history-event"][data-action="cancel"]')).toContainText('并入第四季度全体会议');
  await expect(page.getByTestId('cancel-meeting')).toHaveCount(0);

  // A1-16: the office adapts its meeting rules — special meetings' materials due 5 days before, not the template's.
  await page.goto(meetingUrl.replace(/\/meetings\/[^/]+$/, '/meetings'));
  await page.getByTestId('meeting-rules-link').click();
  await expect(page.getByTestId('rules-source')).toHaveAttribute('data-source', 'default');
  await page.getByTestId('cutoff-special').fill('5');
  await page.getByTestId('save-meeting-rules').click();
  await expect(page.getByTestId('rules-source')).toHaveAttribute('data-source', 'own');
  await page.reload();
  await expect(page.getByTestId('cutoff-special')).toHaveValue('5');
  await logOut(page);
});
