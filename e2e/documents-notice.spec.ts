// Journey (A2-12, issue 6): the office drafts a 通知 with two attachments (their files uploaded with the draft) and
// sends it to sign-off; office staff trying to sign are refused with the rule named (A2-12); the director signs; the
// office gives the number — 昌建审改办〔<year>〕1号, the first of the year: no other journey issues documents for the
// Changji office — issues it (SM3 digest, distributed to the member unit addressed) and downloads the DOCX; the unit's
// liaison officer opens it from 收到的公文, and the director then sees the read receipt in the distribution table.
import { stat } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { chinaDate, confirmPopover, logIn, logOut, pickOption } from './support.ts';

const PDF = (label: string) => Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
const TITLE = '关于进一步做好工程建设项目审批制度改革工作的通知';
const UNIT = '州发展和改革委员会'; // cj.liaison's unit
const NUMBER = `昌建审改办〔${chinaDate().slice(0, 4)}〕1号`;

async function openDocument(page: Page) {
  await page.getByRole('menuitem').filter({ hasText: /^公文$/ }).click();
  await expect(page.getByTestId('documents-page')).toBeVisible();
  await page.getByTestId('document-link').filter({ hasText: TITLE }).click();
  await expect(page.getByTestId('document-page')).toBeVisible();
}

test('notice: draft with two attachments, A2-12 refusal, director signs, 1号, DOCX, the unit reads it, the receipt shows', async ({ page }) => {
  test.setTimeout(180_000);

  // ---- office staff draft the notice ----
  await logIn(page, 'cj.staff');
  await page.getByRole('menuitem').filter({ hasText: /^公文$/ }).click();
  await page.getByTestId('new-document').click();
  await expect(page.getByTestId('document-edit-page')).toBeVisible();
  await expect(page.getByTestId('draft-kind')).toContainText('通知');
  await page.getByTestId('draft-title').fill(TITLE);
  await pickOption(page, page.getByTestId('draft-addressees'), UNIT);
  await page.keyboard.type('各县市（园区）工程建设项目审批制度改革领导小组办公室');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.getByTestId('draft-body').fill('为深入推进工程建设项目审批制度改革，现将有关事项通知如下。\n一、压减审批时限\n各成员单位于年底前完成审批事项清单梳理。\n二、工作要求\n请各单位按附件要求报送材料。');
  for (const [i, title] of ['工程建设项目审批事项清单', '审批时限压减情况统计表'].entries()) {
    await page.getByTestId('add-attachment').click();
    const row = page.getByTestId('attachment-row').nth(i);
    await row.locator('input[type=file]').setInputFiles({ name: `附件${i + 1}.pdf`, mimeType: 'application/pdf', buffer: PDF(title) });
    await expect(row.getByTestId('attachment-picked')).toContainText(`附件${i + 1}.pdf`);
    await row.getByTestId('attachment-title').fill(title);
  }
  await page.getByTestId('draft-copy-to').click();
  await page.keyboard.type('州党委办公室');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.getByTestId('save-draft').click();

  await expect(page.getByTestId('document-page')).toBeVisible();
  await expect(page.getByTestId('document-status')).toHaveAttribute('data-status', 'draft');
  await expect(page.getByTestId('document-attachment')).toHaveCount(2);
  await expect(page.getByTestId('document-attachment').nth(0)).toContainText('附件1.pdf');
  await expect(page.getByTestId('document-attachment').nth(1)).toContainText('审批时限压减情况统计表');
  await expect(page.getByTestId('document-addressees')).toContainText(UNIT);

  await page.getByTestId('submit-document').click();
  await confirmPopover(page, 'submit-confirm');
  await expect(page.getByTestId('document-status')).toHaveAttribute('data-status', 'awaiting_signoff');

  // Office staff may not sign an office document: the server refuses and the page names the rule.
  await page.getByTestId('sign-document').click();
  await page.getByTestId('sign-submit').click();
  await expect(page.getByTestId('sign-error')).toHaveAttribute('data-rule', 'A2-12');
  await expect(page.getByTestId('sign-error')).toContainText('A2-12');
  await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
  await expect(page.getByTestId('document-status')).toHaveAttribute('data-status', 'awaiting_signoff');
  await logOut(page);

  // ---- the director signs ----
  await logIn(page, 'cj.director');
  await openDocument(page);
  await page.getByTestId('sign-document').click();
  await page.getByTestId('sign-input').fill('同意印发');
  await page.getByTestId('sign-submit').click();
  await expect(page.getByTestId('document-status')).toHaveAttribute('data-status', 'signed');
  await expect(page.getByTestId('signer')).toContainText(chinaDate());
  await logOut(page);

  // ---- the office numbers and issues it ----
  await logIn(page, 'cj.staff');
  await openDocument(page);
  await page.getByTestId('number-document').click();
  await confirmPopover(page, 'number-confirm');
  await expect(page.getByTestId('document-number')).toHaveText(NUMBER);
  await page.getByTestId('issue-document').click();
  await confirmPopover(page, 'issue-confirm');
  await expect(page.getByTestId('document-status')).toHaveAttribute('data-status', 'issued');
  await expect(page.getByTestId('document-digest')).toHaveText(/^[0-9a-f]{64}$/);
  await expect(page.getByTestId('distribution-row').filter({ hasText: UNIT })).toHaveAttribute('data-read', 'false');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-docx').click()]);
  expect(download.suggestedFilename()).toBe(`${NUMBER}-${TITLE}.docx`);
  expect((await stat(await download.path())).size).toBeGreaterThan(5_000);

  await page.getByTestId('verify-document').click();
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-ok', 'true');
  await logOut(page);

  // ---- the member unit's liaison officer opens it ----
  await logIn(page, 'cj.liaison');
  await page.getByRole('menuitem').filter({ hasText: /^收到的公文$/ }).click();
  const received = page.getByTestId('received-row').filter({ hasText: TITLE });
  await expect(received).toHaveAttribute('data-read', 'false');
  await received.getByTestId('received-link').click();
  await expect(page.getByTestId('received-document-page')).toBeVisible();
  await expect(page.getByTestId('document-number')).toHaveText(NUMBER);
  await expect(page.getByTestId('read-recorded')).toBeVisible();
  await page.getByRole('button', { name: '收到的公文' }).click();
  await expect(page.getByTestId('received-row').filter({ hasText: TITLE })).toHaveAttribute('data-read', 'true');
  await logOut(page);

  // ---- the director sees the read receipt ----
  await logIn(page, 'cj.director');
  await openDocument(page);
  const row = page.getByTestId('distribution-row').filter({ hasText: UNIT });
  await expect(row).toHaveAttribute('data-read', 'true');
  await expect(row.getByTestId('receipt')).toHaveCount(1);
  await expect(row.getByTestId('receipt')).toContainText(chinaDate());
  await expect(page.getByTestId('document-history').getByTestId('event').last()).toHaveAttribute('data-action', 'read');
});
