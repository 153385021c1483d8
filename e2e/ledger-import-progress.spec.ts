// Journey (A1-6, A1-9, A2-5): the director imports the office's Excel ledger — a dry run lists each row's errors,
// the corrected file passes and is committed with a progress bar —; the liaison officer of 州发展和改革委员会
// reports progress with a PDF on the task their unit leads; the dashboard shows the unit's figure and the update.
import { expect, test, type Browser, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { chinaDate, currentOfficeId, logIn } from './support.ts';

const LEAD_TASK = '推行工程建设项目竣工联合验收';
const OTHER_TASK = '推行区域评估成果共享';

/** A ledger as offices keep it: a title row, the Chinese headers the importer reads, one row per task. */
async function ledgerWorkbook(secondDeadline: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('2026年台账');
  const headers = ['序号', '任务编号', '任务内容', '具体要求或工作措施', '牵头单位', '配合单位', '责任县市', '完成时限', '是否重点任务', '进展情况', '完成进度'];
  ws.getCell('A1').value = '昌吉州工程建设项目审批制度改革重点任务台账';
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getRow(2).values = headers;
  ws.getRow(3).values = [1, 'E2E-01', LEAD_TASK, '统一验收标准，实行一次联合验收', '州发展和改革委员会', '州住房和城乡建设局', null, chinaDate(120), '是', null, null];
  ws.getRow(4).values = [2, 'E2E-02', OTHER_TASK, null, '州自然资源局', null, '昌吉市', secondDeadline, '否', '已完成评估范围划定', 30];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** Each person in their own browser (as in an office: the director and a liaison officer on different PCs). */
async function signedIn(browser: Browser, baseURL: string | undefined, username: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await logIn(page, username);
  return page;
}

/** 本月报送 on the dashboard. */
async function updatesThisMonth(page: Page): Promise<number> {
  await page.getByRole('menuitem', { name: '督办驾驶舱' }).click();
  const stat = page.getByTestId('stat-updates').locator('.ant-statistic-content-value');
  await expect(stat).toBeVisible();
  // The charts are drawn (the page has settled) before anything else is clicked.
  await expect(page.getByTestId('chart-trend').locator('canvas')).toBeVisible();
  return Number(await stat.innerText());
}

test('director imports the ledger (dry run, then commit); the 州发改委 liaison reports progress with evidence and asks for a later deadline; the dashboard shows it; the director approves the extension', async ({ browser, baseURL }) => {
  test.setTimeout(150_000); // two people, four pages, an import job
  const page = await signedIn(browser, baseURL, 'cj.director');
  await page.getByRole('menuitem', { name: '任务台账' }).click();
  await expect(page.getByTestId('ledger-page')).toBeVisible();
  await page.getByTestId('import-excel').click();
  const importPage = page.getByTestId('import-page');
  await expect(importPage).toBeVisible();

  // A dry run of a file with a vague deadline: the row's error is listed, nothing can be committed.
  await importPage.locator('input[type="file"]').setInputFiles({ name: '改革任务台账.xlsx', mimeType: XLSX, buffer: await ledgerWorkbook('长期坚持') });
  const preview = page.getByTestId('import-preview');
  await expect(preview.getByTestId('preview-errors')).toContainText('1 处错误');
  const bad = preview.getByTestId('import-rows').locator('tr.ant-table-row');
  await expect(bad).toHaveCount(1);
  await expect(bad).toContainText('4');
  await expect(bad.getByTestId('row-errors')).toContainText('完成时限：无法识别「长期坚持」');
  await expect(page.getByTestId('import-commit')).toBeDisabled();

  // The corrected file passes every row; committing runs the import job to the end.
  await preview.getByRole('button', { name: '重新选择文件' }).click();
  await importPage.locator('input[type="file"]').setInputFiles({ name: '改革任务台账.xlsx', mimeType: XLSX, buffer: await ledgerWorkbook(chinaDate(150)) });
  await expect(preview.getByTestId('preview-ok')).toBeVisible();
  await expect(preview).toContainText('2 项任务');
  await page.getByTestId('import-commit').click();
  const job = page.getByTestId('import-job');
  await expect(job).toHaveAttribute('data-state', 'succeeded', { timeout: 30_000 });
  await expect(job).toContainText('导入完成：写入 2 项任务');
  // Each row now links to the task it created.
  await expect(preview.getByRole('link', { name: /通过/ })).toHaveCount(2);

  // The ledger lists the imported tasks; a Chinese search finds one by part of its title.
  await page.getByTestId('import-open-ledger').click();
  const search = page.getByPlaceholder('搜索编号、任务内容或措施');
  await search.fill('联合验收');
  await search.press('Enter');
  const rows = page.getByTestId('ledger-table').locator('tr.ant-table-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('E2E-01');
  await expect(rows.first()).toContainText('州发展和改革委员会');
  await expect(rows.first().getByTestId('task-status')).toHaveAttribute('data-status', 'not_started');
  const before = await updatesThisMonth(page);

  // The liaison officer of 州发展和改革委员会 reports on My tasks: text, percent and a PDF, on the same page.
  const liaison = await signedIn(browser, baseURL, 'cj.liaison');
  await liaison.getByRole('menuitem', { name: '我的任务' }).click();
  const card = liaison.getByTestId('my-task').filter({ hasText: LEAD_TASK });
  await expect(card).toContainText('牵头');
  await expect(liaison.getByTestId('my-task').filter({ hasText: OTHER_TASK })).toHaveCount(0);
  await card.getByTestId('report-progress').click();
  await card.getByLabel('完成情况').fill('印发联合验收实施方案，统一验收标准');
  await card.getByLabel('完成度', { exact: true }).fill('40');
  await card.getByLabel('下一步计划').fill('开展首批项目联合验收');
  await card.locator('input[type="file"]').setInputFiles({ name: '联合验收实施方案.pdf', mimeType: 'application/pdf', buffer: PDF });
  await card.getByTestId('progress-submit').click();
  await expect(liaison.getByText('进展已报送')).toBeVisible();
  await expect(card).toContainText(`最近报送 ${chinaDate()}`);
  await expect(card).toContainText('40%');
  await expect(card.getByTestId('task-status')).toHaveAttribute('data-status', 'on_track');

  // The task page shows the update with its evidence in the timeline and in the history.
  await card.getByRole('link', { name: '详情' }).click();
  const update = liaison.getByTestId('progress-update').first();
  await expect(update).toContainText('印发联合验收实施方案');
  await expect(update.getByTestId('update-attachments')).toContainText('联合验收实施方案.pdf');
  await expect(liaison.getByTestId('task-history')).toContainText('上传佐证材料');
  // The liaison opens the evidence again: the file comes back byte for byte through the unit's own route.
  const link = update.getByTestId('update-attachments').getByRole('link', { name: /联合验收实施方案\.pdf/ });
  const evidence = await liaison.request.get(new URL((await link.getAttribute('href'))!, baseURL).toString());
  expect(evidence.status()).toBe(200);
  expect(Buffer.from(await evidence.body()).equals(PDF)).toBe(true);
  // A later deadline: the lead unit asks before the deadline, with a reason; the office decides.
  const taskId = await liaison.getByTestId('task-page').getAttribute('data-task-id');
  await liaison.getByTestId('request-extension').click();
  const ask = liaison.getByRole('dialog', { name: '申请延期' });
  await ask.getByTestId('extension-date').fill(chinaDate(200));
  await ask.getByLabel('延期理由').fill('需等待自治区联合验收系统升级后统一验收');
  await ask.getByRole('button', { name: '申请延期' }).click();
  await expect(liaison.getByTestId('extension')).toHaveAttribute('data-state', 'pending');
  await expect(liaison.getByTestId('task-history')).toContainText('申请延期');
  await liaison.context().close();

  // The director's dashboard: the unit's bar at 40 % and one more update this month.
  await page.reload();
  expect(await updatesThisMonth(page)).toBe(before + 1);
  await expect(page.getByTestId('chart-by-unit')).toHaveAttribute('aria-label', /州发展和改革委员会 40%/);
  await expect(page.getByTestId('chart-by-unit').locator('canvas')).toBeVisible();

  // The ledger tells the director a request waits; its link opens the task, where he approves: the deadline moves.
  await page.goto(`/offices/${currentOfficeId(page)}/ledger`);
  await expect(page.getByTestId('pending-extensions')).toContainText('1 项延期申请待审批');
  await page.getByTestId('pending-extensions').getByRole('link').click();
  await expect(page.getByTestId('task-page')).toHaveAttribute('data-task-id', taskId!);
  await page.getByTestId('approve-extension').click();
  const approve = page.getByRole('dialog', { name: '批准延期' });
  await approve.getByLabel('审批意见').fill('同意延期');
  await approve.getByRole('button', { name: '批准延期' }).click();
  await expect(page.getByTestId('extension')).toHaveAttribute('data-state', 'approved');
  await expect(page.getByTestId('task-page')).toContainText(chinaDate(200));

  // 本期变化 on the dashboard: this month the task was created, reported on (no figure before, 40 % now) and extended.
  await page.getByRole('menuitem', { name: '督办驾驶舱' }).click();
  const changes = page.getByTestId('changes-card');
  await expect(changes.getByTestId('changes-count-extended')).not.toHaveText('延期 0');
  const row = changes.getByTestId('changes-table').getByRole('row').filter({ hasText: LEAD_TASK });
  await expect(row).toContainText('新增');
  await expect(row).toContainText('报送进展 1 次');
  await expect(row).toContainText('延期');
  await expect(row).toContainText('— → 40%');
  await page.context().close();
});
