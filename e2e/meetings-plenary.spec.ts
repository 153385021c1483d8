// Journey (A1-8): the office drafts a plenary with two agenda items (one with its material), the chair is the leader
// (a deputy leader without a delegation is refused, the article named), attendance is taken — the leader signs in
// himself from a phone, the office records a leave and signs in others —, the meeting is held, the minutes record the
// speakers and two decisions, the leader (the chair) approves them, the office archives them (SM3 digest, DOCX and
// PDF) and one decision becomes a ledger task whose page opens.
//
// The app runs on the real clock: the meeting starts ten minutes ago, so it can be held today and the leader is inside
// the sign-in window (from two hours before the start).
import { expect, test, type Locator, type Page } from '@playwright/test';
import { chinaDate, confirmPopover, logIn, logOut, pickOption } from './support.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const TITLE = '工程建设项目审批制度改革领导小组全体会议（e2e）';
const ITEM1 = '关于工程建设项目审批时限压缩情况的汇报';
const ITEM2 = '关于“多规合一”业务协同平台建设的汇报';
const DECISION1 = '各成员单位于一个月内完成审批事项清单梳理，做到应减尽减';
const DECISION2 = '州自然资源局牵头建成“多规合一”业务协同平台并上线运行';

/** A `datetime-local` value in China time, `minutes` from now. */
function chinaLocal(minutes: number): string {
  const d = new Date(Date.now() + minutes * 60_000 + 8 * 3_600_000);
  return d.toISOString().slice(0, 16);
}
/**
 * Logs out. The user menu's dropdown is still sliding in when the click lands on a busy page (the meeting page reloads
 * after an action), and the click then misses 退出登录: open it again and retry until the login page shows.
 */
