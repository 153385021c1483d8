// Incoming documents and major-matter reports (A2-11, A2-12) over the API, on SQLite and PostgreSQL.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, describeEachDb, login, type TestContext } from '../../test/harness.ts';

const v = (res: { json(): { version: number } }) => ({ 'if-match': `"v${res.json().version}"` });

describeEachDb('incoming documents and major matters (A2-11, A2-12)', (dialect) => {
  let t: TestContext;
  let base: string;
  let countyBase: string;
  const as = (who: string) => login(t.app, who);
  const at = async (iso: string, who: string) => {
    t.clock.set(iso);
    return as(who);
  };

  beforeAll(async () => {
    t = await createTestContext(dialect, { now: '2026-11-20T02:00:00.000Z' }); // a Friday
    base = `/api/v1/documents/offices/${t.offices['昌吉州']}`;
    countyBase = `/api/v1/documents/offices/${t.offices['昌吉市']}`;
  });
  afterAll(() => t.close());

  it('A2-12: units and counties submit through the office, which registers each with its own gap-free incoming number and a time limit in working days', async () => {
    const liaison = await as('cj.liaison');
    const a = await liaison.post(`${base}/submissions`, { category: 'approval', title: '关于州发改委投资项目审批流程优化方案的请示', theirNumber: '昌州发改〔2026〕88号', summary: '请审定。' });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ status: 'submitted', sourceType: 'unit', sourceName: '州发展和改革委员会', officeId: t.offices['昌吉州'], incomingNumber: null, light: 'none' });
    const county = await as('cjs.staff');
    const b = await county.post(`${countyBase}/submissions`, { category: 'filing', title: '昌吉市工程建设项目审批制度改革工作细则（报备）', summary: '现报备。' });
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json()).toMatchObject({ sourceType: 'office', sourceName: '昌吉市工程建设项目审批制度改革领导小组办公室', officeId: t.offices['昌吉州'] });
    // Each submitter sees its own, the office's inbox holds both, another unit sees nothing.
    expect((await liaison.get(`${base}/submissions`)).json().items.map((i: { id: string }) => i.id)).toEqual([a.json().id]);
    expect((await county.get(`${countyBase}/submissions`)).json().items.map((i: { id: string }) => i.id)).toEqual([b.json().id]);
    expect((await county.get(`${base}/submissions/${a.json().id}`)).statusCode).toBe(403);
    expect((await liaison.get(`${base}/incoming`)).statusCode).toBe(403);

    const staff = await as('cj.staff');
    const inbox = (await staff.get(`${base}/incoming`)).json().items;
    expect(inbox).toHaveLength(2);
    const ra = await staff.post(`${base}/incoming/${a.json().id}/register`, {}, v(a));
    expect(ra.statusCode, ra.body).toBe(200);
    expect(ra.json()).toMatchObject({ status: 'registered', incomingNumber: '收文〔2026〕1号', registeredOn: '2026-11-20', timeLimitWorkingDays: 10, dueDate: '2026-12-04', light: 'none', workingDaysLeft: 10 });
    const rb = await staff.post(`${base}/incoming/${b.json().id}/register`, {}, v(b));
    expect(rb.json()).toMatchObject({ incomingNumber: '收文〔2026〕2号', timeLimitWorkingDays: 5, dueDate: '2026-11-27' });
    // Registering twice is an invalid move; a stale version is 412.
    expect((await staff.post(`${base}/incoming/${b.json().id}/register`, {}, v(rb))).statusCode).toBe(409);
    expect((await staff.post(`${base}/incoming/${b.json().id}/file`, {}, v(b))).statusCode).toBe(412);

    // Lights: yellow one working day before, red after the due date.
    const thu = await at('2026-11-26T02:00:00.000Z', 'cj.staff');
    expect((await thu.get(`${base}/incoming/${b.json().id}`)).json()).toMatchObject({ light: 'yellow', workingDaysLeft: 1 });
    const mon = await at('2026-11-30T02:00:00.000Z', 'cj.staff');
    expect((await mon.get(`${base}/incoming/${b.json().id}`)).json()).toMatchObject({ light: 'red' });
    const filed = await mon.post(`${base}/incoming/${b.json().id}/file`, {}, v(rb));
    expect(filed.json()).toMatchObject({ status: 'filed', light: 'green' });
    // An approval cannot be merely filed.
    expect((await mon.post(`${base}/incoming/${a.json().id}/file`, {}, v(ra))).statusCode).toBe(422);
    // The county sees its filing filed, with the route.
    const mine = (await (await as('cjs.staff')).get(`${countyBase}/submissions/${b.json().id}`)).json();
    expect(mine.route.map((e: { action: string }) => e.action)).toEqual(['submit', 'register', 'file']);
    t.clock.set('2026-11-20T02:00:00.000Z');
  });

  it('A2-11: a major matter goes to the leader, whose instruction returns to the submitting unit; it can then be linked to a ledger task', async () => {
    const liaison = await at('2026-11-20T02:00:00.000Z', 'cj.liaison');
    const bad = await liaison.post(`${base}/submissions`, { category: 'major_matter', title: '关于重大事项', summary: '' });
    expect(bad.statusCode).toBe(400);
    const m = await liaison.post(`${base}/submissions`, {
      category: 'major_matter',
      title: '关于昌吉市某重点项目施工许可办理受阻的紧急报告',
      matter: { what: '重点项目因消防审验意见分歧，施工许可无法按期核发。', whyUrgent: '项目须于12月开工，否则影响年度投资目标。', request: '请领导小组协调住建、消防部门于一周内形成统一意见。' },
    });
    expect(m.statusCode, m.body).toBe(201);
    const staff = await as('cj.staff');
    const reg = await staff.post(`${base}/incoming/${m.json().id}/register`, {}, v(m));
    expect(reg.json()).toMatchObject({ incomingNumber: '收文〔2026〕3号', timeLimitWorkingDays: 2, dueDate: '2026-11-24' });
    // A2-12: major matters go to the leader, not the director.
    const wrong = await staff.post(`${base}/incoming/forward`, { itemIds: [m.json().id], to: 'director' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.message).toMatch(/^A2-12/);
    const fwd = await staff.post(`${base}/incoming/forward`, { itemIds: [m.json().id], to: 'leader', note: '请组长审阅' });
    expect(fwd.statusCode, fwd.body).toBe(200);
    expect(fwd.json()).toMatchObject({ to: 'leader', items: [{ status: 'forwarded', forwardedTo: 'leader' }] });
    expect((await staff.get(`${base}/incoming/batches/${fwd.json().batchId}`)).json().items).toHaveLength(1);
    // The director (not the leader) cannot instruct it.
    const item = fwd.json().items[0];
    const director = await as('cj.director');
    const no = await director.post(`${base}/incoming/${m.json().id}/instruct`, { instruction: '同意' }, { 'if-match': `"v${item.version}"` });
    expect(no.statusCode).toBe(403);
    expect(no.json().error.message).toMatch(/^A2-12/);
    const leader = await as('cj.leader');
    const ins = await leader.post(`${base}/incoming/${m.json().id}/instruct`, { instruction: '请州住建局牵头，会同消防救援支队本周内协调解决。' }, { 'if-match': `"v${item.version}"` });
    expect(ins.statusCode, ins.body).toBe(200);
    expect(ins.json()).toMatchObject({ status: 'instructed', instruction: '请州住建局牵头，会同消防救援支队本周内协调解决。', light: 'green' });

    // Back at the unit: the instruction, the whole route, and a notification.
    const back = (await liaison.get(`${base}/submissions/${m.json().id}`)).json();
    expect(back).toMatchObject({ status: 'instructed', instruction: expect.stringContaining('州住建局牵头') });
    expect(back.route.map((e: { action: string }) => e.action)).toEqual(['submit', 'register', 'forward', 'instruct']);
    const accountId = (await t.handle.db.selectFrom('accounts').select('id').where('username', '=', 'cj.liaison').executeTakeFirstOrThrow()).id;
    const notes = await t.handle.db.selectFrom('notifications').select('kind').where('accountId', '=', accountId).execute();
    expect(notes.map((n) => n.kind)).toContain('incoming.returned');

    // The instruction becomes a ledger task, led by the unit the leader named, linked both ways.
    const url = `${base}/incoming/${m.json().id}/task`;
    const housing = (await t.handle.db.selectFrom('units').select('id').where('officeId', '=', t.offices['昌吉州']!).where('name', '=', '州住房和城乡建设局').executeTakeFirstOrThrow()).id;
    expect((await liaison.post(url, { leadUnitId: housing, deadline: '2026-11-27' }, v(ins))).statusCode).toBe(403); // the office does it
    expect((await staff.post(url, { leadUnitId: housing, deadline: '2026-11-27' })).statusCode).toBe(428);
    expect((await staff.post(url, { leadUnitId: housing, deadline: '2026-11-27' }, { 'if-match': `"v${item.version}"` })).statusCode).toBe(412);
    const made = await staff.post(url, { leadUnitId: housing, deadline: '2026-11-27', keyTask: true }, v(ins));
    expect(made.statusCode, made.body).toBe(200);
    const taskId = made.json().taskId as string;
    expect(made.json().route.map((e: { action: string }) => e.action)).toEqual(['submit', 'register', 'forward', 'instruct', 'task.create']);
    const task = (await staff.get(`/api/v1/ledger/offices/${t.offices['昌吉州']}/tasks/${taskId}`)).json();
    expect(task).toMatchObject({ title: '关于昌吉市某重点项目施工许可办理受阻的紧急报告', leadUnitName: '州住房和城乡建设局', deadline: '2026-11-27', keyTask: true, source: { type: 'leader_instruction', ref: m.json().id, label: '收文〔2026〕3号 领导批示' } });
    expect(task.description).toContain('批示：请州住建局牵头');
    // a second task from the same instruction is refused; a link must name a task that exists in this office's ledger
    expect((await staff.post(url, { leadUnitId: housing, deadline: '2026-11-27' }, v(made))).statusCode).toBe(409);
    expect((await staff.put(url, { taskId: '0192f0a0-0000-7000-8000-000000000001' })).statusCode).toBe(404);
    const unlinked = await staff.put(url, { taskId: null });
    expect(unlinked.json().taskId).toBeNull();
    const link = await staff.put(url, { taskId });
    expect(link.statusCode, link.body).toBe(200);
    expect(link.json().taskId).toBe(taskId);
    const closed = await staff.post(`${base}/incoming/${m.json().id}/close`, {}, v(link));
    expect(closed.json().status).toBe('closed');
    const audit = await t.handle.db.selectFrom('auditLog').select('action').where('entityId', '=', m.json().id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['incoming.submit', 'incoming.register', 'incoming.instruct', 'incoming.task.create', 'incoming.task.link', 'incoming.task.link', 'incoming.close']);
  });

  it('time limits never guess: a due date in a year whose calendar is not loaded shows "calendar not loaded" until it is', async () => {
    const liaison = await at('2026-12-28T02:00:00.000Z', 'cj.liaison');
    const s = await liaison.post(`${base}/submissions`, { category: 'approval', title: '关于年末请示的请示', summary: '请批示。' });
    const staff = await as('cj.staff');
    const r = await staff.post(`${base}/incoming/${s.json().id}/register`, {}, v(s));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ dueDate: null, light: 'unknown', incomingNumber: '收文〔2026〕4号' });
    expect(r.json().dueDateProblem).toMatch(/calendar not loaded/);
    const ctx = { actor: null, requestId: 'test', ip: null };
    await t.services.calendar.putYear(2027, { source: '国务院办公厅通知（测试）', days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] }, (await t.services.calendar.getYear(2027)).version, ctx);
    const after = (await staff.get(`${base}/incoming/${s.json().id}`)).json();
    expect(after).toMatchObject({ dueDate: '2027-01-12', dueDateProblem: null });
    // A new year restarts the incoming numbers.
    const jan = await at('2027-01-04T02:00:00.000Z', 'cj.liaison');
    const s2 = await jan.post(`${base}/submissions`, { category: 'filing', title: '年初报备', summary: '报备。' });
    const r2 = await (await as('cj.staff')).post(`${base}/incoming/${s2.json().id}/register`, {}, v(s2));
    expect(r2.json().incomingNumber).toBe('收文〔2027〕1号');
    t.clock.set('2026-11-20T02:00:00.000Z');
  });

  it('a rejected submission goes back with the reason; attachments are judged by content and frozen at registration', async () => {
    const county = await at('2026-11-20T02:00:00.000Z', 'cjs.staff');
    const s = await county.post(`${countyBase}/submissions`, { category: 'approval', title: '材料不全的请示', summary: '略' });
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const boundary = '----x';
    const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="附件.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), pdf, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const up = await county.request('POST', `${countyBase}/submissions/${s.json().id}/attachments`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json().files).toHaveLength(1);
    const staff = await as('cj.staff');
    const rej = await staff.post(`${base}/incoming/${s.json().id}/reject`, { reason: '请补充可行性研究材料后再报' }, v(up));
    expect(rej.json()).toMatchObject({ status: 'rejected', rejectReason: '请补充可行性研究材料后再报' });
    expect((await county.get(`${countyBase}/submissions/${s.json().id}`)).json()).toMatchObject({ status: 'rejected', rejectReason: '请补充可行性研究材料后再报' });
    expect((await county.request('POST', `${countyBase}/submissions/${s.json().id}/attachments`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` })).statusCode).toBe(409);
    const f = await staff.get(`${base}/incoming/${s.json().id}/attachments/${up.json().files[0].id}`);
    expect(f.rawPayload.equals(pdf)).toBe(true);
    void dialect;
  });
});
