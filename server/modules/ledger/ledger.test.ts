import { afterAll, beforeAll, expect, it } from 'vitest';
import * as updateDaysMigration from '../../db/migrations/20261205090000_create_update_day_counts.ts';
import { createJobRunner, ledgerJobs } from '../../platform/jobs.ts';
import { createTestContext, describeEachDb, login, type Agent, type TestContext } from '../../test/harness.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
function multipart(filename: string, data: Buffer) {
  const b = '----ro-ledger';
  return { body: Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`), data, Buffer.from(`\r\n--${b}--\r\n`)]), contentType: `multipart/form-data; boundary=${b}` };
}

describeEachDb('reform work ledger (A1-6, A1-7, A2-4, A2-5, A1-9)', (dialect) => {
  let t: TestContext;
  let director: Agent;
  let base: string;
  let units: Array<{ id: string; name: string }>;
  let liaisonUnit: string;
  let parentId: string;
  const unit = (name: string) => units.find((u) => u.name === name)!.id;

  beforeAll(async () => {
    t = await createTestContext(dialect, { now: '2026-09-01T02:00:00.000Z' });
    director = await login(t.app, 'cj.director');
    base = `/api/v1/ledger/offices/${t.offices['昌吉州']}`;
    units = (await director.get(`/api/v1/organization/offices/${t.offices['昌吉州']}/units`)).json().items;
    liaisonUnit = (await (await login(t.app, 'cj.liaison')).get('/api/v1/auth/session')).json().posts.find((p: { post: string }) => p.post === 'liaison_officer').unitId;
  });
  afterAll(() => t.close());

  it('A1-6: the office divides a task among units and pushes it down to two counties; each county ledger gets a linked task', async () => {
    const res = await director.post(`${base}/tasks`, {
      title: '压缩工程建设项目审批时限至90个工作日以内', description: '全流程审批时限压缩', source: { type: 'plan_clause', label: '实施方案 二、(一)' },
      leadUnitId: liaisonUnit, cooperatingUnitIds: [unit('州自然资源局'), unit('州住房和城乡建设局')], countyOfficeIds: [t.offices['昌吉市'], t.offices['阜康市']],
      deadline: '2026-10-20', keyTask: true, milestones: [{ title: '制定压缩方案', dueDate: '2026-09-15' }],
    });
    expect(res.statusCode).toBe(201);
    const task = res.json();
    parentId = task.id;
    expect(task).toMatchObject({ code: '2026-01', status: 'not_started', keyTask: true, atRiskFrom: '2026-09-30' });
    expect(task.cooperatingUnits.map((u: { name: string }) => u.name)).toEqual(['州自然资源局', '州住房和城乡建设局']);
    expect(task.counties.map((c: { officeName: string }) => c.officeName).sort()).toEqual(['昌吉市', '阜康市'].sort());
    const countyStaff = await login(t.app, 'cjs.staff');
    const countyLedger = (await countyStaff.get(`/api/v1/ledger/offices/${t.offices['昌吉市']}/tasks?level=all`)).json();
    expect(countyLedger.total).toBe(1);
    expect(countyLedger.items[0]).toMatchObject({ code: '2026-01', originTaskId: task.id, leadUnitId: null, depth: 0 });
    // the prefecture ledger list shows its own tasks only
    expect((await director.get(`${base}/tasks`)).json().total).toBe(1);
  });

  it('A1-7: county progress rolls up into the prefecture task (weighted; a county with no figure does not drag it down)', async () => {
    const county = `/api/v1/ledger/offices/${t.offices['昌吉市']}`;
    const countyStaff = await login(t.app, 'cjs.staff');
    const copy = (await countyStaff.get(`${county}/tasks?level=all`)).json().items[0];
    const countyUnits = (await countyStaff.get(`/api/v1/organization/offices/${t.offices['昌吉市']}/units`)).json().items;
    const patched = await countyStaff.patch(`${county}/tasks/${copy.id}`, { leadUnitId: countyUnits[0].id }, { 'if-match': `"v${copy.version}"` });
    expect(patched.statusCode).toBe(200);
    const up = await countyStaff.post(`${county}/tasks/${copy.id}/updates`, { doneText: '已完成方案起草', percent: 60 });
    expect(up.statusCode).toBe(201);
    const parent = (await director.get(`${base}/tasks/${parentId}`)).json();
    expect(parent.percent).toBe(60);
    expect(parent.rollup.used).toEqual([{ id: copy.id, percent: 60, weight: 1 }]);
    expect(parent.counties.find((c: { officeName: string }) => c.officeName === '昌吉市')).toMatchObject({ percent: 60, status: 'on_track' });
    // the prefecture reads the county ledger but cannot write in it
    expect((await director.get(`${county}/tasks/${copy.id}`)).statusCode).toBe(200);
    expect((await director.post(`${county}/tasks/${copy.id}/updates`, { doneText: 'x' })).statusCode).toBe(403);
  });

  it('A1-9: a liaison officer sees only their unit\'s tasks and reports progress with evidence; another unit gets 404', async () => {
    const liaison = await login(t.app, 'cj.liaison');
    const other = await director.post(`${base}/tasks`, { title: '推行区域评估', leadUnitId: unit('州自然资源局'), deadline: '2026-12-31' });
    expect(other.statusCode).toBe(201);
    const mine = (await liaison.get(`${base}/my/tasks`)).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([parentId]);
    expect((await liaison.get(`${base}/my/tasks/${other.json().id}`)).statusCode).toBe(404);
    expect((await liaison.post(`${base}/tasks/${other.json().id}/updates`, { doneText: '越权' })).statusCode).toBe(404);
    expect((await liaison.get(`${base}/tasks`)).statusCode).toBe(403);
    // the prefecture task has children (county copies): its percent is rolled up, the lead unit's update is recorded
    const u = await liaison.post(`${base}/tasks/${parentId}/updates`, { doneText: '召开联审会议', nextSteps: '印发方案', problems: '部分县市数据未报', percent: 50 });
    expect(u.statusCode).toBe(201);
    expect(u.json()).toMatchObject({ unitId: liaisonUnit, percent: 50, state: 'submitted' });
    const file = multipart('联审会议纪要.pdf', PDF);
    const att = await liaison.request('POST', `${base}/tasks/${parentId}/updates/${u.json().id}/attachments`, file.body, { 'content-type': file.contentType });
    expect(att.statusCode).toBe(201);
    expect(att.json().attachments[0].filename).toBe('联审会议纪要.pdf');
    const detail = (await liaison.get(`${base}/my/tasks/${parentId}`)).json();
    expect(detail.updates[0].attachments).toHaveLength(1);
    // the unit downloads its own evidence (it has no ledger.read); through another unit's task nothing is revealed
    const fileId = detail.updates[0].attachments[0].id;
    const dl = await liaison.get(`${base}/my/tasks/${parentId}/updates/${u.json().id}/attachments/${fileId}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(PDF)).toBe(true);
    expect(dl.headers['content-disposition']).toContain(encodeURIComponent('联审会议纪要.pdf'));
    expect((await liaison.get(`${base}/tasks/${parentId}/updates/${u.json().id}/attachments/${fileId}`)).statusCode).toBe(403);
    expect((await liaison.get(`${base}/my/tasks/${other.json().id}/updates/${u.json().id}/attachments/${fileId}`)).statusCode).toBe(404);
    expect(detail.percent).toBe(60);
    expect(detail.abilities).toEqual(['update', 'request_extension']); // the lead unit (A1-9)
    expect(detail.history.map((h: { title: string }) => h.title)).toEqual(expect.arrayContaining(['创建任务 / Task created', '报送进展 / Progress reported', '上传佐证材料 / Evidence uploaded']));
  });

  it('A1-6: status is derived from dates and figures — at risk within 10 working days, a missed milestone, overdue — and filterable', async () => {
    const leaf = await director.post(`${base}/tasks`, { title: '工程建设项目审批管理系统与投资项目在线审批监管平台对接', leadUnitId: unit('州政务服务和公共资源交易管理局'), deadline: '2026-10-20' });
    const id = leaf.json().id;
    expect(leaf.json().status).toBe('not_started');
    const liaisonless = await director.post(`${base}/tasks/${id}/updates`, { doneText: '完成接口联调', percent: 40 });
    expect(liaisonless.statusCode).toBe(201);
    expect((await director.get(`${base}/tasks/${id}`)).json().status).toBe('on_track');
    t.clock.set('2026-09-30T02:00:00.000Z');
    let d = await login(t.app, 'cj.director');
    expect((await d.get(`${base}/tasks/${id}`)).json().status).toBe('at_risk');
    expect((await d.get(`${base}/tasks?status=at_risk`)).json().items.map((i: { id: string }) => i.id)).toContain(id);
    // the first task's milestone (2026-09-15) was missed: at risk too
    expect((await d.get(`${base}/tasks/${parentId}`)).json()).toMatchObject({ status: 'at_risk', milestones: [{ missed: true }] });
    t.clock.set('2026-10-21T02:00:00.000Z');
    d = await login(t.app, 'cj.director');
    expect((await d.get(`${base}/tasks/${id}`)).json().status).toBe('overdue');
    const v = (await d.get(`${base}/tasks/${id}`)).json().version;
    const done = await d.post(`${base}/tasks/${id}/confirm-done`, { note: '对接完成' }, { 'if-match': `"v${v}"` });
    expect(done.json()).toMatchObject({ status: 'done', doneByName: expect.any(String) });
    expect((await d.post(`${base}/tasks/${id}/cancel`, { reason: 'x' }, { 'if-match': `"v${done.json().version}"` })).statusCode).toBe(409);
    expect((await d.get(`${base}/tasks?status=done`)).json().items.map((i: { id: string }) => i.id)).toEqual([id]);
  });

  it('Chinese text search finds substrings on both databases (bigram index + exact match)', async () => {
    director = await login(t.app, 'cj.director');
    expect((await director.get(`${base}/tasks?q=${encodeURIComponent('审批时限')}`)).json().items.map((i: { title: string }) => i.title)).toEqual(['压缩工程建设项目审批时限至90个工作日以内']);
    expect((await director.get(`${base}/tasks?q=${encodeURIComponent('时限审批')}`)).json().total).toBe(0);
    expect((await director.get(`${base}/tasks?q=${encodeURIComponent('对接')}`)).json().total).toBe(1);
    expect((await director.get(`${base}/tasks?q=${encodeURIComponent('区')}`)).json().total).toBe(1);
    expect((await director.get(`${base}/tasks?q=2026-01`)).json().total).toBe(1);
  });

  it('concurrent edits of one task: one wins, the others get 412; the office returns an update and the figure falls back', async () => {
    t.clock.set('2026-10-22T02:00:00.000Z');
    const d = await login(t.app, 'cj.director');
    const task = (await d.post(`${base}/tasks`, { title: '并发测试任务', leadUnitId: unit('州财政局'), deadline: '2026-12-31' })).json();
    const rs = await Promise.all(['甲', '乙', '丙'].map((x) => d.patch(`${base}/tasks/${task.id}`, { title: `并发测试任务${x}` }, { 'if-match': `"v${task.version}"` })));
    expect(rs.map((r) => r.statusCode).sort()).toEqual([200, 412, 412]);
    const u1 = (await d.post(`${base}/tasks/${task.id}/updates`, { doneText: '第一次', percent: 30, reportedOn: '2026-10-20' })).json();
    const u2 = (await d.post(`${base}/tasks/${task.id}/updates`, { doneText: '第二次', percent: 70 })).json();
    expect((await d.get(`${base}/tasks/${task.id}`)).json().percent).toBe(70);
    const ret = await d.post(`${base}/tasks/${task.id}/updates/${u2.id}/return`, { comment: '数据无佐证' }, { 'if-match': `"v${u2.version}"` });
    expect(ret.json()).toMatchObject({ state: 'returned', officeComment: '数据无佐证' });
    expect((await d.get(`${base}/tasks/${task.id}`)).json()).toMatchObject({ percent: 30, lastUpdateOn: '2026-10-20' });
    expect(u1.percent).toBe(30);
    const bulk = await d.post(`${base}/tasks/bulk-assign`, { taskIds: [task.id], leadUnitId: unit('州司法局') });
    expect(bulk.json()).toEqual({ changed: 1 });
  });

  it('A1-6, A2-5: the dashboard counts by status, unit and county, and lists key tasks with no update this month', async () => {
    t.clock.set('2026-11-03T02:00:00.000Z');
    const d = await login(t.app, 'cj.director');
    const dash = (await d.get(`${base}/dashboard`)).json();
    expect(dash.totals.tasks).toBe(4);
    expect(dash.totals.keyTasks).toBe(1);
    expect(dash.totals.byStatus).toMatchObject({ done: 1, overdue: 1 });
    expect(dash.keyTasksWithoutUpdate.map((k: { id: string }) => k.id)).toEqual([parentId]);
    expect(dash.byCounty.find((c: { officeName: string }) => c.officeName === '昌吉市')).toMatchObject({ tasks: 1, averagePercent: 60 });
    expect(dash.byCounty).toHaveLength(10);
    expect(dash.byUnit.length).toBeGreaterThanOrEqual(3);
    expect(dash.trend).toHaveLength(12);
    expect(dash.trend.find((m: { month: string }) => m.month === '2026-10').done).toBe(1);
    // the leader reads the dashboard; a liaison does not
    expect((await (await login(t.app, 'cj.leader')).get(`${base}/dashboard`)).statusCode).toBe(200);
    expect((await (await login(t.app, 'cj.liaison')).get(`${base}/dashboard`)).statusCode).toBe(403);
    // Key tasks without an update this month: open ones only; one closed (销号) or cancelled, or updated this month, is not listed.
    const key = async (title: string) => (await d.post(`${base}/tasks`, { title, leadUnitId: unit('州财政局'), deadline: '2026-12-31', keyTask: true })).json() as { id: string; version: number };
    const [open, done, cancelled, updated] = [await key('重点甲：未报进展'), await key('重点乙：已销号'), await key('重点丙：已取消'), await key('重点丁：本月已报')];
    expect((await d.post(`${base}/tasks/${done.id}/confirm-done`, { note: '完成' }, { 'if-match': `"v${done.version}"` })).statusCode).toBe(200);
    expect((await d.post(`${base}/tasks/${cancelled.id}/cancel`, { reason: '并入其他任务' }, { 'if-match': `"v${cancelled.version}"` })).statusCode).toBe(200);
    expect((await d.post(`${base}/tasks/${updated.id}/updates`, { doneText: '本月进展', reportedOn: '2026-11-02' })).statusCode).toBe(201);
    const listed = ((await d.get(`${base}/dashboard`)).json().keyTasksWithoutUpdate as Array<{ id: string }>).map((k) => k.id);
    expect(listed).toEqual(expect.arrayContaining([parentId, open.id]));
    for (const x of [done, cancelled, updated]) expect(listed).not.toContain(x.id);
  });

  it('A2-5: the dashboard trend counts every progress update by month; the per-day counts kept on insert match the updates, and the migration rebuilds them', async () => {
    const officeId = t.offices['昌吉州']!;
    const db = t.handle.db;
    const actual = async () =>
      (await db.selectFrom('progressUpdates').select(['reportedOn', (eb) => eb.fn.countAll<number>().as('n')]).where('officeId', '=', officeId).groupBy('reportedOn').orderBy('reportedOn').execute()).map((r) => ({ reportedOn: r.reportedOn, n: Number(r.n) }));
    const kept = async () => (await db.selectFrom('progressUpdateDays').select(['reportedOn', 'n']).where('officeId', '=', officeId).orderBy('reportedOn').execute()).map((r) => ({ reportedOn: r.reportedOn, n: Number(r.n) }));
    const before = await actual();
    expect(before.length).toBeGreaterThan(0); // the tests above reported progress
    expect(await kept()).toEqual(before);
    // two more updates on one day: the day's count goes up by two, and the month in the trend with it
    t.clock.set('2026-11-03T02:00:00.000Z');
    const d = await login(t.app, 'cj.director');
    const trendNov = async () => (await d.get(`${base}/dashboard`)).json().trend.find((m: { month: string }) => m.month === '2026-11').updates as number;
    const novBefore = await trendNov();
    const task = (await d.post(`${base}/tasks`, { title: '推行区域评估', leadUnitId: unit('州自然资源局'), deadline: '2026-12-31' })).json();
    for (const percent of [10, 20]) expect((await d.post(`${base}/tasks/${task.id}/updates`, { reportedOn: '2026-11-02', doneText: '召开推进会', percent })).statusCode).toBe(201);
    expect(await trendNov()).toBe(novBefore + 2);
    const after = await actual();
    expect(await kept()).toEqual(after);
    expect(after.find((r) => r.reportedOn === '2026-11-02')!.n).toBeGreaterThanOrEqual(2);
    // the migration fills the table from the updates already there (an upgraded installation)
    await db.schema.dropTable('progress_update_days').execute();
    await updateDaysMigration.up(db);
    expect(await kept()).toEqual(after);
  });

  it('A1-6: the implementation plan and its clauses are recorded; saved views belong to their owner', async () => {
    const d = await login(t.app, 'cj.director');
    const plan = await d.post(`${base}/plans`, { kind: 'implementation_plan', title: '昌吉州工程建设项目审批制度改革实施方案', docNumber: '昌建审改〔2026〕1号', adoptedOn: '2026-03-01', clauses: [{ code: '二、(一)', text: '压缩审批时限' }, { code: '二、(二)', text: '精简审批事项' }] });
    expect(plan.statusCode).toBe(201);
    expect(plan.json().clauses.map((c: { code: string }) => c.code)).toEqual(['二、(一)', '二、(二)']);
    expect((await d.get(`${base}/plans`)).json().items).toHaveLength(1);
    expect((await (await login(t.app, 'cj.leader')).post(`${base}/plans`, { kind: 'task_division', title: 'x' })).statusCode).toBe(403);
    const view = await d.post(`${base}/views`, { name: '逾期重点任务', filters: { status: 'overdue', keyTask: 'true' } });
    expect(view.statusCode).toBe(201);
    expect((await d.get(`${base}/views`)).json().items.map((v: { name: string }) => v.name)).toEqual(['逾期重点任务']);
    const leader = await login(t.app, 'cj.leader');
    expect((await leader.get(`${base}/views`)).json().items).toEqual([]);
    expect((await leader.request('DELETE', `${base}/views/${view.json().id}`)).statusCode).toBe(404);
    expect((await d.request('DELETE', `${base}/views/${view.json().id}`)).statusCode).toBe(200);
  });

  it('A1-9: the lead unit requests a later deadline before it passes; the office approves (deadline and at-risk date move) or refuses with a note', async () => {
    t.clock.set('2026-09-01T02:00:00.000Z');
    const d = await login(t.app, 'cj.director');
    const task = (await d.post(`${base}/tasks`, { title: '推行施工图数字化审查', leadUnitId: liaisonUnit, cooperatingUnitIds: [unit('州自然资源局')], deadline: '2026-10-30' })).json();
    const liaison = await login(t.app, 'cj.liaison');
    const url = `${base}/tasks/${task.id}/extensions`;
    expect((await liaison.get(`${base}/my/tasks/${task.id}`)).json().abilities).toEqual(['update', 'request_extension']);
    expect((await d.post(url, { newDeadline: '2026-12-31', reason: '办公室' })).statusCode).toBe(403); // the lead unit asks, not the office
    expect((await liaison.post(url, { newDeadline: '2026-10-15', reason: '提前' })).json().error.details).toMatchObject({ field: 'newDeadline' });
    const asked = await liaison.post(url, { newDeadline: '2026-12-31', reason: '系统对接需省级平台配合，预计12月完成' });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json().extensions).toMatchObject([{ state: 'pending', currentDeadline: '2026-10-30', newDeadline: '2026-12-31', unitName: '州发展和改革委员会' }]);
    expect(asked.json().abilities).toEqual(['update']);
    expect((await liaison.post(url, { newDeadline: '2027-01-31', reason: '再次' })).statusCode).toBe(409);
    // the office is told, with the reason
    const told = (await d.get('/api/v1/notifications')).json().items.find((n: { kind: string }) => n.kind === 'task.extension.requested');
    expect(told).toMatchObject({ title: '延期申请：2026-08 推行施工图数字化审查（2026-10-30 → 2026-12-31）'.replace('2026-08', task.code), body: '系统对接需省级平台配合，预计12月完成', link: `/offices/${t.offices['昌吉州']}/ledger/tasks/${task.id}` });
    // the office sees it pending, approves it with the version it read; the deadline and the at-risk date move
    const pending = (await d.get(`${base}/extensions?state=pending`)).json().items;
    expect(pending).toMatchObject([{ taskId: task.id, taskTitle: '推行施工图数字化审查', reason: '系统对接需省级平台配合，预计12月完成' }]);
    const req = pending[0];
    expect((await liaison.post(`${url}/${req.id}/approve`, {}, { 'if-match': `"v${req.version}"` })).statusCode).toBe(403);
    expect((await d.post(`${url}/${req.id}/approve`, {})).statusCode).toBe(428);
    const ok = await d.post(`${url}/${req.id}/approve`, { note: '同意' }, { 'if-match': `"v${req.version}"` });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ deadline: '2026-12-31', atRiskFrom: '2026-12-17', extensions: [{ state: 'approved', decisionNote: '同意' }] });
    expect((await d.post(`${url}/${req.id}/reject`, { note: '不同意' }, { 'if-match': `"v${req.version + 1}"` })).statusCode).toBe(409);
    expect((await liaison.get('/api/v1/notifications')).json().items[0]).toMatchObject({ kind: 'task.extension.approved', title: `延期已批准：${task.code} 推行施工图数字化审查，完成时限改为 2026-12-31`, body: '同意' });
    // a second request, refused with a note: the deadline stays
    const again = (await liaison.post(url, { newDeadline: '2027-03-31', reason: '春节影响' })).json();
    const second = again.extensions[0];
    expect((await d.post(`${url}/${second.id}/reject`, {}, { 'if-match': `"v${second.version}"` })).statusCode).toBe(400); // a refusal needs a note
    const no = await d.post(`${url}/${second.id}/reject`, { note: '不影响主体工作，按期完成' }, { 'if-match': `"v${second.version}"` });
    expect(no.json()).toMatchObject({ deadline: '2026-12-31', extensions: [{ state: 'rejected', decisionNote: '不影响主体工作，按期完成' }, { state: 'approved' }] });
    expect(no.json().history.map((h: { action: string }) => h.action)).toEqual(['task.create', 'task.extension.request', 'task.extension.approve', 'task.extension.request', 'task.extension.reject']);
    // two requests at the same moment: one is pending, the other is refused (never a 500)
    const both = await Promise.all([liaison.post(url, { newDeadline: '2027-02-28', reason: '并发一' }), liaison.post(url, { newDeadline: '2027-03-31', reason: '并发二' })]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    // after the deadline has passed, no request
    const short = (await d.post(`${base}/tasks`, { title: '清理规范审批中介服务事项', leadUnitId: liaisonUnit, deadline: '2026-09-10' })).json();
    t.clock.set('2026-09-11T02:00:00.000Z');
    const lateAgent = await login(t.app, 'cj.liaison');
    expect((await lateAgent.get(`${base}/my/tasks/${short.id}`)).json().abilities).toEqual(['update']);
    const late = await lateAgent.post(`${base}/tasks/${short.id}/extensions`, { newDeadline: '2026-10-31', reason: '逾期后申请' });
    expect(late.statusCode).toBe(422);
    expect(late.json().error.message).toContain('前提出');
    t.clock.set('2026-09-01T02:00:00.000Z');
  });

  it('A1-8 → A1-6: a task created by another module (a meeting decision) keeps its source', async () => {
    const task = await t.services.ledger.createTask(t.offices['昌吉州']!, { title: '落实全体会议决定：建立联审机制', leadUnitId: unit('州发展和改革委员会'), deadline: '2026-12-31', source: { type: 'meeting_decision', ref: 'decision-1', label: '2026年第四季度全体会议 第1项决定' } }, { actor: null, requestId: 'test', ip: null });
    expect(task.source).toEqual({ type: 'meeting_decision', ref: 'decision-1', label: '2026年第四季度全体会议 第1项决定' });
    expect(task.abilities).toEqual([]);
  });

  it('A1-9: sending an update back moves the figure only if it was giving it; a cooperating unit\'s part and a text-only update never give it', async () => {
    const before = t.clock.now();
    t.clock.set('2026-10-22T02:00:00.000Z');
    const d = await login(t.app, 'cj.director');
    const lead = unit('州财政局');
    const coop = unit('州司法局');
    const task = (await d.post(`${base}/tasks`, { title: '退回规则测试任务', leadUnitId: lead, cooperatingUnitIds: [coop], deadline: '2026-12-31' })).json();
    const post = async (body: Record<string, unknown>) => {
      const r = await d.post(`${base}/tasks/${task.id}/updates`, { doneText: '进展', ...body });
      expect(r.statusCode, r.body).toBe(201);
      return r.json();
    };
    const figure = async () => (await d.get(`${base}/tasks/${task.id}`)).json() as { percent: number | null; lastUpdateOn: string | null };
    const sendBack = async (u: { id: string; version: number }) =>
      expect((await d.post(`${base}/tasks/${task.id}/updates/${u.id}/return`, { comment: '退回' }, { 'if-match': `"v${u.version}"` })).statusCode).toBe(200);
    await post({ unitId: lead, percent: 30, reportedOn: '2026-10-01' });
    const coop90 = await post({ unitId: coop, percent: 90, reportedOn: '2026-10-15' });
    expect(await figure()).toMatchObject({ percent: 30, lastUpdateOn: '2026-10-15' }); // the cooperating unit's part
    const text = await post({ unitId: lead, reportedOn: '2026-10-18' });
    const lead70 = await post({ unitId: lead, percent: 70 });
    expect(lead70.reportedOn > '2026-10-18').toBe(true); // today
    expect(await figure()).toMatchObject({ percent: 70, lastUpdateOn: lead70.reportedOn });
    await sendBack(text);
    expect(await figure()).toMatchObject({ percent: 70, lastUpdateOn: lead70.reportedOn });
    await sendBack(lead70); // falls back past the text-only and the cooperating unit's update to the lead unit's 30
    expect(await figure()).toMatchObject({ percent: 30, lastUpdateOn: '2026-10-15' });
    await sendBack(coop90);
    expect(await figure()).toMatchObject({ percent: 30, lastUpdateOn: '2026-10-01' });
    // each return's audit row holds the figure before and after
    const returns = await t.handle.db.selectFrom('auditLog').select(['before', 'after']).where('entityId', '=', task.id).where('action', '=', 'task.progress.return').orderBy('seq').execute();
    expect(returns.map((r) => [JSON.parse(r.before!), JSON.parse(r.after!)])).toEqual([
      [{ percent: 70, lastUpdateOn: lead70.reportedOn }, { updateId: text.id, comment: '退回', percent: 70, lastUpdateOn: lead70.reportedOn }],
      [{ percent: 70, lastUpdateOn: lead70.reportedOn }, { updateId: lead70.id, comment: '退回', percent: 30, lastUpdateOn: '2026-10-15' }],
      [{ percent: 30, lastUpdateOn: '2026-10-15' }, { updateId: coop90.id, comment: '退回', percent: 30, lastUpdateOn: '2026-10-01' }],
    ]);
    t.clock.set(before);
  });

  it('A1-9: a lead unit\'s late report dated after its last one gives the figure, though a cooperating unit reported later', async () => {
    const before = t.clock.now();
    t.clock.set('2026-10-22T02:00:00.000Z');
    const d = await login(t.app, 'cj.director');
    const [lead, coop] = [unit('州财政局'), unit('州司法局')];
    const task = (await d.post(`${base}/tasks`, { title: '补报定进度测试任务', leadUnitId: lead, cooperatingUnitIds: [coop], deadline: '2026-12-31' })).json();
    const post = async (body: Record<string, unknown>) => expect((await d.post(`${base}/tasks/${task.id}/updates`, { doneText: '进展', ...body })).statusCode).toBe(201);
    const figure = async () => (await d.get(`${base}/tasks/${task.id}`)).json() as { percent: number | null; lastUpdateOn: string | null };
    await post({ unitId: lead, percent: 30, reportedOn: '2026-10-01' });
    await post({ unitId: coop, percent: 90, reportedOn: '2026-10-15' });
    await post({ unitId: lead, percent: 50, reportedOn: '2026-10-10' }); // late, but after the figure's own
    expect(await figure()).toMatchObject({ percent: 50, lastUpdateOn: '2026-10-15' });
    await post({ unitId: lead, percent: 20, reportedOn: '2026-09-20' }); // older than the figure's: stays
    expect(await figure()).toMatchObject({ percent: 50, lastUpdateOn: '2026-10-15' });
    t.clock.set(before);
  });

  it('A1-6: loading or amending a calendar year moves the at-risk dates of the tasks it covers, in the same transaction, audited', async () => {
    const id = (await director.post(`${base}/tasks`, { title: '跨年度日历任务', leadUnitId: unit('州发展和改革委员会'), deadline: '2029-06-15' })).json().id;
    const page = async () => (await director.get(`${base}/tasks/${id}`)).json() as { atRiskFrom: string | null; deadlineProblem: string | null; version: number; status: string };
    const before = await page();
    expect(before).toMatchObject({ atRiskFrom: null, deadlineProblem: expect.stringContaining('2029') }); // no 2029 schedule yet: no guess
    const sys = await login(t.app, 'sysadmin');
    const put = (days: Array<{ date: string; kind: string; name: string }>, version: number) => sys.put('/api/v1/calendar/years/2029', { source: '国务院办公厅通知（录入）', days }, { 'if-match': `"v${version}"` });
    // 2029-06-14 (Thursday) a holiday: eleven working days back from Friday 2029-06-15 is Thursday 2029-05-31
    expect((await put([{ date: '2029-06-14', kind: 'holiday', name: '端午节' }], 0)).statusCode).toBe(200);
    const loaded = await page();
    expect(loaded).toMatchObject({ atRiskFrom: '2029-05-31', deadlineProblem: null });
    expect(loaded.version).toBe(before.version + 1);
    // an edit made on the page before the calendar changed is stale now
    expect((await director.patch(`${base}/tasks/${id}`, { title: '跨年度日历任务（改）' }, { 'if-match': `"v${before.version}"` })).statusCode).toBe(412);
    // the year amended: without the holiday the date moves a working day later
    expect((await put([], 1)).statusCode).toBe(200);
    expect((await page()).atRiskFrom).toBe('2029-06-01');
    const rows = await t.handle.db.selectFrom('auditLog').select(['after']).where('action', '=', 'task.risk_dates.recompute').orderBy('seq').execute();
    expect(rows.map((r) => JSON.parse(r.after!))).toEqual([
      { years: [2029], deadlines: { from: '2029-01-01', to: '2030-12-31' }, tasks: 1 },
      { years: [2029], deadlines: { from: '2029-01-01', to: '2030-12-31' }, tasks: 1 },
    ]);
  });

  it('A1-6, A1-9: what changed in a period — created, reported on (figure before and now), extended, become overdue, done, cancelled', async () => {
    const start = t.clock.now();
    try {
      t.clock.set('2025-09-10T02:00:00.000Z');
      let d = await login(t.app, 'cj.director');
      const lead = liaisonUnit;
      const make = async (title: string, deadline: string) => (await d.post(`${base}/tasks`, { title, leadUnitId: lead, deadline })).json() as { id: string; version: number };
      const a = await make('变化甲：报送进展', '2025-12-31');
      const b = await make('变化乙：九月逾期后销号', '2025-09-25');
      const c = await make('变化丙：十月逾期', '2025-10-06');
      const e = await make('变化戊：十月取消', '2025-12-31');
      const x = await make('变化己：十月延期', '2025-11-30');
      expect((await d.post(`${base}/tasks/${a.id}/updates`, { doneText: '九月进展', percent: 30 })).statusCode).toBe(201);
      t.clock.set('2025-10-08T02:00:00.000Z');
      d = await login(t.app, 'cj.director');
      const f = await make('变化庚：十月新建', '2025-12-31');
      expect((await d.post(`${base}/tasks/${a.id}/updates`, { doneText: '十月进展', percent: 60 })).statusCode).toBe(201);
      expect((await d.post(`${base}/tasks/${b.id}/confirm-done`, { note: '完成' }, { 'if-match': `"v${(await d.get(`${base}/tasks/${b.id}`)).json().version}"` })).statusCode).toBe(200);
      expect((await d.post(`${base}/tasks/${e.id}/cancel`, { reason: '并入其他任务' }, { 'if-match': `"v${(await d.get(`${base}/tasks/${e.id}`)).json().version}"` })).statusCode).toBe(200);
      const liaison = await login(t.app, 'cj.liaison');
      const asked = (await liaison.post(`${base}/tasks/${x.id}/extensions`, { newDeadline: '2025-12-31', reason: '等待省级平台' })).json();
      const r = asked.extensions[0];
      expect((await d.post(`${base}/tasks/${x.id}/extensions/${r.id}/approve`, { note: '同意' }, { 'if-match': `"v${r.version}"` })).statusCode).toBe(200);

      const october = await d.get(`${base}/changes?from=2025-10-01`);
      expect(october.statusCode, october.body).toBe(200);
      const o = october.json();
      expect(o).toMatchObject({ from: '2025-10-01', to: '2025-10-08', asOf: '2025-10-08', counts: { created: 1, progress: 1, extended: 1, overdue: 1, done: 1, cancelled: 1 }, truncated: false });
      const byId = (list: Array<{ taskId: string }>) => new Map(list.map((i) => [i.taskId, i]));
      const oi = byId(o.items);
      expect(oi.get(a.id)).toMatchObject({ percentBefore: 30, percentNow: 60, changes: [{ kind: 'progress', on: '2025-10-08', n: 1, note: null }] });
      expect(oi.get(b.id)).toMatchObject({ status: 'done', changes: [{ kind: 'done', on: '2025-10-08' }] }); // overdue since 09-26: September's news
      expect(oi.get(c.id)).toMatchObject({ status: 'overdue', changes: [{ kind: 'overdue', on: '2025-10-07' }] });
      expect(oi.get(e.id)).toMatchObject({ status: 'cancelled', changes: [{ kind: 'cancelled', on: '2025-10-08' }] });
      expect(oi.get(x.id)).toMatchObject({ changes: [{ kind: 'extended', on: '2025-10-08', note: '2025-11-30 → 2025-12-31' }] });
      expect(oi.get(f.id)).toMatchObject({ percentBefore: null, percentNow: null, changes: [{ kind: 'created', on: '2025-10-08' }] });
      expect(o.items.map((i: { code: string }) => i.code)).toEqual([...o.items.map((i: { code: string }) => i.code)].sort());
      // the task's timeline has the days its status moved by the calendar, titled, in their places (USERS-ASK)
      const cPage = (await d.get(`${base}/tasks/${c.id}`)).json() as { atRiskFrom: string; history: Array<{ at: string; action: string; actorName: string | null; title: string }> };
      expect(cPage.history.map((h) => h.action)).toEqual(['task.create', 'task.status.due_soon', 'task.status.overdue']);
      expect(cPage.history[1]).toEqual({ at: new Date(Date.parse(`${cPage.atRiskFrom}T00:00:00+08:00`)).toISOString(), action: 'task.status.due_soon', actorName: null, title: '进入期限前10个工作日 / Within 10 working days of the deadline' });
      expect(cPage.history[2]).toMatchObject({ at: '2025-10-06T16:00:00.000Z', title: '超过完成时限 / Deadline passed' });
      // overdue from 09-26, then done on 10-08: both in the timeline, in order; a task not yet due has no such day
      expect((await d.get(`${base}/tasks/${b.id}`)).json().history.map((h: { action: string }) => h.action)).toEqual(['task.create', 'task.status.due_soon', 'task.status.overdue', 'task.confirm_done']);
      expect((await d.get(`${base}/tasks/${f.id}`)).json().history.map((h: { action: string }) => h.action)).toEqual(['task.create']);

      const september = (await d.get(`${base}/changes?from=2025-09-01&to=2025-09-30`)).json();
      expect(september.counts).toEqual({ created: 5, progress: 1, extended: 0, overdue: 1, done: 0, cancelled: 0 });
      const si = byId(september.items);
      expect(si.get(a.id)).toMatchObject({ percentBefore: null, percentNow: 60, changes: [{ kind: 'created', on: '2025-09-10' }, { kind: 'progress', on: '2025-09-10', n: 1 }] });
      expect(si.get(b.id)).toMatchObject({ changes: [{ kind: 'created', on: '2025-09-10' }, { kind: 'overdue', on: '2025-09-26' }] });

      // bad periods: the field is named
      for (const [q, field] of [['from=2025-10-09', 'from'], ['from=2025-10-05&to=2025-10-01', 'to'], ['from=2024-01-01&to=2025-10-01', 'to']] as const) {
        const bad = await d.get(`${base}/changes?${q}`);
        expect(bad.statusCode, q).toBe(400);
        expect(bad.json().error.details).toMatchObject({ field });
      }
      expect((await d.get(`${base}/changes?from=2025-9-1`)).statusCode).toBe(400);
      expect((await d.get(`${base}/changes`)).statusCode).toBe(400);
    } finally {
      t.clock.set(start);
    }
  });

  it('A1-6: at midnight the job moves the kept statuses to the new day; the list by status answers by them', async () => {
    const start = t.clock.now();
    try {
      t.clock.set('2025-12-01T02:00:00.000Z'); // Monday 1 December 2025, China time 10:00
      let d = await login(t.app, 'cj.director');
      const task = (await d.post(`${base}/tasks`, { title: '午夜状态：12月2日到期', leadUnitId: liaisonUnit, deadline: '2025-12-02' })).json() as { id: string; status: string };
      const listed = async (status: string) => ((await d.get(`${base}/tasks?unitId=${liaisonUnit}&status=${status}&limit=100`)).json().items as Array<{ id: string; status: string }>).find((x) => x.id === task.id);
      expect(await listed('at_risk')).toMatchObject({ status: 'at_risk' });
      const kept = async () => (await t.handle.db.selectFrom('tasks').select('status').where('id', '=', task.id).executeTakeFirstOrThrow()).status;
      const day = async () => (await t.handle.db.selectFrom('taskStatusDay').select('day').executeTakeFirstOrThrow()).day;
      // the statuses job alone (the reminder's digests belong to the next test)
      const jobs = createJobRunner({ db: t.handle.db, clock: t.clock, jobs: ledgerJobs(t.services.ledger).filter((j) => j.name === 'ledger.statuses'), owner: 'test' });
      // Thursday 4 December, 00:00:30 China time: the task is now overdue; the job's tick moves the day before any read
      t.clock.set('2025-12-03T16:00:30.000Z');
      expect(await jobs.tick()).toContain('ledger.statuses');
      expect(await day()).toBe('2025-12-04');
      expect(await kept()).toBe('overdue');
      d = await login(t.app, 'cj.director'); // a new day, a new session
      expect(await listed('overdue')).toMatchObject({ status: 'overdue' });
      expect(await listed('at_risk')).toBeUndefined();
      // a later tick in the same slot does nothing
      expect(await jobs.tick()).not.toContain('ledger.statuses');
    } finally {
      t.clock.set(start);
    }
  });

  it('A1-6, A2-13 (有督促): the daily reminder tells the lead unit\'s liaison officer, in one digest, what is due within 3 working days and what is overdue', async () => {
    const start = t.clock.now();
    try {
      t.clock.set('2025-11-13T02:00:00.000Z');
      const d = await login(t.app, 'cj.director');
      const make = async (title: string, deadline: string) => (await d.post(`${base}/tasks`, { title, leadUnitId: liaisonUnit, deadline })).json() as { id: string; code: string; version: number };
      const soon = await make('提醒甲：周三到期', '2025-11-19');
      const later = await make('提醒乙：月底到期', '2025-11-28');
      const late = await make('提醒丙：上周五到期', '2025-11-14');
      const long = await make('提醒丁：十月到期', '2025-10-31');
      const closed = await make('提醒戊：已销号', '2025-11-18');
      expect((await d.post(`${base}/tasks/${closed.id}/confirm-done`, { note: '完成' }, { 'if-match': `"v${closed.version}"` })).statusCode).toBe(200);
      const digest = async () => {
        const liaison = await login(t.app, 'cj.liaison');
        return ((await liaison.get('/api/v1/notifications')).json().items as Array<{ kind: string; title: string; body: string; link: string; createdAt: string }>)
          .filter((n) => n.kind === 'task.reminder').sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
      };
      // Monday 2025-11-17: due soon and overdue, the long-overdue too (weekly)
      t.clock.set('2025-11-17T01:00:00.000Z');
      expect(await t.services.ledger.remindDue()).toBeGreaterThan(0);
      const monday = (await digest())!;
      expect(monday.title).toMatch(/^任务提醒：\d+ 项 3 个工作日内到期，\d+ 项已逾期$/);
      expect(monday.link).toBe(`/offices/${t.offices['昌吉州']}/my-tasks`);
      for (const x of [soon, late, long]) expect(monday.body).toContain(x.code);
      for (const x of [later, closed]) expect(monday.body).not.toContain(`${x.code} `);
      // Tuesday: the long-overdue one waits for next Monday
      t.clock.set('2025-11-18T01:00:00.000Z');
      await t.services.ledger.remindDue();
      const tuesday = (await digest())!;
      expect(tuesday.createdAt > monday.createdAt).toBe(true);
      expect(tuesday.body).toContain(soon.code);
      expect(tuesday.body).toContain(late.code);
      expect(tuesday.body).not.toContain(`${long.code} `);
      // each digest is audited
      const rows = await t.handle.db.selectFrom('auditLog').select(['after']).where('action', '=', 'task.remind').where('entityId', '=', liaisonUnit).execute();
      expect(rows.length).toBeGreaterThanOrEqual(2);
    } finally {
      t.clock.set(start);
    }
  });

  it('A1-9: a late progress report (dated before the latest) is answered with itself and moves neither the figure nor the date; a review answers with the reviewed update', async () => {
    const id = (await director.post(`${base}/tasks`, { title: '补报进展顺序检查', leadUnitId: unit('州发展和改革委员会'), deadline: '2026-12-31' })).json().id;
    const first = await director.post(`${base}/tasks/${id}/updates`, { doneText: '本周进展', percent: 30 });
    expect(first.statusCode).toBe(201);
    const late = await director.post(`${base}/tasks/${id}/updates`, { doneText: '补报上月进展', percent: 20, reportedOn: '2026-08-20' });
    expect(late.statusCode).toBe(201);
    expect(late.json()).toMatchObject({ doneText: '补报上月进展', reportedOn: '2026-08-20', percent: 20 });
    expect(late.json().id).not.toBe(first.json().id);
    const task = (await director.get(`${base}/tasks/${id}`)).json();
    expect(task.lastUpdateOn).toBe(first.json().reportedOn);
    expect(task.percent).toBe(30); // the late report does not move the figure back
    expect(task.updates.map((u: { doneText: string }) => u.doneText)).toEqual(['本周进展', '补报上月进展']);
    // The office comments on the late report, below 200 newer ones: the answer is that update.
    for (let k = 0; k < 200; k++) expect((await director.post(`${base}/tasks/${id}/updates`, { doneText: `第${k}次进展`, percent: 40 })).statusCode).toBe(201);
    const reviewed = await director.post(`${base}/tasks/${id}/updates/${late.json().id}/comment`, { comment: '补报已阅' }, { 'if-match': `"v${late.json().version}"` });
    expect(reviewed.statusCode).toBe(200);
    expect(reviewed.json()).toMatchObject({ id: late.json().id, officeComment: '补报已阅', doneText: '补报上月进展' });
    const file = multipart('补报佐证.pdf', PDF);
    const att = await director.request('POST', `${base}/tasks/${id}/updates/${late.json().id}/attachments`, file.body, { 'content-type': file.contentType });
    expect(att.json()).toMatchObject({ id: late.json().id, attachments: [{ filename: '补报佐证.pdf' }] });
  });

  it('A1-7, A1-9: concurrent progress updates of one task, and of two sub-tasks of one parent, lose no figure', async () => {
    const d = director;
    const lead = unit('州财政局');
    const task = (await d.post(`${base}/tasks`, { title: '并发进展任务', leadUnitId: lead, deadline: '2026-12-31' })).json();
    // Ten at once: every one is kept and each moves the task's version (none is refused, none overwritten).
    const sent = await Promise.all(Array.from({ length: 10 }, (_, i) => d.post(`${base}/tasks/${task.id}/updates`, { doneText: `并发进展${i}`, percent: 10 + i })));
    expect(sent.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    const after = (await d.get(`${base}/tasks/${task.id}`)).json();
    expect(after.version).toBe(task.version + 10);
    expect(after.updates).toHaveLength(10);
    expect(sent.map((r) => r.json().percent)).toContain(after.percent);
    // Two sub-tasks at once: the parent's roll-up sees both (A1-7).
    const parent = (await d.post(`${base}/tasks`, { title: '并发汇总任务', leadUnitId: lead, deadline: '2026-12-31' })).json();
    const kids = [];
    for (const title of ['并发子任务一', '并发子任务二']) kids.push((await d.post(`${base}/tasks`, { title, parentId: parent.id, leadUnitId: lead, deadline: '2026-12-31' })).json());
    for (let round = 0; round < 5; round++) {
      t.clock.advance(1000); // each round's updates are later than the last round's (the test clock stands still)
      const [a, b] = [20 + round, 60 + round];
      const both = await Promise.all([d.post(`${base}/tasks/${kids[0].id}/updates`, { doneText: '子任务一进展', percent: a }), d.post(`${base}/tasks/${kids[1].id}/updates`, { doneText: '子任务二进展', percent: b })]);
      expect(both.map((r) => r.statusCode)).toEqual([201, 201]);
      expect((await d.get(`${base}/tasks/${parent.id}`)).json().percent).toBe(Math.round((a + b) / 2));
    }
  });

  it('A1-6: the list by unit holds the tasks it leads and the ones it cooperates on, under every other filter, sort and page (by status in code order: from the kept list rows, item for item)', async () => {
    const [a, b, c] = [unit('州发展和改革委员会'), unit('州自然资源局'), unit('州住房和城乡建设局')];
    const made = [
      { title: '单位筛选一', leadUnitId: a, cooperatingUnitIds: [b], deadline: '2026-11-30', keyTask: true },
      { title: '单位筛选二', leadUnitId: b, cooperatingUnitIds: [a, c], deadline: '2026-10-15' },
      { title: '单位筛选三', leadUnitId: c, deadline: '2026-12-20' },
      { title: '单位筛选四', leadUnitId: a, deadline: '2026-09-20', keyTask: true },
      { title: '单位筛选五', leadUnitId: c, cooperatingUnitIds: [a], deadline: '2027-03-01' },
    ];
    const ids: string[] = [];
    for (const [i, m] of made.entries()) {
      const id = (await director.post(`${base}/tasks`, m)).json().id;
      ids.push(id);
      if (i % 2 === 0) expect((await director.post(`${base}/tasks/${id}/updates`, { doneText: '推进中', percent: 10 * (i + 1) })).statusCode).toBe(201);
    }
    // Changes after the cooperating units were set (the list reads their copies of the task's status columns): one
    // task done, one cancelled, one's deadline moved into the past, one's into the future.
    const ifMatch = async (id: string) => ({ 'if-match': `"v${(await director.get(`${base}/tasks/${id}`)).json().version}"` });
    expect((await director.post(`${base}/tasks/${ids[1]}/confirm-done`, { note: '完成' }, await ifMatch(ids[1]!))).statusCode).toBe(200);
    expect((await director.post(`${base}/tasks/${ids[4]}/cancel`, { reason: '并入其他任务' }, await ifMatch(ids[4]!))).statusCode).toBe(200);
    expect((await director.patch(`${base}/tasks/${ids[0]}`, { deadline: '2026-08-31' }, await ifMatch(ids[0]!))).statusCode).toBe(200);
    expect((await director.patch(`${base}/tasks/${ids[3]}`, { deadline: '2027-06-30' }, await ifMatch(ids[3]!))).statusCode).toBe(200);
    // The oracle: the office's whole list in each sort (each database's own order, nulls included), filtered here;
    // a task's cooperating units read from its own page.
    type Item = { id: string; title: string; leadUnitId: string; status: string; keyTask: boolean; depth: number; deadline: string };
    const sorts = ['code', 'deadline', 'percent', 'updated'] as const;
    const bySort: Record<string, Item[]> = Object.fromEntries(await Promise.all(sorts.map(async (sort) => [sort, (await director.get(`${base}/tasks?level=all&limit=200&sort=${sort}`)).json().items as Item[]])));
    const coop = new Map<string, string[]>();
    for (const x of bySort.code!) coop.set(x.id, (await director.get(`${base}/tasks/${x.id}`)).json().cooperatingUnits.map((u: { id: string }) => u.id));
    let checked = 0;
    for (const u of [a, b, c]) {
      const statuses = ['not_started', 'on_track', 'at_risk', 'overdue', 'done', 'cancelled'].map((status) => ({ status }));
      for (const filter of [{}, ...statuses, { keyTask: 'true' }, { level: 'all' }, { q: '单位筛选' }, { deadlineFrom: '2026-09-01', deadlineTo: '2026-12-31' }, { status: 'overdue', keyTask: 'true' }]) {
        for (const sort of sorts) {
          const f = filter as Record<string, string>;
          const expected = bySort[sort]!
            .filter((x) => (f.level === 'all' || x.depth === 0) && (x.leadUnitId === u || coop.get(x.id)!.includes(u)))
            .filter((x) => (!f.status || x.status === f.status) && (!f.keyTask || x.keyTask) && (!f.q || made.some((m) => m.title === x.title)))
            .filter((x) => (!f.deadlineFrom || x.deadline >= f.deadlineFrom) && (!f.deadlineTo || x.deadline <= f.deadlineTo));
          const got: Item[] = [];
          let total = -1;
          for (let offset = 0; offset <= expected.length; offset += 2) {
            const page = (await director.get(`${base}/tasks?${new URLSearchParams({ ...f, unitId: u, sort, limit: '2', offset: String(offset) })}`)).json();
            total = page.total;
            got.push(...page.items);
          }
          expect(total).toBe(expected.length);
          // Whole items, not only ids: a unit's tasks of one status in code order come from the kept list rows
          // (migration 20261206170000), written as JSON by the database; the oracle from the tasks themselves.
          expect(got).toEqual(expected);
          checked += expected.length;
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
    // every status was met by some unit's list
    expect(new Set(bySort.code!.filter((x) => ids.includes(x.id)).map((x) => x.status))).toEqual(new Set(['overdue', 'done', 'not_started', 'on_track', 'cancelled']));
  });

  it('A1-6, A1-9 (one accountable unit): a unit leads a task or cooperates on it, never both — a new lead unit leaves the cooperating units (edit, bulk assign), audited; the database refuses both roles', async () => {
    const [a, b, c, d] = [unit('州发展和改革委员会'), unit('州自然资源局'), unit('州住房和城乡建设局'), unit('州司法局')];
    const made = (await director.post(`${base}/tasks`, { title: '牵头配合互斥', leadUnitId: a, cooperatingUnitIds: [a, b, c], deadline: '2026-12-20' })).json();
    const coopOf = async () => (await director.get(`${base}/tasks/${made.id}`)).json().cooperatingUnits.map((u: { id: string }) => u.id).sort();
    const inList = async (u: string) => (await director.get(`${base}/tasks?${new URLSearchParams({ unitId: u, q: '牵头配合互斥', limit: '10' })}`)).json();
    expect(await coopOf()).toEqual([b, c].sort());
    const v = async () => ({ 'if-match': `"v${(await director.get(`${base}/tasks/${made.id}`)).json().version}"` });
    // the edit: b leads now, and cooperates no more
    expect((await director.patch(`${base}/tasks/${made.id}`, { leadUnitId: b }, await v())).statusCode).toBe(200);
    expect(await coopOf()).toEqual([c]);
    expect(await inList(b)).toMatchObject({ total: 1, items: [{ id: made.id, leadUnitId: b }] });
    // a swap in one edit: the old lead cooperates, the new one leads
    expect((await director.patch(`${base}/tasks/${made.id}`, { leadUnitId: c, cooperatingUnitIds: [b, c, d] }, await v())).statusCode).toBe(200);
    expect(await coopOf()).toEqual([b, d].sort());
    // bulk assign to a cooperating unit
    expect((await director.post(`${base}/tasks/bulk-assign`, { taskIds: [made.id], leadUnitId: d })).json()).toEqual({ changed: 1 });
    expect(await coopOf()).toEqual([b]);
    expect(await inList(d)).toMatchObject({ total: 1, items: [{ id: made.id }] });
    const audited = await t.handle.db.selectFrom('auditLog').select(['action', 'after']).where('entityId', '=', made.id).where('action', 'in', ['task.update', 'task.assign']).orderBy('seq').execute();
    expect(audited.map((r) => [r.action, JSON.parse(r.after!).leftCooperatingUnitIds ?? null])).toEqual([['task.update', [b]], ['task.update', null], ['task.assign', [d]]]);
    // the database itself refuses a unit in both roles, whichever way it would come about
    await expect(t.handle.db.insertInto('taskCooperatingUnits').values({ taskId: made.id, unitId: d }).execute()).rejects.toThrow(/lead unit cannot also be one of its cooperating units/);
    await expect(t.handle.db.updateTable('tasks').set({ leadUnitId: b }).where('id', '=', made.id).execute()).rejects.toThrow(/lead unit cannot also be one of its cooperating units/);
    expect((await director.get(`${base}/tasks/${made.id}`)).json()).toMatchObject({ leadUnitId: d, cooperatingUnits: [{ id: b }] });
  });
});