/** pickOption, again if the choice did not take (a dropdown of the previous dialog may still be closing). */
async function choose(page: Page, select: Locator, label: string) {
  await expect(async () => {
    if (!((await select.textContent()) ?? '').includes(label)) await pickOption(page, select, label);
    await expect(select).toContainText(label, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

test('plenary: agenda, chair, attendance and sign-in, minutes with two decisions, chair review, archive, decision → ledger task', async ({ page }) => {
  test.setTimeout(240_000);

  // ---- the office drafts the plenary ----
  await logIn(page, 'cj.director');
  await page.getByRole('menuitem', { name: /会议$/ }).click();
  await expect(page.getByTestId('meetings-page')).toBeVisible();
  await page.getByTestId('new-meeting').click();
  const create = page.getByRole('dialog', { name: '拟定会议' });
  await expect(create.getByTestId('meeting-kind')).toContainText('全体会议');
  await create.getByTestId('meeting-title').fill(TITLE);
  await create.getByTestId('meeting-starts').fill(chinaLocal(-10));
  await create.getByTestId('meeting-ends').fill(chinaLocal(110));
  await create.getByTestId('meeting-place').fill('州政府三楼第一会议室');
  await create.getByTestId('create-meeting-submit').click();
  await expect(page.getByTestId('meeting-page')).toBeVisible();
  await expect(page.getByTestId('meeting-title')).toHaveText(TITLE);
  await expect(page.getByTestId('meeting-status')).toHaveAttribute('data-status', 'planned');
  const meetingUrl = new URL(page.url()).pathname;

  // The chair: a deputy leader without a delegation is refused with the article; the leader is set.
  const chairSelect = page.getByTestId('chair-select');
  await chairSelect.click();
  await page.keyboard.type('副组长');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /（副组长）$/ }).first().click();
  await page.getByTestId('set-chair').click();
  await expect(page.getByTestId('chair-error')).toHaveAttribute('data-rule', 'A1-8');
  await expect(page.getByTestId('chair-error')).toContainText('只有组长或经其委托的副组长可以主持全体会议');
  await chairSelect.click();
  await page.keyboard.type('（组长）');
  const leaderOption = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /（组长）$/ });
  const leaderName = ((await leaderOption.textContent()) ?? '').replace(/（组长）$/, '');
  expect(leaderName).not.toBe('');
  await leaderOption.click();
  await page.getByTestId('set-chair').click();
  await expect(page.getByTestId('chair-error')).toBeHidden();
  await expect(page.getByTestId('meeting-chair')).toHaveText(leaderName);

  // Two agenda items with their presenting units; the first one's material.
  for (const [title, unit, description] of [
    [ITEM1, '州发展和改革委员会', '汇报全州审批时限压缩至90个工作日以内的推进情况'],
    [ITEM2, '州自然资源局', '汇报平台建设进度与自治区系统对接情况'],
  ] as const) {
    await page.getByTestId('add-item').click();
    const dialog = page.getByRole('dialog', { name: '添加议题' });
    await dialog.getByTestId('item-title').fill(title);
    await choose(page, dialog.getByTestId('item-unit'), unit);
    await dialog.getByTestId('item-description').fill(description);
    await dialog.getByTestId('item-submit').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('agenda-item').filter({ hasText: title })).toContainText(unit);
  }
  const item1 = page.getByTestId('agenda-item').filter({ hasText: ITEM1 });
  await item1.locator('input[type=file]').setInputFiles({ name: '审批时限压缩情况汇报.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(item1.getByTestId('material-link')).toHaveText(/审批时限压缩情况汇报\.pdf/);
  await expect(page.getByTestId('download-pack')).toHaveAttribute('href', /\/pack$/);
  // The order can change: the second item up, then back down (the numbering follows).
  const items = page.getByTestId('agenda-item');
  await items.filter({ hasText: ITEM2 }).getByTestId('move-up').click();
  await expect(items.first()).toContainText(`1. ${ITEM2}`);
  await items.filter({ hasText: ITEM2 }).getByTestId('move-down').click();
  await expect(items.first()).toContainText(`1. ${ITEM1}`);

  // Attendance: every leading-group member by rule, and an observer from the region.
  await page.getByTestId('invite-defaults').click();
  await expect(page.getByTestId('attendance-summary')).toContainText(/应到 \d+ 人/);
  await page.getByTestId('add-observer').click();
  const observer = page.getByRole('dialog', { name: '增加列席人员' });
  await observer.getByTestId('attendee-name-input').fill('马建军');
  await observer.getByTestId('attendee-title-input').fill('自治区住房和城乡建设厅工程处');
  await observer.getByTestId('attendee-submit').click();
  await expect(observer).toBeHidden();
  const rows = page.getByTestId('attendance-table').locator('tr.ant-table-row');
  await expect(rows.filter({ hasText: '马建军' })).toContainText('列席');

  // One member is on leave, with the reason, recorded by the office.
  const onLeave = rows.filter({ hasText: '州财政局' }).first();
  await onLeave.getByTestId('record-response').click();
  const answer = page.getByRole('dialog', { name: /^回执：/ });
  await answer.getByText('请假', { exact: true }).click();
  await answer.getByLabel('请假事由').fill('赴自治区参加培训');
  await answer.getByTestId('answer-submit').click();
  await expect(answer).toBeHidden();
  await expect(onLeave.getByTestId('attendee-response')).toHaveAttribute('data-response', 'on_leave');

  await page.getByTestId('send-notice').click();
  await confirmPopover(page, /发出会议通知/);
  await expect(page.getByTestId('meeting-status')).toHaveAttribute('data-status', 'notice_sent');
  await logOut(page);

  // ---- the leader signs in himself, on his phone ----
  await page.setViewportSize({ width: 390, height: 844 });
  await logIn(page, 'cj.leader');
  await page.goto(meetingUrl.replace(/\/[^/]+$/, ''));
  await page.getByTestId('filter-mine').getByText('我参加的').click();
  await page.getByTestId('meeting-link').filter({ hasText: TITLE }).click();
  await expect(page.getByTestId('meeting-title')).toHaveText(TITLE);
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('sign-in')).toBeHidden();
  await expect(page.getByTestId('attendance-summary')).toHaveAttribute('data-signed-in', '1');
  await logOut(page);
  await page.setViewportSize({ width: 1280, height: 800 });

  // ---- the office signs in the others present and records the meeting as held ----
  await logIn(page, 'cj.director');
  await page.goto(meetingUrl);
  await expect(rows.filter({ hasText: leaderName }).getByTestId('signed-in')).toContainText('本人');
  for (const name of ['马建军']) await rows.filter({ hasText: name }).getByTestId('sign-in-for').click();
  await expect(rows.filter({ hasText: '马建军' }).getByTestId('signed-in')).toContainText('办公室代签');
  for (let i = 0; i < 3; i++) {
    await rows.filter({ has: page.getByTestId('sign-in-for') }).filter({ hasNotText: '州财政局' }).first().getByTestId('sign-in-for').click();
    await expect(page.getByTestId('attendance-summary')).toHaveAttribute('data-signed-in', String(3 + i));
  }
  await page.getByTestId('hold').click();
  await confirmPopover(page, /登记已召开/);
  await expect(page.getByTestId('meeting-status')).toHaveAttribute('data-status', 'held');

  // ---- minutes: a copy of the agenda; speakers' main points and two decisions ----
  await page.getByTestId('draft-minutes').click();
  await expect(page.getByTestId('minutes-editor')).toBeVisible();
  await expect(page.getByTestId('minutes-status')).toHaveAttribute('data-status', 'draft');
  await expect(page.getByTestId('minutes-chair')).toHaveValue(leaderName);
  await expect(page.getByTestId('attendance-present')).toContainText(leaderName);
  await expect(page.getByTestId('minutes-attendance')).toContainText('赴自治区参加培训');
  const topics = page.getByTestId('minutes-topic');
  await expect(topics).toHaveCount(2);
  await expect(topics.nth(0).getByTestId('topic-title')).toHaveValue(ITEM1);
  await expect(topics.nth(1).getByTestId('topic-title')).toHaveValue(ITEM2);
  // The signed attendance sheet goes with the minutes (digested and frozen with them at archiving).
  await page.getByTestId('minutes-files').locator('input[type=file]').setInputFiles({ name: '会议签到表.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(page.getByTestId('minutes-file')).toContainText('会议签到表.pdf');
  const decisions: Array<[number, string, string, string, string]> = [
    [0, '审批时限压缩要以企业感受为准，不搞体外循环。', DECISION1, '州发展和改革委员会', chinaDate(30)],
    [1, '平台已完成与自治区系统对接测试。', DECISION2, '州自然资源局', chinaDate(60)],
  ];
  for (const [i, points, text, unit, deadline] of decisions) {
    const topic = topics.nth(i);
    await topic.getByTestId('topic-summary').fill(`${unit}作了汇报。`);
    await topic.getByTestId('add-speaker').click();
    await topic.getByTestId('speaker-name').fill(i === 0 ? leaderName : '州自然资源局局长');
    await topic.getByTestId('speaker-points').fill(points);
    await topic.getByTestId('add-decision').click();
    await topic.getByTestId('decision-text').fill(text);
    await choose(page, topic.getByTestId('decision-owner'), unit);
    await topic.getByTestId('decision-deadline').fill(deadline);
  }
  await page.getByTestId('submit-minutes').click();
  await expect(page.getByText('已保存，请主持人审核')).toBeVisible();
  await logOut(page);

  // ---- the chair (the leader) reviews ----
  await logIn(page, 'cj.leader');
  await page.goto(meetingUrl);
  await page.getByTestId('open-minutes').click();
  await expect(page.getByTestId('minutes-page')).toHaveAttribute('data-status', 'draft');
  await expect(page.getByTestId('decision')).toHaveCount(2);
  // First he sends it back with a comment; the office revises and submits again.
  await page.getByTestId('return-minutes').click();
  const back = page.getByRole('dialog', { name: '退回修改（附意见）' });
  await back.getByTestId('return-input').fill('请补充发言人单位');
  await back.getByTestId('return-submit').click();
  await expect(back).toBeHidden();
  await expect(page.getByTestId('minutes-return-reason')).toContainText('请补充发言人单位');
  await logOut(page);
  await logIn(page, 'cj.director');
  await page.goto(`${meetingUrl}/minutes`);
  await expect(page.getByTestId('minutes-return-reason')).toContainText('请补充发言人单位');
  await page.getByTestId('minutes-topic').nth(0).getByLabel('发言人单位').fill('州人民政府');
  await page.getByTestId('submit-minutes').click();
  await expect(page.getByText('已保存，请主持人审核')).toBeVisible();
  await logOut(page);
  await logIn(page, 'cj.leader');
  await page.goto(`${meetingUrl}/minutes`);
  await expect(page.getByTestId('speaker-point').first()).toContainText('州人民政府');
  await page.getByTestId('review-minutes').click();
  await confirmPopover(page, /审核通过/);
  await expect(page.getByTestId('minutes-status')).toHaveAttribute('data-status', 'reviewed');
  await logOut(page);

  // ---- the office archives: frozen, numbered, SM3 digest, DOCX and PDF ----
  await logIn(page, 'cj.director');
  await page.goto(`${meetingUrl}/minutes`);
  await page.getByTestId('archive-minutes').click();
  await confirmPopover(page, /存档备查/);
  await expect(page.getByTestId('minutes-status')).toHaveAttribute('data-status', 'archived');
  await expect(page.getByTestId('minutes-number')).toHaveText('第1期');
  await expect(page.getByTestId('minutes-digest')).toHaveText(/^[0-9a-f]{64}$/);
  await expect(page.getByTestId('minutes-editor')).toHaveCount(0);
  await expect(page.getByTestId('minutes-file')).toContainText('会议签到表.pdf');
  await expect(page.getByTestId('minutes-file').getByRole('button')).toHaveCount(0); // frozen: nothing to remove
  for (const [id, type] of [['minutes-docx', 'wordprocessingml'], ['minutes-pdf', 'application/pdf']] as const) {
    const href = await page.getByTestId(id).getAttribute('href');
    const res = await page.request.get(href!);
    expect(res.status(), id).toBe(200);
    expect(res.headers()['content-type']).toContain(type);
  }

  await page.getByTestId('verify-minutes').click();
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-ok', 'true');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('verify-result')).toBeHidden();

  // ---- decision 1 is recorded as carried out; decision 2 becomes a ledger task ----
  const first = page.getByTestId('decision').filter({ hasText: DECISION1 });
  await first.getByTestId('decision-complete').click();
  const complete = page.getByRole('dialog', { name: '登记办结：第1项决定' });
  await complete.getByLabel('办结情况（可不填）').fill('已印发审批事项清单');
  await complete.getByRole('button', { name: '登记办结' }).click();
  await expect(complete).toBeHidden();
  await expect(first).toContainText('已办结');
  await expect(first.getByTestId('decision-complete')).toHaveCount(0);

  const second = page.getByTestId('decision').filter({ hasText: DECISION2 });
  await expect(second).toContainText('第2项决定');
  await second.getByTestId('decision-to-task').click();
  await confirmPopover(page, /转为任务/);
  const link = second.getByTestId('decision-task-link');
  await expect(link).toBeVisible();
  await expect(second.getByTestId('decision-to-task')).toHaveCount(0);
  await link.click();
  await expect(page.getByTestId('task-page')).toBeVisible();
  await expect(page.getByTestId('task-heading')).toContainText(DECISION2);
  await expect(page.getByTestId('task-page')).toContainText('州自然资源局');

  // ---- cadence: this quarter's plenary is held, chaired by the leader; a second one needs a proposer (A1-8) ----
  await page.getByRole('menuitem', { name: /会议制度执行$/ }).click();
  const plenary = page.locator('[data-testid="compliance-series"][data-kind="plenary"]');
  const quarter = `${chinaDate().slice(0, 4)}-Q${Math.floor((Number(chinaDate().slice(5, 7)) - 1) / 3) + 1}`;
  const row = plenary.locator('tr.ant-table-row').filter({ hasText: quarter });
  await expect(row.getByTestId('period-state')).toHaveAttribute('data-state', 'held');
  await expect(row).toContainText(leaderName);
  // The same page in English (the language switch), then back.
  await page.getByTestId('language-switch').click();
  await expect(page.getByRole('heading', { name: 'Meeting cadence compliance' })).toBeVisible();
  await expect(row.getByTestId('period-state')).toHaveText('Held');
  await page.getByTestId('language-switch').click();
  await expect(page.getByRole('heading', { name: '会议制度执行情况' })).toBeVisible();
  await page.getByRole('menuitem', { name: /会议$/ }).click();
  await page.getByTestId('new-meeting').click();
  await create.getByTestId('meeting-title').fill('全体会议（增开）');
  await create.getByTestId('meeting-starts').fill(chinaLocal(60));
  await create.getByTestId('meeting-place').fill('州政府');
  await create.getByTestId('create-meeting-submit').click();
  await expect(create.getByTestId('create-meeting-error')).toHaveAttribute('data-rule', 'A1-8');
  await expect(create.getByTestId('create-meeting-error')).toContainText('增开须由组长或副组长提议');
  await create.getByRole('button', { name: /取\s*消/ }).click();

  // ---- 勘误: the archived minutes stay as they are; a correction is a new record linked to them ----
  await page.goto(`${meetingUrl}/minutes`);
  await page.getByTestId('correct-minutes').click();
  await page.getByTestId('correct-input').fill('第二项决定的责任单位表述有误');
  await page.getByTestId('correct-submit').click();
  await expect(page.getByTestId('correction-of')).toContainText('第二项决定的责任单位表述有误');
  await expect(page.getByTestId('minutes-status')).toHaveAttribute('data-status', 'draft');
  await expect(page.getByTestId('minutes-editor')).toBeVisible();
  await page.getByTestId('correction-of').getByRole('link', { name: '查看原纪要' }).click();
  await expect(page.getByTestId('minutes-status')).toHaveAttribute('data-status', 'archived');
  await expect(page.getByTestId('correction-link')).toHaveCount(1);
  await logOut(page);
});
